// The end-to-end demo as one library call: range test on real data → analysis → one-cycle
// training with the recommended bounds → accuracy. The CLI renders the result and writes reports.
import * as tf from '@tensorflow/tfjs';
import { analyzeCurve } from '../../analysis/analyze.js';
import { loadDataset } from '../../data/tensors.js';
import type { DatasetName } from '../../data/names.js';
import { buildModel, type ModelName } from '../../models/builders.js';
import { oneCycle } from '../../schedules/one-cycle.js';
import type { CycleSchedule } from '../../schedules/cycle-schedule.js';
import type { Analysis, RangeTestResult } from '../../types.js';
import { initBackend, type BackendChoice, type BackendInfo } from '../backend.js';
import { findLearningRate, type RangeTestStep } from '../range-test.js';
import { stepsPerEpoch, trainWithSchedule, type EpochRecord } from './train.js';

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
  onStep?: (step: RangeTestStep) => void;
  /** Called once the range test is read, before training (e.g. to show the bounds). */
  onRangeTest?: (rangeTest: RangeTestResult, analysis: Analysis) => void;
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
    const rangeTest = await findLearningRate(model, data.train, {
      batchSize, seed, ...(options.onStep ? { onStep: options.onStep } : {}), ...(options.signal ? { signal: options.signal } : {}),
    });
    const analysis = analyzeCurve(rangeTest);
    options.onRangeTest?.(rangeTest, analysis);
    if (analysis.recommendation === null) {
      throw new Error(`the range test gave no recommendation: ${analysis.warnings.join('; ')}`);
    }
    const { maxLr, minLr } = analysis.recommendation;
    const steps = stepsPerEpoch(data.train.xs.shape[0]!, batchSize);
    const schedule = oneCycle({ maxLr, divFactor: maxLr / minLr, epochs, stepsPerEpoch: steps });
    const history = await trainWithSchedule(model, data.train, data.validation, {
      epochs, batchSize, lr: schedule.lr, momentum: schedule.momentum, seed,
      ...(options.onEpoch ? { onEpoch: options.onEpoch } : {}), ...(options.signal ? { signal: options.signal } : {}),
    });
    return {
      dataset: data.name, model: modelName, optimizer: 'SGD + momentum 0.9', backend, rangeTest, analysis, schedule,
      stepsPerEpoch: steps, history, accuracy: history.at(-1)?.valAccuracy ?? initialAccuracy, initialAccuracy,
      seconds: (performance.now() - started) / 1000,
    };
  } finally {
    model.dispose();
    data.dispose();
  }
}
