// lrfind's own rule: a safe factor below the point where the loss starts to rise, chosen by training
// one-cycle at a grid of max lrs on real setups (see `npm run bench:suggest` and the README).
import type { Rule } from '../../types.js';
import { AnalysisError } from '../errors.js';
import { prepareCurve } from '../prepare.js';
import { type CurveReading, type ReadingOptions, checkReadingOptions, readCurve } from '../reading.js';
import { type RegionOptions, checkRegionOptions } from '../regions.js';
import { nearestIndex } from '../statistics.js';
import { nothing } from './peer.js';

/** The tunable constants of the lrfind rule (`npm run bench:suggest` sweeps them by training). */
export interface LrfindRuleOptions {
  /**
   * The reference point, between the lr at the smoothed-loss minimum (0) and the lr where the loss
   * starts to rise (1), on a log scale. The rise is Smith's upper bound ("the loss gets ragged or
   * starts to rise"); it is read more reliably than the flat bottom's minimum.
   * @default 1
   */
  divergencePosition?: number;
  /**
   * maxLr = reference / safetyDivisor. A sustained one-cycle peak breaks training below the lr where
   * one step of it starts to hurt in the sweep, and one sweep's rise is noisy: five sweeps of the
   * same CNN on digits rose at 0.20–0.74, while one-cycle died from 0.25 on. MLPs with plain SGD
   * still gained up to 0.9× their rise. 4 is the divisor whose worst shortfall over the benchmark's
   * setups is smallest (0.020, against 0.58 for 2.2, which killed that CNN; see the README's table).
   * @default 4
   */
  safetyDivisor?: number;
  /**
   * Without a rise in the sweep: maxLr = (lr at the minimum) / minimumDivisor, a margin for the
   * unseen cliff.
   * @default 2
   */
  minimumDivisor?: number;
}

export function checkLrfindOptions(options: LrfindRuleOptions): void {
  const { divergencePosition, minimumDivisor, safetyDivisor } = options;
  if (divergencePosition !== undefined && !(divergencePosition >= 0 && divergencePosition <= 1)) {
    throw new RangeError(`divergencePosition must be in [0, 1], got ${divergencePosition}`);
  }
  for (const [name, value] of [['minimumDivisor', minimumDivisor], ['safetyDivisor', safetyDivisor]] as const) {
    if (value !== undefined && !(value >= 1 && Number.isFinite(value))) {
      throw new RangeError(`${name} must be a number ≥ 1, got ${value}`);
    }
  }
}

export interface LrfindPick {
  lr: number;
  index: number;
  /** What decided: the stretch from the minimum to the rise, or the minimum alone. */
  bound: 'divergence' | 'minimum';
}

/** The default `safetyDivisor`, chosen by `npm run bench:suggest`. */
export const DEFAULT_SAFETY_DIVISOR = 4;

const logMix = (a: number, b: number, t: number): number => Math.pow(10, (1 - t) * Math.log10(a) + t * Math.log10(b));

/**
 * The rule on a reading. With a rise after the minimum: the log-point `divergencePosition` of the way
 * from the minimum to where the rise starts (by default the rise itself), divided by `safetyDivisor`.
 * Without a rise: minimum / `minimumDivisor`.
 */
export function pickLrfind(
  reading: Pick<CurveReading, 'lrs' | 'minimumIndex' | 'divergenceIndex'>,
  options: LrfindRuleOptions = {},
): LrfindPick {
  const { lrs, minimumIndex, divergenceIndex } = reading;
  const atMinimum = lrs[minimumIndex]!;
  let lr: number;
  let bound: LrfindPick['bound'];
  if (divergenceIndex !== null && divergenceIndex > minimumIndex) {
    lr = logMix(atMinimum, lrs[divergenceIndex]!, options.divergencePosition ?? 1) / (options.safetyDivisor ?? DEFAULT_SAFETY_DIVISOR);
    bound = 'divergence';
  } else {
    lr = atMinimum / (options.minimumDivisor ?? 2);
    bound = 'minimum';
  }
  return { lr, index: nearestIndex(lrs, lr), bound };
}

export type LrfindRuleSetup = LrfindRuleOptions & ReadingOptions & RegionOptions;

/** The lrfind rule as a registry suggester: cleans, reads and classifies the curve itself. */
export function lrfindRule(options: LrfindRuleSetup = {}): Rule {
  checkLrfindOptions(options);
  checkReadingOptions(options);
  checkRegionOptions(options);
  return (curve) => {
    try {
      const prepared = prepareCurve(curve);
      const reading = readCurve(prepared.curve, options);
      const pick = pickLrfind(reading, options);
      return { rule: 'lrfind', lr: pick.lr, index: prepared.dropped + pick.index };
    } catch (error) {
      if (error instanceof AnalysisError) return nothing('lrfind', error.message);
      throw error;
    }
  };
}
