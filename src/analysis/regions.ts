// Smith's three zones of a range-test curve: lr too small (loss not falling yet), good (falling,
// down to the flat bottom before the rise), too large (rising or diverging). Smith reads the upper
// bound where the loss "becomes ragged or starts to rise", and one-cycle training bears a peak up to
// about there (see bench:suggest), so the flat bottom belongs to the good zone. Read off the
// zero-lag smoothed curve.
import type { Curve, Region, RegionKind } from '../types.js';
import { prepareCurve } from './prepare.js';
import { type CurveReading, type ReadingOptions, lossScale, readCurve } from './reading.js';
import { REGIONS } from '../constants.js';

export interface RegionOptions {
  /**
   * A point is falling when its slope per decade is below −slopeFraction × the steepest slope seen
   * before the minimum (relative, so it does not depend on the loss's units or the sweep's span),
   * and below −3× the slope's noise. Falling stretches dropping less than 5% of the total drop
   * are ignored as noise.
   * @default 0.1
   */
  slopeFraction?: number;
  /**
   * Falling stretches separated by at most this fraction of the points are merged, provided the
   * loss does not rise by more than 0.1 loss scale in between (a pause in a descent, not a new one).
   * @default 0.1
   */
  mergeGap?: number;
  /**
   * A too-small region, or a too-large one without divergence, shorter than this many points is
   * absorbed by the good region.
   * @default max(2, 3% of the points)
   */
  minRegionPoints?: number;
}

export function checkRegionOptions(options: RegionOptions): void {
  const { slopeFraction, mergeGap, minRegionPoints } = options;
  if (slopeFraction !== undefined && !(slopeFraction > 0 && slopeFraction < 1)) {
    throw new RangeError(`slopeFraction must be in (0, 1), got ${slopeFraction}`);
  }
  if (mergeGap !== undefined && !(mergeGap >= 0 && mergeGap <= 1)) {
    throw new RangeError(`mergeGap must be in [0, 1], got ${mergeGap}`);
  }
  if (minRegionPoints !== undefined && !(Number.isInteger(minRegionPoints) && minRegionPoints >= 1)) {
    throw new RangeError(`minRegionPoints must be an integer ≥ 1, got ${minRegionPoints}`);
  }
}

/** Has the smoothed loss fallen by more than its noise (and 1% of its level) before the minimum? */
export function lossDecreased(reading: CurveReading): boolean {
  const drop = reading.level - reading.smoothed[reading.minimumIndex]!;
  return drop > Math.max(2 * reading.noise, 0.01 * Math.abs(reading.level));
}

/**
 * Where the loss fell: the main steady descent (see `findSteadyRange`), or, when noise hides every
 * steady stretch of a loss that clearly fell (by 5% of its level and 3σ), the stretch from the
 * last point still within a tenth of the drop of the starting level to the minimum. Null otherwise.
 */
export function findGoodRange(reading: CurveReading, options: RegionOptions = {}): [number, number] | null {
  return findSteadyRange(reading, options) ?? coarseRange(reading);
}


function coarseRange(reading: CurveReading): [number, number] | null {
  const { smoothed, minimumIndex: m, level, noise } = reading;
  if (m === 0 || !(level - smoothed[m]! > Math.max(3 * noise, REGIONS.coarseDrop * Math.abs(level)))) return null;
  const high = level - 0.1 * (level - smoothed[m]!);
  let start = 0;
  for (let i = 0; i < m; i++) if (smoothed[i]! >= high) start = i;
  return start < m ? [start, m] : null;
}

/** The main steady falling stretch [start, end] before the minimum, or null when there is none. */
export function findSteadyRange(reading: CurveReading, options: RegionOptions = {}): [number, number] | null {
  const { smoothed, gradient, minimumIndex: m } = reading;
  if (m === 0 || !lossDecreased(reading)) return null;
  let steepest = 0;
  for (let i = 0; i <= m; i++) steepest = Math.min(steepest, gradient[i]!);
  if (!(steepest < 0)) return null;
  // Falling = steeper than a fraction of the steepest slope, and than what noise alone gives (3σ).
  const limit = -Math.max((options.slopeFraction ?? REGIONS.slopeFraction) * -steepest, 3 * reading.gradientNoise);
  const runs: [number, number][] = [];
  for (let i = 0; i <= m; i++) {
    if (!(gradient[i]! < limit)) continue;
    const last = runs[runs.length - 1];
    if (last !== undefined && last[1] === i - 1) last[1] = i;
    else runs.push([i, i]);
  }
  const scale = lossScale(reading.level, smoothed[m]!, reading.noise);
  const maxGap = (options.mergeGap ?? REGIONS.mergeGap) * smoothed.length;
  // Stretches that drop less than 5% of the total drop are noise, not part of a descent.
  const total = reading.level - smoothed[m]!;
  const merged: [number, number][] = [];
  for (const run of runs.filter((r) => drop(smoothed, r) >= 0.05 * total)) {
    const last = merged[merged.length - 1];
    if (last !== undefined && run[0] - last[1] - 1 <= maxGap && maxBetween(smoothed, last[1], run[0]) - smoothed[last[1]]! <= 0.1 * scale) {
      last[1] = run[1];
    } else {
      merged.push([run[0], run[1]]);
    }
  }
  let best: [number, number] | null = null;
  for (const run of merged) {
    if (best === null || drop(smoothed, run) > drop(smoothed, best)) best = run;
  }
  return best !== null && drop(smoothed, best) > 0 ? best : null;
}

const drop = (values: readonly number[], [start, end]: [number, number]): number => values[start]! - values[end]!;

function maxBetween(values: readonly number[], from: number, to: number): number {
  let high = -Infinity;
  for (let i = from; i <= to; i++) high = Math.max(high, values[i]!);
  return high;
}

/** Regions of a reading, in lr order, covering every index exactly once. */
export function regionsFromReading(reading: CurveReading, options: RegionOptions = {}): Region[] {
  checkRegionOptions(options);
  const { lrs } = reading;
  const n = lrs.length;
  const region = (kind: RegionKind, startIndex: number, endIndex: number): Region => ({
    kind, startIndex, endIndex, minLr: lrs[startIndex]!, maxLr: lrs[endIndex]!,
  });
  const good = findGoodRange(reading, options);
  if (good === null) {
    const d = reading.divergenceIndex;
    return d === null ? [region('too-small', 0, n - 1)] : [region('too-small', 0, d - 1), region('too-large', d, n - 1)];
  }
  const minPoints = options.minRegionPoints ?? Math.max(2, Math.round(REGIONS.minRegionFraction * n));
  let [start, end] = good;
  if (start < minPoints) start = 0;
  // The flat bottom up to the rise (or, without a rise, up to the minimum) is still good.
  end = Math.max(end, reading.divergenceIndex !== null ? reading.divergenceIndex - 1 : reading.minimumIndex);
  if (n - 1 - end < minPoints && reading.divergenceIndex === null) end = n - 1;
  const regions: Region[] = [];
  if (start > 0) regions.push(region('too-small', 0, start - 1));
  regions.push(region('good', start, end));
  if (end < n - 1) regions.push(region('too-large', end + 1, n - 1));
  return regions;
}

/**
 * Splits a curve's lr axis into too-small / good / too-large regions (Smith, 2017), in order.
 * The curve is cleaned (see `prepareCurve`) and smoothed first, so raw losses are expected;
 * indices refer to the cleaned curve. Throws an `AnalysisError` when there is nothing to read.
 * @see https://arxiv.org/abs/1506.01186
 */
export function classifyRegions(curve: Curve, options: RegionOptions & ReadingOptions = {}): Region[] {
  checkRegionOptions(options);
  const { curve: clean } = prepareCurve(curve);
  return regionsFromReading(readCurve(clean, options), options);
}
