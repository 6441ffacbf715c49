// pytorch-lr-finder's suggestion (PyTorch Lightning's is the same idea): the steepest point of the
// smoothed loss.
import type { Rule } from '../../types.js';
import { numpyGradient } from '../gradient.js';
import { argmin } from '../statistics.js';
import { type PeerSmoothing, checkCount, checkSmoothing, cutWindow, nothing } from './peer.js';

export interface SteepestOptions {
  /** Points dropped at the start. @default 10 */
  skipStart?: number;
  /** Points dropped at the end. @default 5 */
  skipEnd?: number;
  /** Smoothing applied to the raw losses first. @default 'pytorch-lr-finder' */
  smoothing?: PeerSmoothing;
}

/**
 * argmin of `numpy.gradient` (unit spacing) of the smoothed loss after skipping the first
 * `skipStart` and last `skipEnd` points, as `LRFinder.plot(suggest_lr=True)` does.
 * It tends to pick the very edge of the divergence on curves that fall late and steeply.
 * Lightning's `suggestion()` differs only in its defaults (a bias-corrected EMA like fastai's, and
 * fewer points skipped at the end): `{ smoothing: 'fastai', skipEnd: 1 }` approximates it.
 * @see https://github.com/davidtvs/pytorch-lr-finder/blob/master/torch_lr_finder/lr_finder.py
 */
export function steepestRule(options: SteepestOptions = {}): Rule {
  checkCount('skipStart', options.skipStart, 0);
  checkCount('skipEnd', options.skipEnd, 0);
  checkSmoothing(options.smoothing);
  const skipStart = options.skipStart ?? 10;
  const skipEnd = options.skipEnd ?? 5;
  const smoothing = options.smoothing ?? 'pytorch-lr-finder';
  return (curve) => {
    const window = cutWindow(curve, smoothing, skipStart, skipEnd);
    if (window.losses.length < 2) {
      return nothing('steepest', `steepest needs at least ${skipStart + skipEnd + 2} finite points`);
    }
    const k = argmin(numpyGradient(window.losses));
    if (k < 0) return nothing('steepest', 'steepest found no finite gradient');
    return { rule: 'steepest', lr: window.lrs[k]!, index: window.start + k };
  };
}
