// lrfind's whole recommendation in one call: the range test, the reading of its curve, and the
// confirmation probes that check the curve's max lr by sustained training (on by default: measured
// in `npm run bench:suggest`, the curve alone misses the grid's best accuracy by up to 0.017, the
// confirmed max lr by up to 0.003).
import type * as tf from '@tensorflow/tfjs';
import type { AnalyzeOptions } from '../analysis/analyze.js';
import { analyzeRangeTest } from '../range-test/analyze-result.js';
import type { ConfirmSettingsInput } from '../range-test/confirm.js';
import { finderResult } from '../range-test/result.js';
import type { Analysis, LrFinderResult, RangeTestResult } from '../types.js';
import type { RangeTestData } from './batches.js';
import { confirmMaxLr, type ConfirmOptions } from './confirm.js';
import { findLearningRate, type RangeTestOptions } from './range-test.js';

export interface RecommendLrOptions extends RangeTestOptions {
  /** Options of the curve's reading (`analyzeCurve`). */
  analysis?: AnalyzeOptions;
  /**
   * Confirm the max lr by short training probes (`confirmMaxLr`, up to 8 × 60 more steps): true,
   * false for the curve's bounds alone, or the probes' settings. @default true
   */
  confirm?: boolean | ConfirmSettingsInput;
  /** Called once the curve is read, before the probes start. */
  onAnalysis?: (rangeTest: RangeTestResult, analysis: Analysis) => void;
  /** Called after every probe step. */
  onProbeStep?: ConfirmOptions['onStep'];
}

/**
 * Runs the range test on `model` (compiled; restored exactly afterwards), reads the curve and
 * confirms its max lr by training probes from the same starting weights.
 * @example
 * const found = await recommendLearningRate(model, { xs, ys }, { batchSize: 32 });
 * if (found.bounds === null) throw new Error(found.analysis?.warnings.join('\n'));
 * await model.fit(xs, ys, { epochs: 8, batchSize: 32, callbacks: [oneCycleCallback(found)] });
 */
export async function recommendLearningRate(
  model: tf.LayersModel, data: RangeTestData, options: RecommendLrOptions = {},
): Promise<LrFinderResult> {
  const { analysis: analyzeOptions, confirm = true, onAnalysis, onProbeStep, ...rangeTestOptions } = options;
  const rangeTest = await findLearningRate(model, data, rangeTestOptions);
  if (rangeTest.lrs.length < 2) return finderResult(rangeTest, null, null);
  const analysis = analyzeRangeTest(rangeTest, analyzeOptions);
  onAnalysis?.(rangeTest, analysis);
  // A sweep stopped by the signal (its only way to end 'stopped') gets no probes.
  if (confirm === false || analysis.curveBounds === null || options.signal?.aborted) return finderResult(rangeTest, analysis, null);
  const confirmation = await confirmMaxLr(model, data, analysis, {
    ...(confirm === true ? {} : confirm),
    batchSize: rangeTest.settings.batchSize,
    seed: rangeTest.settings.seed,
    ...(options.signal ? { signal: options.signal } : {}),
    ...(onProbeStep ? { onStep: onProbeStep } : {}),
  });
  return finderResult(rangeTest, analysis, confirmation);
}
