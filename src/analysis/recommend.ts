// From a reading to the bounds lrfind recommends, how far to trust them, and why not more.
import type { Analysis, Bounds, CurveDiagnosis, RulePick } from '../types.js';
import { initialLevel } from './reading.js';
import { type LrfindRuleOptions, checkLrfindOptions, pickLrfind } from './rules/lrfind.js';
import { median, noiseLevel } from './statistics.js';
import { ESCALATION, RECOMMENDATION } from '../constants.js';

export interface RecommendOptions extends LrfindRuleOptions {
  /** minLr = maxLr / divFactor: where one-cycle starts (PyTorch's `div_factor`; Smith suggests 3–10). @default 10 */
  divFactor?: number;
  /**
   * The rule that sets maxLr: 'lrfind', or the name of a rule in `picks` (e.g. 'minimum'). When
   * that rule has nothing to say, lrfind's pick is used with a warning.
   * @default 'lrfind'
   */
  rule?: string;
  /**
   * How many runs the curve is the median of: advice to repeat the sweep is given only below
   * ESCALATION.repeatRuns (a larger batch is advised instead).
   * @default 1
   */
  runs?: number;
}

/** What `recommend` reads: the parts of an `Analysis` it needs. */
export type RecommendInput = Pick<Analysis, 'curve' | 'smoothedLosses' | 'regions' | 'divergenceIndex' | 'minimumIndex'> & {
  picks?: Record<string, RulePick>;
  /** False when the good region is only read coarsely: noise hid every steady stretch of the descent. @default true */
  steady?: boolean;
};


/** Fewer points than this are no curve to read. */
export const MIN_POINTS = RECOMMENDATION.minPoints;


/** Noise above this fraction of the loss's drop makes the curve "too noisy". */
export const NOISY_RATIO = RECOMMENDATION.noisyRatio;

export function checkRecommendOptions(options: RecommendOptions): void {
  checkLrfindOptions(options);
  if (options.divFactor !== undefined && !(options.divFactor >= 1 && Number.isFinite(options.divFactor))) {
    throw new RangeError(`divFactor must be a number ≥ 1, got ${options.divFactor}`);
  }
  if (options.runs !== undefined && !(Number.isInteger(options.runs) && options.runs >= 1)) {
    throw new RangeError(`runs must be an integer ≥ 1, got ${options.runs}`);
  }
  if (options.rule !== undefined && (typeof options.rule !== 'string' || options.rule === '')) {
    throw new RangeError(`rule must be a rule name, got ${String(options.rule)}`);
  }
}

/** Noise of the raw losses around the smoothed ones (1.4826 × median absolute residual) over [from, to). */
function residualNoise(losses: readonly number[], smoothed: readonly number[], from: number, to: number): number {
  const residuals: number[] = [];
  for (let i = from; i < to; i++) residuals.push(Math.abs(losses[i]! - smoothed[i]!));
  return residuals.length === 0 ? 0 : 1.4826 * median(residuals);
}

const format = (lr: number): string => lr.toPrecision(3);

/** What to do about noise: repeat the sweep, or, when its runs are already the median of several, a larger batch. */
function noiseAdvice(runs: number): string {
  return runs >= ESCALATION.repeatRuns ? 'use a larger batch' : `use runs ≥ ${ESCALATION.repeatRuns} (or a larger batch)`;
}

/** Is the loss still falling at the end of the curve: no rise, and its lowest point in the last 5 %? */
export function stillFallingAtEnd(reading: Pick<Analysis, 'divergenceIndex' | 'minimumIndex'>, points: number): boolean {
  return reading.divergenceIndex === null && reading.minimumIndex >= 0.95 * (points - 1);
}

/** Why a curve without a good region gives no bounds, and what to change. */
function withoutGoodRegion(
  input: RecommendInput, level: number, drop: number, noise: number, runs: number,
): { diagnosis: CurveDiagnosis; warning: string } {
  const { curve: { lrs, losses }, divergenceIndex } = input;
  const n = lrs.length;
  const earlyDivergence = divergenceIndex !== null && divergenceIndex < RECOMMENDATION.earlyDivergence * n;
  const stillLevel = drop <= Math.max(2 * noiseLevel(losses.slice(0, Math.max(divergenceIndex ?? n, 2))), 0.01 * Math.abs(level));
  if (earlyDivergence) {
    return { diagnosis: 'early-divergence', warning: `loss never decreased, so there are no bounds: it diverged early (at lr ${format(lrs[divergenceIndex!]!)}): lower startLr` };
  }
  if (!stillLevel && noise > RECOMMENDATION.noisyLevel * Math.abs(level)) {
    return { diagnosis: 'noisy', warning: `curve too noisy to tell whether the loss decreased, so there are no bounds: ${noiseAdvice(runs)}` };
  }
  if (stillLevel) {
    return { diagnosis: 'flat', warning: 'loss never decreased, so there are no bounds: raise endLr, run more steps, or check the model and its data' };
  }
  return { diagnosis: 'weak', warning: `no good region (the loss barely fell), so there are no bounds: run more steps, ${noiseAdvice(runs)}` };
}

/**
 * Combines a reading into `maxLr`, `minLr = maxLr / divFactor`, a confidence in [0, 1] and
 * plain-language warnings. No bounds (null, with the reason and what to change) for fewer than
 * MIN_POINTS points, a loss that never decreased, or no good region. Otherwise confidence starts at
 * 1 and is multiplied down by each problem found: noise (relative to the drop, r) ×1/(1+(r/0.3)²),
 * divergence within the first 10% ×0.3, still falling at the end ×0.6, fewer than 20 points ×n/20
 * (≥ 0.2), a good region narrower than a quarter decade ×0.7, maxLr below the sweep ×0.5.
 */
export function recommendBounds(
  input: RecommendInput,
  options: RecommendOptions = {},
): { bounds: Bounds | null; warnings: string[]; diagnosis: CurveDiagnosis } {
  checkRecommendOptions(options);
  const { curve, smoothedLosses, regions, divergenceIndex, minimumIndex } = input;
  const { lrs, losses } = curve;
  const n = lrs.length;
  const warnings: string[] = [];
  if (n < 2 || smoothedLosses.length !== n) {
    return { bounds: null, warnings: ['too few points: nothing to recommend'], diagnosis: 'too-few-points' };
  }
  const rule = options.rule ?? 'lrfind';
  let maxLr = pickLrfind({ lrs, minimumIndex, divergenceIndex }, options).lr;
  if (rule !== 'lrfind') {
    const lr = input.picks?.[rule]?.lr;
    if (typeof lr === 'number' && lr > 0 && Number.isFinite(lr)) maxLr = lr;
    else warnings.push(`${rule} had nothing to suggest: used lrfind's rule instead`);
  }
  const good = regions.find((region) => region.kind === 'good');
  const end = divergenceIndex ?? n;
  const level = initialLevel(losses);
  const drop = level - smoothedLosses[minimumIndex]!;
  const noise = residualNoise(losses, smoothedLosses, good?.startIndex ?? 0, Math.max(end, 1));
  const noiseRatio = noise === 0 ? 0 : drop > 0 ? noise / drop : Infinity;
  let confidence = 1;
  const flag = (factor: number, warning?: string): void => {
    confidence *= factor;
    if (warning !== undefined) warnings.push(warning);
  };
  // A curve without a good region has no bounds: one reason, and what to change, instead of a guess.
  if (n < MIN_POINTS) {
    return { bounds: null, warnings: [`too few points (${n}): a curve needs at least ${MIN_POINTS} to be read; use numIter ≥ 50`], diagnosis: 'too-few-points' };
  }
  // The regions already decided whether the loss fell (on the noise before any blow-up): a good
  // region is where it fell, and without one there is nothing to train between.
  const runs = options.runs ?? 1;
  if (good === undefined) {
    const { diagnosis, warning } = withoutGoodRegion(input, level, drop, noise, runs);
    return { bounds: null, warnings: [warning], diagnosis };
  }
  if (input.steady === false) flag(0.4, `no steady descent: the good region is read coarsely; ${noiseAdvice(runs)}`);
  if (n < 20) flag(Math.max(0.2, n / 20), `too few points (${n}): the reading is rough, use numIter ≥ 50`);
  flag(1 / (1 + (noiseRatio / NOISY_RATIO) ** 2));
  if (noiseRatio > NOISY_RATIO) warnings.push(`curve too noisy: ${noiseAdvice(runs)}`);
  if (divergenceIndex !== null && divergenceIndex < 0.1 * n) {
    flag(0.3, `diverged within the first 10% of the sweep (at lr ${format(lrs[divergenceIndex]!)}): lower startLr`);
  }
  if (stillFallingAtEnd(input, n)) {
    flag(0.6, 'loss still falling at the end of the sweep: raise endLr');
  }
  if (good !== undefined && Math.log10(good.maxLr / good.minLr) < 0.25) flag(0.7);
  if (maxLr < lrs[0]!) flag(0.5, `maxLr ${format(maxLr)} is below the sweep's start (${format(lrs[0]!)}): lower startLr`);
  const divFactor = options.divFactor ?? RECOMMENDATION.divFactor;
  confidence = Number.isFinite(confidence) ? Math.min(1, Math.max(0, confidence)) : 0;
  return { bounds: { maxLr, minLr: maxLr / divFactor, source: rule, confidence }, warnings, diagnosis: 'readable' };
}
