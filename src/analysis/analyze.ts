// analyzeCurve: one call from a curve (or several runs) to regions, picks and a recommendation.
import type { Analysis, Curve, Rule, RulePick } from '../types.js';
import { type AggregateOptions, aggregateRuns, checkAggregateOptions } from './aggregate.js';
import { AnalysisError } from './errors.js';
import { type PreparedCurve, prepareCurve } from './prepare.js';
import { type CurveReading, type ReadingOptions, checkReadingOptions, readCurve } from './reading.js';
import { type RecommendOptions, checkRecommendOptions, recommendBounds } from './recommend.js';
import { type RegionOptions, checkRegionOptions, findSteadyRange, regionsFromReading } from './regions.js';
import { argmin } from './statistics.js';
import { pickLrfind } from './rules/lrfind.js';
import { createRules } from './rules/registry.js';
import { maxOf, minOf } from '../numbers.js';
import { ESCALATION, RECOMMENDATION } from '../constants.js';

/** Every option of `analyzeCurve`; each field documents its default where it is declared. */
export interface AnalyzeOptions extends ReadingOptions, RegionOptions, RecommendOptions, AggregateOptions {
  /**
   * The range test's planned iteration count (fastai's rules drop the first numIter // 10 points).
   * @default the curve's length
   */
  numIter?: number;
  /**
   * The rules whose picks fill `picks`.
   * @default the built-in registry (lrfind, steepest, valley, slide, minimum, steep)
   */
  rules?: Record<string, Rule>;
}

/** Runs whose lrfind maxLr spread more than this factor make the runs "disagree". */
export const DISAGREEMENT_RATIO = RECOMMENDATION.disagreementRatio;

function checkOptions(options: AnalyzeOptions): void {
  checkReadingOptions(options);
  checkRegionOptions(options);
  checkRecommendOptions(options);
  checkAggregateOptions(options);
  if (options.numIter !== undefined && !(Number.isInteger(options.numIter) && options.numIter >= 1)) {
    throw new RangeError(`numIter must be an integer ≥ 1, got ${options.numIter}`);
  }
  const rule = options.rule;
  if (rule !== undefined && rule !== 'lrfind') {
    const names = [...new Set(['lrfind', ...Object.keys(options.rules ?? createRules())])];
    if (!names.includes(rule)) throw new RangeError(`rule must be one of ${names.join(', ')}, got ${rule}`);
  }
}

/** Runs each rule; a rule that throws or returns a non-finite pick becomes a null pick with a warning. */
function runSuggesters(rules: Record<string, Rule>, curve: Curve): Record<string, RulePick> {
  const picks: Record<string, RulePick> = {};
  for (const [name, rule] of Object.entries(rules)) {
    let pick: RulePick;
    try {
      pick = rule(curve);
    } catch (error) {
      pick = { rule: name, lr: null, index: null, warning: `${name} failed: ${(error as Error)?.message ?? String(error)}` };
    }
    const valid = typeof pick?.lr === 'number' && Number.isFinite(pick.lr) && pick.lr > 0
      && Number.isInteger(pick.index) && pick.index! >= 0 && pick.index! < curve.lrs.length;
    if (pick?.lr !== null && !valid) {
      pick = { rule: name, lr: null, index: null, warning: `${name} gave an unusable pick` };
    }
    picks[name] = pick;
  }
  return picks;
}

/** The reading, corrected for a curve cut at a non-finite loss: that cut is where it diverged. */
function readPrepared(prepared: PreparedCurve, options: ReadingOptions): CurveReading {
  const reading = readCurve(prepared.curve, options);
  if (!prepared.cut || reading.divergenceIndex !== null) return reading;
  const last = reading.lrs.length - 1;
  return { ...reading, divergenceIndex: last, minimumIndex: Math.max(0, argmin(reading.smoothed, 0, last)) };
}

function analyzeOne(curve: Curve, options: AnalyzeOptions): Analysis {
  const prepared = prepareCurve(curve);
  const reading = readPrepared(prepared, options);
  const regions = regionsFromReading(reading, options);
  const own = options.rules === undefined;
  const rules = options.rules ?? createRules(options.numIter === undefined ? {} : { numIter: options.numIter });
  if (own) delete rules['lrfind']; // read below from this reading, with these options
  const picks = runSuggesters(rules, prepared.curve);
  if (own) {
    const pick = pickLrfind(reading, options);
    picks['lrfind'] = { rule: 'lrfind', lr: pick.lr, index: pick.index };
  }
  const parts = {
    curve: prepared.curve,
    smoothedLosses: reading.smoothed,
    gradient: reading.gradient,
    regions,
    divergenceIndex: reading.divergenceIndex,
    minimumIndex: reading.minimumIndex,
  };
  const steady = findSteadyRange(reading, options) !== null;
  const { bounds: curveBounds, warnings, diagnosis } = recommendBounds({ ...parts, picks, steady }, options);
  return { ...parts, curveBounds, picks, diagnosis, warnings: [...prepared.warnings, ...warnings] };
}

/** lrfind's maxLr for one cleaned run, or null when the run cannot be read. */
function runMaxLr(run: Curve, options: AnalyzeOptions): number | null {
  try {
    const reading = readCurve(run, options);
    return pickLrfind(reading, options).lr;
  } catch (error) {
    if (error instanceof AnalysisError) return null;
    throw error;
  }
}

function analyzeRuns(curves: readonly Curve[], options: AnalyzeOptions): Analysis {
  const runs: Curve[] = [];
  const warnings: string[] = [];
  let firstError: unknown;
  curves.forEach((curve, i) => {
    try {
      runs.push(prepareCurve(curve).curve);
    } catch (error) {
      if (!(error instanceof AnalysisError)) throw error;
      firstError ??= error;
      warnings.push(`run ${i} skipped: ${error.message}`);
    }
  });
  if (runs.length === 0) throw firstError;
  if (runs.length === 1) {
    const single = analyzeOne(runs[0]!, options);
    return { ...single, warnings: [...warnings, ...single.warnings] };
  }
  const aggregate = aggregateRuns(runs, options);
  const analysis = analyzeOne({ lrs: aggregate.lrs, losses: aggregate.median }, options);
  const picks = runs.map((run) => runMaxLr(run, options)).filter((lr): lr is number => lr !== null);
  const ratio = picks.length > 1 ? maxOf(picks) / minOf(picks) : 1;
  let curveBounds = analysis.curveBounds;
  // Without bounds the runs' picks mean nothing to disagree about.
  if (curveBounds !== null && ratio > DISAGREEMENT_RATIO) {
    const advice = runs.length >= ESCALATION.repeatRuns ? 'use a larger batch' : 'use more runs or a larger batch';
    warnings.push(`runs disagree: their maxLr spans ×${ratio.toFixed(1)} (${minOf(picks).toPrecision(3)} to ${maxOf(picks).toPrecision(3)}); ${advice}`);
  }
  if (curveBounds !== null && ratio > 2) {
    curveBounds = { ...curveBounds, confidence: curveBounds.confidence * (2 / ratio) };
  }
  return { ...analysis, curveBounds, aggregate, warnings: [...warnings, ...analysis.warnings] };
}

/**
 * Reads a range-test curve: cleans it (see `prepareCurve`), smooths it without lag (median, then
 * Savitzky-Golay), finds the regions, the minimum and the divergence, runs every suggestion rule,
 * and recommends one-cycle bounds with a confidence and plain-language warnings. Several runs are
 * aggregated first (see `aggregateRuns`) and the median curve is read; each run is also read alone,
 * and when their lrfind maxLr spread by a ratio above 2 the confidence is multiplied by 2/ratio
 * (above `DISAGREEMENT_RATIO` a warning says so). Indices refer to the cleaned curve (`curve`).
 * Throws a RangeError for a bad option, and an `AnalysisError` (with a `code`) when there is nothing
 * to analyse, e.g. fewer than 2 finite points.
 */
export function analyzeCurve(curves: Curve | readonly Curve[], options: AnalyzeOptions = {}): Analysis {
  checkOptions(options);
  if (!Array.isArray(curves)) return analyzeOne(curves as Curve, options);
  if (curves.length === 0) throw new AnalysisError('no-runs', 'no runs to analyse: got an empty list');
  if (curves.length === 1) return analyzeOne(curves[0] as Curve, options);
  return analyzeRuns(curves as readonly Curve[], options);
}
