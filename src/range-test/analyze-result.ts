// Reading a range-test result: a single run's curve, or the median of several runs' curves.
import { analyzeCurve, type AnalyzeOptions } from '../analysis/analyze.js';
import type { Analysis, RangeTestResult } from '../types.js';

/**
 * Analyses what `findLearningRate` returned: with several runs (of at least two points each) their
 * median curve and spread, else the curve itself. `numIter` defaults to the test's planned steps.
 */
export function analyzeRangeTest(result: RangeTestResult, options: AnalyzeOptions = {}): Analysis {
  const runs = result.runs.filter((r) => r.lrs.length >= 2).map((r) => ({ lrs: r.lrs, losses: r.losses }));
  const withSteps = { numIter: result.settings.numIter, ...options };
  return runs.length > 1 ? analyzeCurve(runs, withSteps) : analyzeCurve({ lrs: result.lrs, losses: result.losses }, withSteps);
}
