// fastai's four suggestion rules (fastai/callback/schedule.py), reimplemented on plain arrays.
import type { Curve, Rule, RulePick } from '../../types.js';
import { numpyGradient } from '../gradient.js';
import { argmin } from '../statistics.js';
import { type PeerSmoothing, type Window, checkCount, checkSmoothing, cutWindow, nothing } from './peer.js';

export interface FastaiRuleOptions {
  /**
   * The number of iterations the range test was planned for: `lr_find` drops the first
   * `numIter // 10` points. Pass it for a curve that stopped early.
   * @default the curve's length
   */
  numIter?: number;
  /** Points dropped at the start instead of `numIter // 10`. @default floor(numIter / 10) */
  skipStart?: number;
  /** Points dropped at the end (`lr_find` drops 5). @default 5 */
  skipEnd?: number;
  /** Smoothing applied to the raw losses first (fastai's recorder EMA). @default 'fastai' */
  smoothing?: PeerSmoothing;
}

type WindowRule = (window: Window) => RulePick;

function fastaiRule(name: string, options: FastaiRuleOptions, read: WindowRule): Rule {
  checkCount('numIter', options.numIter, 1);
  checkCount('skipStart', options.skipStart, 0);
  checkCount('skipEnd', options.skipEnd, 0);
  checkSmoothing(options.smoothing);
  const skipEnd = options.skipEnd ?? 5;
  const smoothing = options.smoothing ?? 'fastai';
  return (curve: Curve) => {
    const n = Array.isArray(curve?.lrs) ? curve.lrs.length : 0;
    const start = options.skipStart ?? Math.floor((options.numIter ?? n) / 10);
    const window = cutWindow(curve, smoothing, start, skipEnd);
    if (window.losses.length === 0) return nothing(name, `${name} needs more than ${start + skipEnd} finite points`);
    return read(window);
  };
}

/**
 * The longest-decreasing-subsequence lengths `lds[i]` of fastai's valley, in O(n log n): a Fenwick
 * tree over the losses' ranks (largest first) answers "the longest run ending at a strictly larger
 * loss before i". Same values as fastai's O(n²) double loop.
 */
function decreasingRunLengths(losses: readonly number[]): number[] {
  const sorted = Float64Array.from(losses).sort();
  const n = sorted.length;
  // rank 1 = the largest loss; equal losses share a rank (found by binary search on `sorted`).
  const rankOf = (value: number): number => {
    let low = 0;
    let high = n;
    while (low < high) {
      const mid = (low + high) >> 1;
      if (sorted[mid]! <= value) low = mid + 1;
      else high = mid;
    }
    return n - low + 1; // 1 + the number of strictly larger losses
  };
  const tree = new Int32Array(n + 1);
  return losses.map((loss) => {
    const r = rankOf(loss);
    let best = 0;
    for (let i = r - 1; i > 0; i -= i & -i) best = Math.max(best, tree[i]!);
    const length = best + 1;
    for (let i = r; i <= n; i += i & -i) tree[i] = Math.max(tree[i]!, length);
    return length;
  });
}

/**
 * fastai's `valley`: finds the longest valley (the longest strictly decreasing subsequence, read as
 * if it were contiguous) and suggests the point ⌊len/3⌋ + ⌊len/6⌋ (about half-way) into it.
 */
export function valleyRule(options: FastaiRuleOptions = {}): Rule {
  return fastaiRule('valley', options, ({ start, lrs, losses }) => {
    const lds = decreasingRunLengths(losses);
    let maxEnd = 0; // the first index reaching the longest run, as fastai's strict `<` keeps it
    for (let i = 1; i < lds.length; i++) if (lds[i]! > lds[maxEnd]!) maxEnd = i;
    // fastai sets max_start only when max_end moves; it starts at 0.
    const maxStart = maxEnd === 0 ? 0 : maxEnd - lds[maxEnd]!;
    const sections = (maxEnd - maxStart) / 3;
    let idx = maxStart + Math.floor(sections) + Math.floor(sections / 2);
    if (idx < 0) idx += lrs.length; // Python's negative indexing, reached when the valley starts at 0
    return { rule: 'valley', lr: lrs[idx]!, index: start + idx };
  });
}

export interface SlideOptions extends FastaiRuleOptions {
  /** Distance, in points, between the two compared gradients. @default 15 */
  lrDiff?: number;
  /** Largest gradient difference (loss per step) still counted as flat. @default 0.005 */
  thresh?: number;
  /** Factor applied to the lr found. @default 1 */
  adjustValue?: number;
}

/**
 * fastai's `slide`: walks an interval of `lrDiff` points leftwards from the end of the curve while
 * the gradients at its two ends differ by more than `thresh`; suggests the left end of the last
 * interval that did.
 */
export function slideRule(options: SlideOptions = {}): Rule {
  checkCount('lrDiff', options.lrDiff, 1);
  if (options.thresh !== undefined && !(options.thresh >= 0)) throw new RangeError(`thresh must be ≥ 0, got ${options.thresh}`);
  if (options.adjustValue !== undefined && !(options.adjustValue > 0 && Number.isFinite(options.adjustValue))) {
    throw new RangeError(`adjustValue must be a positive number, got ${options.adjustValue}`);
  }
  const lrDiff = options.lrDiff ?? 15;
  const thresh = options.thresh ?? 0.005;
  const adjustValue = options.adjustValue ?? 1;
  return fastaiRule('slide', options, ({ start, lrs, losses }) => {
    if (losses.length <= lrDiff) return nothing('slide', `slide needs more than ${lrDiff} points after the cut`);
    const grad = numpyGradient(losses);
    let right = losses.length - 1;
    let left = right - lrDiff;
    let chosen = left;
    while (left >= 0 && Math.abs(grad[right]! - grad[left]!) > thresh) {
      chosen = left;
      right--;
      left--;
    }
    return { rule: 'slide', lr: lrs[chosen]! * adjustValue, index: start + chosen };
  });
}

/** fastai's `minimum`: a tenth of the lr at the lowest loss (`index` is the lowest loss's). */
export function minimumRule(options: FastaiRuleOptions = {}): Rule {
  return fastaiRule('minimum', options, ({ start, lrs, losses }) => {
    const k = argmin(losses);
    return { rule: 'minimum', lr: lrs[k]! / 10, index: start + k };
  });
}

/** fastai's `steep`: the left end of the steepest segment, slope taken against ln(lr). */
export function steepRule(options: FastaiRuleOptions = {}): Rule {
  return fastaiRule('steep', options, ({ start, lrs, losses }) => {
    if (losses.length < 2) return nothing('steep', 'steep needs at least 2 points after the cut');
    const slopes = new Array<number>(losses.length - 1);
    for (let i = 0; i < slopes.length; i++) {
      slopes[i] = (losses[i + 1]! - losses[i]!) / (Math.log(lrs[i + 1]!) - Math.log(lrs[i]!));
    }
    const k = argmin(slopes);
    if (k < 0) return nothing('steep', 'steep found no finite slope');
    return { rule: 'steep', lr: lrs[k]!, index: start + k };
  });
}
