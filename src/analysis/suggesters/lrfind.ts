// lrfind's own rule: the top of the good region, kept a safe factor below the loss minimum and the
// divergence, and never below fastai's `minimum` (lr at the minimum ÷ 10).
import type { Region, Suggester } from '../../types.js';
import { AnalysisError } from '../errors.js';
import { prepareCurve } from '../prepare.js';
import { type CurveReading, type ReadingOptions, checkReadingOptions, readCurve } from '../reading.js';
import { type RegionOptions, checkRegionOptions, regionsFromReading } from '../regions.js';
import { nearestIndex } from '../statistics.js';
import { nothing } from './peer.js';

/** The tunable constants of the lrfind rule (a training benchmark sweeps them). */
export interface LrfindRuleOptions {
  /**
   * Where the candidate lies in the good region, on a log scale: 0 at its start, 1 at its end (the
   * last point where the loss still falls steeply).
   * @default 1
   */
  regionPosition?: number;
  /**
   * maxLr ≤ (lr at the smoothed-loss minimum) / minimumDivisor: at the minimum the loss has already
   * stopped improving, so training there sits on the edge.
   * @default 3
   */
  minimumDivisor?: number;
  /** maxLr ≤ (lr where the divergence starts) / divergenceDivisor. @default 4 */
  divergenceDivisor?: number;
  /**
   * maxLr ≥ (lr at the minimum) / floorDivisor: fastai's `minimum` rule, safe but often 2–3× low,
   * is the floor.
   * @default 10
   */
  floorDivisor?: number;
}

export function checkLrfindOptions(options: LrfindRuleOptions): void {
  const { regionPosition, minimumDivisor, divergenceDivisor, floorDivisor } = options;
  if (regionPosition !== undefined && !(regionPosition >= 0 && regionPosition <= 1)) {
    throw new RangeError(`regionPosition must be in [0, 1], got ${regionPosition}`);
  }
  for (const [name, value] of [['minimumDivisor', minimumDivisor], ['divergenceDivisor', divergenceDivisor], ['floorDivisor', floorDivisor]] as const) {
    if (value !== undefined && !(value >= 1 && Number.isFinite(value))) {
      throw new RangeError(`${name} must be a number ≥ 1, got ${value}`);
    }
  }
  if ((floorDivisor ?? 10) < (minimumDivisor ?? 3)) {
    throw new RangeError(`floorDivisor must be ≥ minimumDivisor (${minimumDivisor ?? 3}), got ${floorDivisor ?? 10}`);
  }
}

export interface LrfindPick {
  lr: number;
  index: number;
  /** Which bound decided: the good region, the minimum, the divergence, or the floor. */
  bound: 'region' | 'minimum' | 'divergence' | 'floor';
}

/**
 * The rule on a reading: candidate = the good region at `regionPosition` (or the floor when there
 * is no good region), capped by minimum/`minimumDivisor` and divergence/`divergenceDivisor`, then
 * raised to at least minimum/`floorDivisor`.
 */
export function pickLrfind(
  reading: Pick<CurveReading, 'lrs' | 'minimumIndex' | 'divergenceIndex'>,
  regions: readonly Region[],
  options: LrfindRuleOptions = {},
): LrfindPick {
  const { lrs } = reading;
  const atMinimum = lrs[reading.minimumIndex]!;
  const floor = atMinimum / (options.floorDivisor ?? 10);
  const good = regions.find((region) => region.kind === 'good');
  let lr = floor;
  let bound: LrfindPick['bound'] = 'floor';
  if (good !== undefined) {
    const position = options.regionPosition ?? 1;
    lr = Math.pow(10, (1 - position) * Math.log10(good.minLr) + position * Math.log10(good.maxLr));
    bound = 'region';
  }
  const caps: [number, LrfindPick['bound']][] = [[atMinimum / (options.minimumDivisor ?? 3), 'minimum']];
  if (reading.divergenceIndex !== null) {
    caps.push([lrs[reading.divergenceIndex]! / (options.divergenceDivisor ?? 4), 'divergence']);
  }
  for (const [cap, name] of caps) {
    if (cap < lr) [lr, bound] = [cap, name];
  }
  if (lr < floor) [lr, bound] = [floor, 'floor'];
  return { lr, index: nearestIndex(lrs, lr), bound };
}

export type LrfindSuggesterOptions = LrfindRuleOptions & ReadingOptions & RegionOptions;

/** The lrfind rule as a registry suggester: cleans, reads and classifies the curve itself. */
export function lrfindSuggester(options: LrfindSuggesterOptions = {}): Suggester {
  checkLrfindOptions(options);
  checkReadingOptions(options);
  checkRegionOptions(options);
  return (curve) => {
    try {
      const prepared = prepareCurve(curve);
      const reading = readCurve(prepared.curve, options);
      const pick = pickLrfind(reading, regionsFromReading(reading, options), options);
      return { method: 'lrfind', lr: pick.lr, index: prepared.dropped + pick.index };
    } catch (error) {
      if (error instanceof AnalysisError) return nothing('lrfind', error.message);
      throw error;
    }
  };
}
