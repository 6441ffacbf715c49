// The one pass every analysis step builds on: spike removal, zero-lag smoothing, the slope per
// decade, the loss scale, the noise, where the loss bottoms out and where it starts to blow up.
import type { Curve } from '../types.js';
import { effectiveWindow, savitzkyGolay, savitzkyGolayDerivative } from './savitzky-golay.js';
import { medianFilter } from './smoothing.js';
import { argmin, median, noiseLevel } from './statistics.js';
import { READING } from '../constants.js';

export interface ReadingOptions {
  /**
   * Odd window of the running median applied before smoothing, which removes isolated loss spikes
   * (a polynomial smoother would spread them over its window). 1 turns it off.
   * @default 5
   */
  medianWindow?: number;
  /** Savitzky-Golay window (odd, ≥ 5). @default defaultWindowSize(n): about n/10, 11 for 100 points */
  windowSize?: number;
  /** Savitzky-Golay polynomial degree. @default 2 */
  polynomial?: number;
  /**
   * The loss has diverged once its (median-filtered) value rises above its running minimum by this
   * many loss scales (see `lossScale`).
   * @default 0.5
   */
  divergenceMargin?: number;
}

/** Everything read off one cleaned curve. Arrays have the curve's length. */
export interface CurveReading {
  lrs: number[];
  losses: number[];
  /** Losses after the running median. */
  filtered: number[];
  /** Savitzky-Golay smoothing of `filtered` (no lag, unlike an EMA). */
  smoothed: number[];
  /** d(smoothed)/d(log10 lr). */
  gradient: number[];
  /** Robust initial loss: the median of the first 5% of the raw losses (at least 3). */
  level: number;
  /** Per-point noise of the raw losses before any blow-up (see `noiseLevel`). */
  noise: number;
  /**
   * Standard deviation that this noise leaves in `gradient`: σ / (step · √(Σt²)) for the
   * Savitzky-Golay slope over a window of 2h+1 points, Σt² = h(h+1)(2h+1)/3, step the mean log10 spacing.
   */
  gradientNoise: number;
  /** Index of the lowest smoothed loss before the divergence. */
  minimumIndex: number;
  /** Where the loss starts to blow up; null when it never does. */
  divergenceIndex: number | null;
}

export function checkReadingOptions(options: ReadingOptions): void {
  const { medianWindow, divergenceMargin } = options;
  if (medianWindow !== undefined && (!Number.isInteger(medianWindow) || medianWindow < 1 || medianWindow % 2 === 0)) {
    throw new RangeError(`medianWindow must be an odd integer ≥ 1, got ${medianWindow}`);
  }
  if (divergenceMargin !== undefined && !(divergenceMargin > 0 && Number.isFinite(divergenceMargin))) {
    throw new RangeError(`divergenceMargin must be a positive number, got ${divergenceMargin}`);
  }
  // windowSize and polynomial are checked by savitzkyGolay itself.
}

/** Robust initial loss: median of the first 5% of the losses (at least 3 of them). */
export function initialLevel(losses: readonly number[]): number {
  const count = Math.min(losses.length, Math.max(3, Math.round(losses.length / 20)));
  return median(losses.slice(0, count));
}

/**
 * The unit in which rises and drops of the loss are measured: the drop from `level` to `low`, but
 * never less than 10% of the loss's magnitude nor 3× the noise, so that a curve that never fell
 * (or sits near zero, or is negative) still has a sensible, non-zero scale.
 */
export function lossScale(level: number, low: number, noise: number): number {
  return Math.max(level - low, 0.1 * Math.max(Math.abs(level), Math.abs(low)), 3 * noise, 1e-12);
}

/**
 * Where the loss starts to blow up: the first point that rises `threshold` loss scales (and at least
 * 6× the noise, so that noise alone never counts) above the running minimum marks the divergence;
 * it is traced back to just after the last point still within 0.1 scale (or 2× the noise) of that
 * minimum. Works on spike-free values (the median-filtered losses).
 */
export function findDivergence(values: readonly number[], options: { level: number; noise: number; threshold?: number }): number | null {
  const threshold = options.threshold ?? READING.divergenceMargin;
  const { level, noise } = options;
  let low = Infinity;
  for (let i = 0; i < values.length; i++) {
    const v = values[i]!;
    low = Math.min(low, v);
    const scale = lossScale(level, low, noise);
    if (v > low + Math.max(threshold * scale, 6 * noise)) {
      const near = low + Math.max(0.1 * scale, 2 * noise);
      let j = i - 1;
      while (j > 0 && values[j]! > near) j--;
      return j + 1;
    }
  }
  return null;
}

/**
 * The one smoothing of a loss curve that lrfind reads, reports and shows: a running median (spikes
 * out), then Savitzky-Golay (no lag, unlike an EMA), kept within the range of the values each
 * window saw. `readCurve` gives the same values as `smoothed`; a live view calls this on the losses
 * so far, so that its last frame shows the report's curve.
 */
export function smoothLosses(losses: readonly number[], options: Pick<ReadingOptions, 'medianWindow' | 'windowSize' | 'polynomial'> = {}): number[] {
  checkReadingOptions(options);
  const filtered = medianFilter(losses, options.medianWindow ?? READING.medianWindow);
  const half = (effectiveWindow(losses.length, options.windowSize) - 1) / 2;
  return withinWindow(savitzkyGolay(filtered, { windowSize: options.windowSize, polynomial: options.polynomial }), filtered, half);
}

/**
 * Keeps each smoothed value within the range of the values its window saw: a polynomial fit
 * overshoots at a kink (the foot of a blow-up, a spike at the edge), and a smoothed curve must
 * never invent a minimum (or a maximum) that no loss near it had.
 */
export function withinWindow(smoothed: readonly number[], values: readonly number[], half: number): number[] {
  const n = values.length;
  const h = Math.floor(half);
  if (!(h >= 1)) return [...smoothed]; // too short to smooth: nothing to keep in range
  return smoothed.map((v, i) => {
    let low = Infinity;
    let high = -Infinity;
    for (let j = Math.max(0, i - h); j <= Math.min(n - 1, i + h); j++) {
      low = Math.min(low, values[j]!);
      high = Math.max(high, values[j]!);
    }
    return Math.min(high, Math.max(low, v));
  });
}

/** Reads a cleaned curve (see `prepareCurve`: ≥ 2 finite points, increasing lrs). */
export function readCurve(curve: Curve, options: ReadingOptions = {}): CurveReading {
  checkReadingOptions(options);
  const { lrs, losses } = curve;
  const sg = { windowSize: options.windowSize, polynomial: options.polynomial };
  const filtered = medianFilter(losses, options.medianWindow ?? READING.medianWindow);
  const smoothed = smoothLosses(losses, options);
  const gradient = savitzkyGolayDerivative(lrs, filtered, sg);
  const level = initialLevel(losses);
  // Noise is measured before any blow-up: a long diverged tail would swamp even a median. The
  // window ends where a noise-free reading sees the loss rise 2 scales above its running minimum.
  const blowUp = findDivergence(filtered, { level, noise: 0, threshold: 2 }) ?? losses.length;
  const noise = noiseLevel(losses.slice(0, Math.max(blowUp, 2)));
  const divergenceIndex = findDivergence(filtered, { level, noise, threshold: options.divergenceMargin });
  const minimumIndex = Math.max(0, argmin(smoothed, 0, divergenceIndex ?? smoothed.length));
  const half = (effectiveWindow(lrs.length, options.windowSize) - 1) / 2;
  const step = Math.log10(lrs[lrs.length - 1]! / lrs[0]!) / (lrs.length - 1);
  const gradientNoise = noise / (step * Math.sqrt((half * (half + 1) * (2 * half + 1)) / 3));
  return { lrs, losses, filtered, smoothed, gradient, level, noise, gradientNoise, minimumIndex, divergenceIndex };
}
