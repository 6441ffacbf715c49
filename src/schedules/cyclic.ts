// Cyclical learning rates (Smith 2017), PyTorch's CyclicLR.
import type { Schedule } from '../types.js';
import { fail, finite, inRange, oneOf, positive } from './validate.js';
import { normalizeStep } from './step.js';

export type CyclicMode = 'triangular' | 'triangular2' | 'exp_range';

export interface CyclicOptions {
  /** Lower bound of the cycle (the value at step 0). */
  baseLr: number;
  /** Upper bound of the cycle (reached at `stepSizeUp`). */
  maxLr: number;
  /**
   * Steps from `baseLr` up to `maxLr` (> 0).
   * @default 2000
   */
  stepSizeUp?: number;
  /**
   * Steps from `maxLr` back down (> 0).
   * @default stepSizeUp
   */
  stepSizeDown?: number;
  /**
   * `triangular`: constant amplitude; `triangular2`: amplitude halves every cycle;
   * `exp_range`: amplitude scaled by `gamma^step`.
   * @default 'triangular'
   */
  mode?: CyclicMode;
  /**
   * Per-step amplitude factor of `exp_range`, in (0, 1].
   * @default 1
   */
  gamma?: number;
}

/**
 * Triangle wave between `baseLr` and `maxLr`, with PyTorch's cycle arithmetic
 * (`cycle = ⌊1 + t/total⌋`, `x = 1 + t/total − cycle`).
 * @see torch.optim.lr_scheduler.CyclicLR; Smith 2017, https://arxiv.org/abs/1506.01186
 */
export function cyclic(options: CyclicOptions): Schedule {
  const baseLr = finite('baseLr', options?.baseLr);
  const maxLr = finite('maxLr', options?.maxLr);
  if (maxLr < baseLr) fail('maxLr', `≥ baseLr (${baseLr})`, maxLr);
  const up = positive('stepSizeUp', options?.stepSizeUp ?? 2000);
  const down = positive('stepSizeDown', options?.stepSizeDown ?? up);
  const mode = oneOf('mode', options?.mode ?? 'triangular', ['triangular', 'triangular2', 'exp_range'] as const);
  const gamma = inRange('gamma', options?.gamma ?? 1, 0, 1, { openLow: true, closedHigh: true });
  const total = up + down;
  const ratio = up / total;
  return (step) => {
    const t = normalizeStep(step);
    const cycle = Math.floor(1 + t / total);
    const x = 1 + t / total - cycle;
    const scale = x <= ratio ? x / ratio : (x - 1) / (ratio - 1);
    const height = (maxLr - baseLr) * scale;
    if (mode === 'triangular') return baseLr + height;
    if (mode === 'triangular2') return baseLr + height * (1 / Math.pow(2, cycle - 1));
    return baseLr + height * Math.pow(gamma, t);
  };
}
