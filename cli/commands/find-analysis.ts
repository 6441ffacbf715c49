// The analysis `find` reports, shared by the worker (which confirms its max lr) and the main thread.
import { analyzeCurve } from '../../src/analysis/index.js';
import type { Analysis, RangeTestResult } from '../../src/types.js';

/** The curves to analyse: every run with at least two points (the median of several runs). */
export function analyseRangeTest(result: RangeTestResult): Analysis {
  const runs = result.runs.filter((r) => r.lrs.length >= 2).map((r) => ({ lrs: r.lrs, losses: r.losses }));
  const options = { numIter: result.settings.numIter };
  return runs.length > 1 ? analyzeCurve(runs, options) : analyzeCurve({ lrs: result.lrs, losses: result.losses }, options);
}
