// The end-to-end demo as one library call: range test on real data → analysis → one-cycle
// training with the recommended bounds → accuracy. The CLI renders the result and writes reports.
import * as tf from '@tensorflow/tfjs';
import { loadDataset } from '../data/load.js';
import type { DatasetName } from '../data/names.js';
import { buildModel, type ModelName } from '../models/builders.js';
import { oneCycle } from '../schedules/one-cycle.js';
import type { CycleSchedule } from '../schedules/cycle-schedule.js';
import type { Analysis, Bounds, Confirmation, Escalation, LrFinderResult, RangeTestResult } from '../types.js';
import { initBackend, type BackendChoice, type BackendInfo } from '../tfjs/backend.js';
import type { ConfirmOptions } from '../tfjs/confirm.js';
import type { RangeTestStep } from '../tfjs/range-test.js';
import { recommendLearningRate } from '../tfjs/recommend.js';
import { tooFewToRead } from '../range-test/result.js';
import { NoBoundsError } from './no-bounds.js';
import { trainWithSchedule, type EpochRecord } from './train.js';
import { stepsPerEpoch } from '../schedules/steps.js';

export interface DemoOptions {
  /** @default 'digits' */
  dataset?: DatasetName;
  /** @default 'cnn' */
  model?: ModelName;
  /** One-cycle epochs after the range test. @default 8 */
  epochs?: number;
  /** @default 32 */
  batchSize?: number;
  /** Seeds the model, the split and the shuffles. @default 0 */
  seed?: number;
  /** @default 'auto' */
  backend?: BackendChoice;
  /** Training examples to use (all when absent). */
  trainSize?: number;
  /** Confirm the curve's max lr by training probes before training (see `recommendLearningRate`). @default true */
  confirm?: boolean;
  onStep?: (step: RangeTestStep) => void;
  /** Called once the range test is read, before the probes and training (e.g. to show the bounds). */
  onRangeTest?: (rangeTest: RangeTestResult, analysis: Analysis) => void;
  /** Called after every confirmation probe step. */
  onProbeStep?: ConfirmOptions['onStep'];
  /** Called once the probes are done, before training. */
  /** Called once the probes are done, with the finder's whole result (its `bounds` the ones trained with). */
  onConfirmation?: (found: LrFinderResult) => void;
  onEpoch?: (record: EpochRecord) => void;
  signal?: AbortSignal;
}

export interface DemoResult {
  dataset: string;
  model: ModelName;
  optimizer: string;
  backend: BackendInfo;
  rangeTest: RangeTestResult;
  analysis: Analysis;
  /** The probes that confirmed the max lr; null with `confirm: false`. */
  confirmation: Confirmation | null;
  /** The bounds trained with: confirmed, or the curve's when no probes ran. */
  bounds: Bounds;
  /** What the finder did beyond the planned sweep (see `LrFinderResult.escalations`). */
  escalations: Escalation[];
  schedule: CycleSchedule;
  stepsPerEpoch: number;
  history: EpochRecord[];
  /** Validation accuracy after the last epoch. */
  accuracy: number;
  /** Validation accuracy of the untrained model (chance level, for comparison). */
  initialAccuracy: number;
  seconds: number;
}

function accuracyOf(model: tf.LayersModel, xs: tf.Tensor, ys: tf.Tensor): number {
  return tf.tidy(() => {
    const predicted = (model.predict(xs) as tf.Tensor).argMax(-1);
    return predicted.equal(ys.argMax(-1)).mean().dataSync()[0]!;
  });
}

/** Runs the whole lrfind workflow on a bundled dataset with SGD + momentum 0.9. */
export async function runDemo(options: DemoOptions = {}): Promise<DemoResult> {
  const started = performance.now();
  const backend = await initBackend(options.backend ?? 'auto');
  const seed = options.seed ?? 0;
  const batchSize = options.batchSize ?? 32;
  const epochs = options.epochs ?? 8;
  const modelName = options.model ?? 'cnn';
  const data = await loadDataset(options.dataset ?? 'digits', { seed, ...(options.trainSize ? { trainSize: options.trainSize } : {}) });
  const model = buildModel(modelName, { inputShape: data.inputShape, numClasses: data.numClasses, seed });
  try {
    model.compile({ optimizer: tf.train.momentum(0.01, 0.9), loss: 'categoricalCrossentropy', metrics: ['accuracy'] });
    const initialAccuracy = accuracyOf(model, data.validation.xs, data.validation.ys);
    const found = await recommendLearningRate(model, data.train, {
      batchSize, seed, confirm: options.confirm ?? true,
      ...(options.onStep ? { onStep: options.onStep } : {}), ...(options.signal ? { signal: options.signal } : {}),
      ...(options.onRangeTest ? { onAnalysis: options.onRangeTest } : {}),
      ...(options.onProbeStep ? { onProbeStep: options.onProbeStep } : {}),
    });
    const { rangeTest, analysis, confirmation, bounds, escalations } = found;
    if (analysis === null) throw new Error(tooFewToRead(rangeTest));
    if (confirmation) options.onConfirmation?.(found);
    if (bounds === null) {
      throw new NoBoundsError(`the range test gave no bounds: ${analysis.warnings.join('; ')}`);
    }
    const { maxLr, minLr } = bounds;
    const steps = stepsPerEpoch(data.train.xs.shape[0]!, batchSize);
    const schedule = oneCycle({ maxLr, divFactor: maxLr / minLr, epochs, stepsPerEpoch: steps });
    const history = await trainWithSchedule(model, data.train, data.validation, {
      epochs, batchSize, lr: schedule.lr, momentum: schedule.momentum, seed,
      ...(options.onEpoch ? { onEpoch: options.onEpoch } : {}), ...(options.signal ? { signal: options.signal } : {}),
    });
    return {
      dataset: data.name, model: modelName, optimizer: 'SGD + momentum 0.9', backend, rangeTest, analysis, confirmation, bounds, escalations, schedule,
      stepsPerEpoch: steps, history, accuracy: history.at(-1)?.valAccuracy ?? initialAccuracy, initialAccuracy,
      seconds: (performance.now() - started) / 1000,
    };
  } finally {
    model.dispose();
    data.dispose();
  }
}
