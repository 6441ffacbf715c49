// lrfind's own rule: a safe factor below the point where the loss starts to rise, chosen by training
// one-cycle at a grid of max lrs on real setups (docs/constants.md#rule, `npm run bench:suggest`).
import { RULE } from '../../constants.js';
import type { Rule } from '../../types.js';
import { AnalysisError } from '../errors.js';
import { prepareCurve } from '../prepare.js';
import { type CurveReading, type ReadingOptions, checkReadingOptions, readCurve } from '../reading.js';
import { type RegionOptions, checkRegionOptions } from '../regions.js';
import { nearestIndex } from '../statistics.js';
import { nothing } from './peer.js';

/** The lrfind rule's tuned constants; defaults in `RULE` (src/constants.ts, measured in docs/constants.md#rule). */
export interface LrfindRuleOptions {
  /** The reference point between the minimum's lr (0) and where the loss starts to rise (1), on a log scale. @default 1 */
  divergencePosition?: number;
  /** maxLr = reference / safetyDivisor. @default 4 */
  safetyDivisor?: number;
  /** Without a rise in the sweep: maxLr = the minimum's lr / minimumDivisor. @default 2 */
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

/** The default `safetyDivisor` (`RULE.safetyDivisor`). */
export const DEFAULT_SAFETY_DIVISOR = RULE.safetyDivisor;

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
    lr = logMix(atMinimum, lrs[divergenceIndex]!, options.divergencePosition ?? RULE.divergencePosition) / (options.safetyDivisor ?? RULE.safetyDivisor);
    bound = 'divergence';
  } else {
    lr = atMinimum / (options.minimumDivisor ?? RULE.minimumDivisor);
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
