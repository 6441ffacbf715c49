// SGDR: cosine annealing with warm restarts (PyTorch's CosineAnnealingWarmRestarts).
import type { Schedule } from '../types.js';
import { finite, positive, positiveInteger } from './validate.js';
import { normalizeStep } from './step.js';

export interface SgdrOptions {
  /** Learning rate at step 0 and after every restart. */
  baseLr: number;
  /** Length of the first cycle in steps (> 0). */
  t0: number;
  /**
   * Each cycle is `tMult` times longer than the previous one (an integer ≥ 1).
   * @default 1
   */
  tMult?: number;
  /**
   * Learning rate approached at the end of every cycle.
   * @default 0
   */
  etaMin?: number;
}

/** Where a step falls in the SGDR cycles: steps into the current cycle and its length. */
export function sgdrPosition(step: number, t0: number, tMult: number): { tCur: number; tI: number } {
  let t = normalizeStep(step);
  if (tMult === 1) return { tCur: t % t0, tI: t0 };
  // Cycle lengths grow geometrically, so this loop runs O(log step) times.
  let tI = t0;
  while (t >= tI) {
    t -= tI;
    tI *= tMult;
  }
  return { tCur: t, tI };
}

/**
 * `etaMin + (baseLr − etaMin)(1 + cos(π T_cur / T_i)) / 2`, restarting at `baseLr` whenever
 * `T_cur` reaches `T_i` (T_0 = t0, T_{i+1} = T_i · tMult), stepped per batch as PyTorch's
 * `scheduler.step()` without an epoch argument.
 * @see torch.optim.lr_scheduler.CosineAnnealingWarmRestarts; https://arxiv.org/abs/1608.03983
 */
export function sgdr(options: SgdrOptions): Schedule {
  const baseLr = finite('baseLr', options?.baseLr);
  const t0 = positive('t0', options?.t0);
  const tMult = positiveInteger('tMult', options?.tMult ?? 1);
  const etaMin = finite('etaMin', options?.etaMin ?? 0);
  return (step) => {
    const { tCur, tI } = sgdrPosition(step, t0, tMult);
    return etaMin + ((baseLr - etaMin) * (1 + Math.cos((Math.PI * tCur) / tI))) / 2;
  };
}
