// The learning rates of a range test: exponential (default) or linear from startLr to endLr.
import type { SweepMode } from '../types.js';

/**
 * The lr of step i of an `numIter`-step sweep. Exp mode: startLr·(endLr/startLr)^(i/(numIter-1));
 * linear mode: startLr + (endLr-startLr)·i/(numIter-1). The first step is at startLr, the last at endLr.
 */
export function sweepLr(i: number, startLr: number, endLr: number, numIter: number, mode: SweepMode): number {
  const t = i / (numIter - 1);
  return mode === 'exp' ? startLr * Math.pow(endLr / startLr, t) : startLr + (endLr - startLr) * t;
}

/** Every lr of the sweep, in order. Arguments are assumed validated (see `resolveRangeTestSettings`). */
export function sweepLrs(startLr: number, endLr: number, numIter: number, mode: SweepMode): number[] {
  return Array.from({ length: numIter }, (_, i) => sweepLr(i, startLr, endLr, numIter, mode));
}
