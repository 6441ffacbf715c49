// Reading a range-test result: a single run's curve, or the median of several runs' curves.
import { analyzeCurve, type AnalyzeOptions } from '../analysis/analyze.js';
import type { Analysis, RangeTestResult } from '../types.js';

/**
 * A curve without bounds whose sweep was stopped (Ctrl-C, a signal) has none because it is partial:
 * its no-bounds warning says that, not the curve's advice (e.g. "raise endLr").
 */
function stoppedReason(result: RangeTestResult, analysis: Analysis): Analysis {
  if (analysis.curveBounds !== null || !result.runs.some((r) => r.stopReason === 'stopped')) return analysis;
  const steps = result.runs.reduce((n, r) => n + r.lrs.length, 0);
  const planned = result.settings.numIter * result.settings.runs;
  const lastLr = result.runs.at(-1)?.lrs.at(-1) ?? result.lrs.at(-1);
  const at = lastLr === undefined ? '' : `, at lr ${lastLr.toPrecision(3)}`;
  const why = `the sweep was stopped after ${steps} of ${planned} steps${at}, before the curve showed where to train, so there are no bounds: run it to the end`;
  return { ...analysis, warnings: analysis.warnings.map((w) => (/no bounds/.test(w) ? why : w)) };
}

/**
 * Analyses what `findLearningRate` returned: with several runs (of at least two points each) their
 * median curve and spread, else the curve itself. `numIter` defaults to the test's planned steps,
 * `runs` to its runs (so that noise advice does not ask for runs it already has).
 */
export function analyzeRangeTest(result: RangeTestResult, options: AnalyzeOptions = {}): Analysis {
  const runs = result.runs.filter((r) => r.lrs.length >= 2).map((r) => ({ lrs: r.lrs, losses: r.losses }));
  const withSteps = { numIter: result.settings.numIter, runs: Math.max(1, runs.length), ...options };
  const analysis = runs.length > 1 ? analyzeCurve(runs, withSteps) : analyzeCurve({ lrs: result.lrs, losses: result.losses }, withSteps);
  return stoppedReason(result, analysis);
}
