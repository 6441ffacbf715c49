// The founding study at laptop scale: lr schedules and optimizers compared on the same model, data,
// epochs and seed, each run recorded per epoch. The range test at the start supplies the lr
// bounds for the schedules, as in the founding study (which found max 0.1 and chose min 0.01).
import * as tf from '@tensorflow/tfjs';
import { loadDataset } from '../data/load.js';
import type { DatasetName } from '../data/names.js';
import { buildModel, type ModelName } from '../models/builders.js';
import { constant, cosine, exponential, linear } from '../schedules/annealers.js';
import { oneCycle } from '../schedules/one-cycle.js';
import { warmupCosineTail } from '../schedules/presets.js';
import { sgdr } from '../schedules/sgdr.js';
import type { Analysis, Bounds, Confirmation, Escalation, LrFinderResult, RangeTestResult, Schedule } from '../types.js';
import { initBackend, type BackendChoice, type BackendInfo } from '../tfjs/backend.js';
import type { ConfirmOptions } from '../tfjs/confirm.js';
import { recommendLearningRate } from '../tfjs/recommend.js';
import { tooFewToRead } from '../range-test/result.js';
import { NoBoundsError } from './no-bounds.js';
import { sgdrRestartSteps, studyRunWords, type RunWords } from './run-words.js';
import { trainWithSchedule, type EpochRecord } from './train.js';
import { stepsPerEpoch } from '../schedules/steps.js';

export type StudyGroup = 'schedules' | 'optimizers';

export interface StudyOptions {
  /** @default 'mnist' */
  dataset?: DatasetName;
  /** @default 'vgg-mini' */
  model?: ModelName;
  /** Training examples (a seeded subset). @default 2000 */
  trainSize?: number;
  /** Validation examples. @default 1000 */
  validationSize?: number;
  /** Epochs of every run. @default 6 */
  epochs?: number;
  /** @default 64 */
  batchSize?: number;
  /** @default 0 */
  seed?: number;
  /** Which groups of runs. @default ['schedules', 'optimizers'] */
  groups?: StudyGroup[];
  /** Only the runs with these names (all when absent). */
  only?: string[];
  /** @default 'auto' */
  backend?: BackendChoice;
  dataDir?: string;
  /** Confirm the curve's max lr by training probes before the runs (see `recommendLearningRate`). @default true */
  confirm?: boolean;
  /** Called once the range test is read, before the probes and the runs (e.g. to show the bounds). */
  onRangeTest?: (rangeTest: RangeTestResult, analysis: Analysis) => void;
  /** Called after every confirmation probe step, e.g. to show progress. */
  onProbeStep?: ConfirmOptions['onStep'];
  /** Called once the probes are done, with the finder's whole result (its `bounds` the ones trained with). */
  onConfirmation?: (found: LrFinderResult) => void;
  onRunStart?: (run: { name: string; group: StudyGroup; index: number; total: number }) => void;
  onEpoch?: (run: string, record: EpochRecord) => void;
  signal?: AbortSignal;
}

export interface StudyRun {
  name: string;
  group: StudyGroup;
  /** Optimizer and schedule in words, e.g. "SGD momentum 0.9, cosine 0.08 → 0". */
  description: string;
  /** The same, one field per column of the study's table. */
  words: RunWords;
  history: EpochRecord[];
  seconds: number;
}

export interface StudyResult {
  dataset: string;
  model: ModelName;
  backend: BackendInfo;
  settings: Required<Pick<StudyOptions, 'trainSize' | 'validationSize' | 'epochs' | 'batchSize' | 'seed'>>;
  rangeTest: RangeTestResult;
  analysis: Analysis;
  /** The probes that confirmed the max lr; null with `confirm: false`. */
  confirmation: Confirmation | null;
  /** The bounds every schedule is built from: confirmed, or the curve's when no probes ran. */
  bounds: Bounds;
  /** What the finder did beyond the planned sweep (see `LrFinderResult.escalations`). */
  escalations: Escalation[];
  maxLr: number;
  minLr: number;
  runs: StudyRun[];
  seconds: number;
}

interface RunPlan {
  name: string;
  group: StudyGroup;
  description: string;
  words: RunWords;
  optimizer: () => tf.Optimizer;
  lr: Schedule;
  momentum?: Schedule | null;
}

const fmt = (x: number): string => Number(x.toPrecision(2)).toString();

/** Keras's `decay`: lr / (1 + decay · iterations), with decay = lr / epochs as the founding study set it. */
function kerasDecay(lr: number, epochs: number): Schedule {
  const decay = lr / epochs;
  return (step) => lr / (1 + decay * Math.max(0, step));
}

function plans(maxLr: number, minLr: number, epochs: number, steps: number): RunPlan[] {
  const total = epochs * steps;
  const words = studyRunWords(maxLr, minLr, epochs, steps);
  const momentum = () => tf.train.momentum(maxLr, 0.9);
  const cycle = oneCycle({ maxLr, divFactor: maxLr / minLr, totalSteps: total });
  const warm = Math.round(total * 0.45);
  const seedCycle = warmupCosineTail({ minLr, maxLr, warmupSteps: warm, annealSteps: warm, tailSteps: total - 2 * warm });
  const restart = sgdrRestartSteps(total);
  const runs: Omit<RunPlan, 'words'>[] = [
    { name: 'constant', group: 'schedules', description: `SGD momentum 0.9, constant ${fmt(maxLr)}`, optimizer: momentum, lr: constant(maxLr) },
    { name: 'linear', group: 'schedules', description: `SGD momentum 0.9, linear ${fmt(maxLr)} → 0`, optimizer: momentum, lr: linear({ from: maxLr, to: 0, steps: total }) },
    { name: 'exponential', group: 'schedules', description: `SGD momentum 0.9, exponential ${fmt(maxLr)} → ${fmt(maxLr / 100)}`, optimizer: momentum, lr: exponential({ from: maxLr, to: maxLr / 100, steps: total }) },
    { name: 'cosine', group: 'schedules', description: `SGD momentum 0.9, cosine ${fmt(maxLr)} → 0`, optimizer: momentum, lr: cosine({ from: maxLr, to: 0, steps: total }) },
    { name: 'sgdr', group: 'schedules', description: `SGD momentum 0.9, SGDR restarts every ${restart} steps`, optimizer: momentum, lr: sgdr({ baseLr: maxLr, t0: restart }) },
    { name: 'one-cycle', group: 'schedules', description: `SGD momentum 0.85–0.95, one-cycle ${fmt(minLr)} → ${fmt(maxLr)}`, optimizer: momentum, lr: cycle.lr, momentum: cycle.momentum },
    { name: 'warmup-cosine-tail', group: 'schedules', description: `SGD momentum 0.9, warm-up, cosine and tail ${fmt(minLr)} → ${fmt(maxLr)} (45/45/10%)`, optimizer: momentum, lr: seedCycle.lr },
    { name: 'sgd', group: 'optimizers', description: 'SGD, lr 0.01', optimizer: () => tf.train.sgd(0.01), lr: constant(0.01) },
    { name: 'sgd-nesterov-decay', group: 'optimizers', description: `SGD momentum 0.9 nesterov, lr ${fmt(maxLr)}, decay lr/epochs`, optimizer: () => tf.train.momentum(maxLr, 0.9, true), lr: kerasDecay(maxLr, epochs) },
    { name: 'sgd-nesterov-decay-lr/10', group: 'optimizers', description: `same, lr ${fmt(maxLr / 10)}`, optimizer: () => tf.train.momentum(maxLr / 10, 0.9, true), lr: kerasDecay(maxLr / 10, epochs) },
    { name: 'rmsprop', group: 'optimizers', description: 'RMSprop, lr 0.001', optimizer: () => tf.train.rmsprop(0.001), lr: constant(0.001) },
    { name: 'adam', group: 'optimizers', description: 'Adam, lr 0.001', optimizer: () => tf.train.adam(0.001), lr: constant(0.001) },
  ];
  return runs.map((run) => ({ ...run, words: words[run.name]! }));
}

export const STUDY_RUN_NAMES = plans(0.1, 0.01, 1, 10).map((p) => p.name);

/** Runs the study; every run starts from the same seeded weights and sees the same batches. */
export async function runStudy(options: StudyOptions = {}): Promise<StudyResult> {
  const started = performance.now();
  const settings = {
    trainSize: options.trainSize ?? 2000, validationSize: options.validationSize ?? 1000,
    epochs: options.epochs ?? 6, batchSize: options.batchSize ?? 64, seed: options.seed ?? 0,
  };
  for (const [name, value] of Object.entries(settings)) {
    if (!Number.isInteger(value) || value < (name === 'seed' ? 0 : 1)) throw new RangeError(`${name} must be a positive integer, got ${value}`);
  }
  const unknown = (options.only ?? []).filter((name) => !STUDY_RUN_NAMES.includes(name));
  if (unknown.length > 0) throw new RangeError(`unknown run ${unknown.join(', ')}: choose from ${STUDY_RUN_NAMES.join(', ')}`);
  const backend = await initBackend(options.backend ?? 'auto');
  const modelName = options.model ?? 'vgg-mini';
  const data = await loadDataset(options.dataset ?? 'mnist', {
    seed: settings.seed, trainSize: settings.trainSize, validationSize: settings.validationSize,
    ...(options.dataDir ? { dataDir: options.dataDir } : {}),
  });
  const build = (optimizer: tf.Optimizer): tf.LayersModel => {
    const model = buildModel(modelName, { inputShape: data.inputShape, numClasses: data.numClasses, seed: settings.seed });
    model.compile({ optimizer, loss: 'categoricalCrossentropy', metrics: ['accuracy'] });
    return model;
  };
  try {
    const finder = build(tf.train.momentum(0.01, 0.9));
    const found = await recommendLearningRate(finder, data.train, {
      batchSize: settings.batchSize, seed: settings.seed, confirm: options.confirm ?? true,
      ...(options.signal ? { signal: options.signal } : {}), ...(options.onRangeTest ? { onAnalysis: options.onRangeTest } : {}),
      ...(options.onProbeStep ? { onProbeStep: options.onProbeStep } : {}),
    }).finally(() => finder.dispose());
    const { rangeTest, analysis, confirmation, bounds, escalations } = found;
    if (analysis === null) throw new Error(tooFewToRead(rangeTest));
    if (confirmation) options.onConfirmation?.(found);
    if (bounds === null) throw new NoBoundsError(`the range test gave no bounds: ${analysis.warnings.join('; ')}`);
    const { maxLr, minLr } = bounds;
    const steps = stepsPerEpoch(settings.trainSize, settings.batchSize);
    const groups = options.groups ?? ['schedules', 'optimizers'];
    const chosen = plans(maxLr, minLr, settings.epochs, steps).filter(
      (p) => groups.includes(p.group) && (options.only === undefined || options.only.includes(p.name)),
    );
    const runs: StudyRun[] = [];
    for (const [index, plan] of chosen.entries()) {
      if (options.signal?.aborted) break;
      options.onRunStart?.({ name: plan.name, group: plan.group, index, total: chosen.length });
      const runStarted = performance.now();
      const model = build(plan.optimizer());
      try {
        const history = await trainWithSchedule(model, data.train, data.validation, {
          epochs: settings.epochs, batchSize: settings.batchSize, lr: plan.lr, momentum: plan.momentum ?? null, seed: settings.seed,
          ...(options.onEpoch ? { onEpoch: (r: EpochRecord) => options.onEpoch!(plan.name, r) } : {}),
          ...(options.signal ? { signal: options.signal } : {}),
        });
        runs.push({ name: plan.name, group: plan.group, description: plan.description, words: plan.words, history, seconds: (performance.now() - runStarted) / 1000 });
      } finally {
        model.dispose();
      }
    }
    return {
      dataset: data.name, model: modelName, backend, settings, rangeTest, analysis, confirmation, bounds, escalations, maxLr, minLr, runs,
      seconds: (performance.now() - started) / 1000,
    };
  } finally {
    data.dispose();
  }
}
