// lrfind's whole recommendation in one call: the range test, the reading of its curve, and the
// confirmation probes that check the curve's max lr by sustained training (on by default: the
// curve alone misses the best one-cycle lr by more, see the README's benchmark).
import type * as tf from '@tensorflow/tfjs';
import type { AnalyzeOptions } from '../analysis/analyze.js';
import { analyzeRangeTest } from '../range-test/analyze-result.js';
import type { ConfirmSettingsInput } from '../range-test/confirm.js';
import { finderResult } from '../range-test/result.js';
import type { Analysis, LrFinderResult, RangeTestResult } from '../types.js';
import type { TrainingData, TensorData } from './batches.js';
import { confirmMaxLr, type ConfirmOptions } from './confirm.js';
import { findLearningRate, type RangeTestOptions, type RangeTestStep } from './range-test.js';

/** The tuned settings behind a recommendation, for experts (defaults: src/constants.ts, docs/constants.md). */
export interface RecommendTuning {
  /** The sweep's: how the lr grows, the stop rule and its running average, precompiling, validation cadence. */
  sweep?: Pick<RangeTestOptions, 'mode' | 'divergeThreshold' | 'smoothing' | 'precompile' | 'onPrecompile' | 'validationEvery'>;
  /** The reading's (`analyzeCurve`): smoothing, regions, lrfind's rule. */
  analysis?: AnalyzeOptions;
  /** The confirmation probes' (`confirmMaxLr`). */
  probes?: ConfirmSettingsInput;
}

/** What `recommendLearningRate` takes: the sweep, what comes out of it, and how to follow it. */
export interface RecommendLrOptions {
  /** First lr of the sweep. @default 1e-7 */
  startLr?: number;
  /** Last lr of the sweep. @default 1 */
  endLr?: number;
  /** Steps (mini-batches) of the sweep. @default 100 */
  numIter?: number;
  /** Mini-batch size when the data is given as tensors. @default 64 */
  batchSize?: number;
  /** Repeats of the sweep with other shuffles, read as their median curve. @default 1 */
  runs?: number;
  /** Seed of the first run's shuffle. @default 0 */
  seed?: number;
  /** Data to measure a validation loss on at every step, as pytorch-lr-finder's `val_loader`. */
  validationData?: TensorData;
  /** minLr = maxLr / divFactor: where one-cycle starts (PyTorch's `div_factor`). @default 10 */
  divFactor?: number;
  /** Confirm the curve's max lr by short training probes (up to 8 × 60 more steps). @default true */
  confirm?: boolean;
  /** Stops the sweep or the probes cleanly; what ran so far is returned. */
  signal?: AbortSignal;
  /** Called after every sweep step, e.g. to draw progress. */
  onStep?: (step: RangeTestStep) => void;
  /** Called once the curve is read, before the probes start. */
  onAnalysis?: (rangeTest: RangeTestResult, analysis: Analysis) => void;
  /** Called after every probe step. */
  onProbeStep?: ConfirmOptions['onStep'];
  /** The tuned settings, for experts. */
  tuning?: RecommendTuning;
}

const defined = <T extends object>(record: T): Partial<T> =>
  Object.fromEntries(Object.entries(record).filter(([, v]) => v !== undefined)) as Partial<T>;

/** The range test's options out of the recommendation's. */
function sweepOptions(options: RecommendLrOptions): RangeTestOptions {
  const { startLr, endLr, numIter, batchSize, runs, seed, validationData, signal, onStep } = options;
  return { ...defined({ startLr, endLr, numIter, batchSize, runs, seed, validationData, signal, onStep }), ...options.tuning?.sweep };
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
  model: tf.LayersModel, data: TrainingData, options: RecommendLrOptions = {},
): Promise<LrFinderResult> {
  const rangeTest = await findLearningRate(model, data, sweepOptions(options));
  if (rangeTest.lrs.length < 2) return finderResult(rangeTest, null, null);
  const divFactor = options.divFactor === undefined ? {} : { divFactor: options.divFactor };
  const analysis = analyzeRangeTest(rangeTest, { ...options.tuning?.analysis, ...divFactor });
  options.onAnalysis?.(rangeTest, analysis);
  // A sweep stopped by the signal (its only way to end 'stopped') gets no probes.
  if (options.confirm === false || analysis.curveBounds === null || options.signal?.aborted) return finderResult(rangeTest, analysis, null);
  const confirmation = await confirmMaxLr(model, data, analysis, {
    ...options.tuning?.probes,
    batchSize: rangeTest.settings.batchSize,
    seed: rangeTest.settings.seed,
    ...(options.signal ? { signal: options.signal } : {}),
    ...(options.onProbeStep ? { onStep: options.onProbeStep } : {}),
  });
  return finderResult(rangeTest, analysis, confirmation);
}
