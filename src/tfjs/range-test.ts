// The range-test engine: train for numIter mini-batches while the lr grows, record the loss,
// stop on divergence, and always hand what was trained (a model, or a training step's variables)
// and its optimizer back exactly as they were.
import * as tf from '@tensorflow/tfjs';
import { resolveRangeTestSettings, type RangeTestSettingsInput } from '../range-test/settings.js';
import { initialRecorderState, recordLoss, type RecorderState } from '../range-test/recorder.js';
import type { RangeTestResult, RangeTestRun, RangeTestSettings, StopReason } from '../types.js';
import { exampleCount, isTensorData, makeBatchSource, type TrainingData } from './batches.js';
import { checkBatchSize, prepareLearner } from './check-inputs.js';
import type { Learner, Trainable } from './learner.js';
import { disposeSnapshot, restoreSnapshot, takeSnapshot } from './snapshot.js';
import { checkAccumulationSteps, trainStep, type StepOptions } from './train-step.js';
import { precompilesByDefault, precompileOnData } from './precompile.js';
import { extensionLimit, SweepPlan, type ExtendOption } from './sweep-plan.js';
import { checkValidationOptions, Validator, type ValidationOptions } from './validation.js';
import { yieldToEventLoop } from './yield.js';
import { checkWeightDecay, WeightDecay, type WeightDecayOptions } from './weight-decay.js';

/** What `onStep` receives after every step. */
export interface RangeTestStep {
  run: number;
  step: number;
  numIter: number;
  lr: number;
  loss: number;
  /** The stop rule's running average (EMA) of the loss; it lags, so views draw the report's smoothing instead. */
  emaLoss: number;
  bestLoss: number;
  validationLoss?: number;
}

export interface RangeTestOptions extends RangeTestSettingsInput, ValidationOptions, StepOptions, Partial<WeightDecayOptions> {
  /** Stops the test cleanly; the partial curve is returned with stopReason 'stopped'. */
  signal?: AbortSignal;
  /** Called after every step, e.g. to draw progress. */
  onStep?: (step: RangeTestStep) => void;
  /**
   * Train one step before the sweep and undo it (see precompile.ts): the backend's one-time costs,
   * e.g. webgpu compiling its shaders, then land neither on the first lr nor in `timing`.
   * @default true on webgpu and webgl, false elsewhere
   */
  precompile?: boolean;
  /** Called after the precompiling step with its wall time in ms. */
  onPrecompile?: (ms: number) => void;
  /**
   * When the loss is still falling at endLr, sweep on at the same rate until it turns up, up to
   * `maxLr` (true: 100 × endLr). The first run decides; later runs follow its lrs. Exp mode only.
   * @default false (recommendLearningRate turns it on)
   */
  extend?: ExtendOption;
}

/** One run's loop: what it trains on, how it steps, and what it reports. */
interface RunContext {
  learner: Learner;
  data: TrainingData;
  settings: RangeTestSettings;
  plan: SweepPlan;
  validator: Validator | null;
  decay: WeightDecay | null;
  options: RangeTestOptions;
}

async function runOnce(c: RunContext, run: number): Promise<RangeTestRun> {
  const { settings, plan, options } = c;
  const lrs = plan.lrs;
  const seed = settings.seed + run;
  const source = makeBatchSource(c.data, settings.batchSize, seed);
  const every = options.validationEvery ?? 1;
  const step = { accumulationSteps: options.accumulationSteps ?? 1, decay: c.decay };
  const record: RangeTestRun = { lrs: [], losses: [], emaLosses: [], stopReason: 'completed', seed, bestIndex: -1, bestLoss: NaN };
  if (c.validator) record.validationLosses = [];
  let state: RecorderState = initialRecorderState;
  let stopReason: StopReason = 'completed';
  for (let i = 0; i < lrs.length || (run === 0 && stopReason === 'completed' && plan.extendAfter(record)); i++) {
    if (options.signal) await yieldToEventLoop();
    if (options.signal?.aborted) {
      stopReason = 'stopped';
      break;
    }
    const lr = lrs[i]!;
    const loss = await trainStep(c.learner, source, lr, step);
    const { state: next, verdict } = recordLoss(state, loss, settings.smoothing, settings.divergeThreshold);
    if (verdict === 'non-finite loss') {
      stopReason = verdict;
      break;
    }
    state = next;
    record.lrs.push(lr);
    record.losses.push(loss);
    record.emaLosses.push(state.smoothed);
    let valLoss: number | undefined;
    if (c.validator && record.validationLosses) {
      const due = i % every === 0 || i === lrs.length - 1 || verdict === 'diverged';
      valLoss = due ? await c.validator.loss() : undefined;
      record.validationLosses.push(valLoss ?? null);
    }
    options.onStep?.({
      run, step: i, numIter: lrs.length, lr, loss, emaLoss: state.smoothed, bestLoss: state.best,
      ...(valLoss !== undefined ? { validationLoss: valLoss } : {}),
    });
    if (verdict === 'diverged') {
      stopReason = 'diverged';
      break;
    }
  }
  record.stopReason = stopReason;
  record.bestIndex = state.bestIndex;
  record.bestLoss = state.bestIndex >= 0 ? state.best : NaN;
  return record;
}

/** Eager checks of the options and the data; returns the learner, touching nothing. */
async function prepare(model: Trainable, data: TrainingData, options: RangeTestOptions, settings: RangeTestSettings): Promise<Learner> {
  checkAccumulationSteps(options.accumulationSteps);
  checkValidationOptions(options);
  if (options.weightDecay !== undefined) checkWeightDecay(options.weightDecay);
  const learner = await prepareLearner(model, data, settings.batchSize);
  if (isTensorData(data)) checkBatchSize(settings.batchSize, exampleCount(data));
  const validation = options.validationData;
  if (validation !== undefined) {
    if (!isTensorData(validation)) throw new TypeError('validationData must be {xs, ys} tensors (each a tensor, an array or a map of tensors)');
    const first = await makeBatchSource(validation, settings.batchSize, 0).next();
    try {
      learner.check(first, 'validationData');
    } finally {
      tf.dispose(first);
    }
  }
  return learner;
}

/**
 * Leslie Smith's LR range test on a compiled tfjs model, or on a training step of your own
 * (`{optimizer, loss, variables?}`): trains `numIter` mini-batches while the lr grows from
 * `startLr` to `endLr`, records raw and smoothed losses, stops on divergence or a non-finite loss,
 * and restores the weights (the step's variables) and the optimizer's state and lr bit-exactly,
 * whether the test completes, diverges, throws or is stopped.
 *
 * @example
 * const result = await findLearningRate(model, { xs, ys }, { numIter: 100, batchSize: 64 });
 */
export async function findLearningRate(model: Trainable, data: TrainingData, options: RangeTestOptions = {}): Promise<RangeTestResult> {
  const settings = resolveRangeTestSettings(options);
  const learner = await prepare(model, data, options, settings);
  const plan = new SweepPlan(settings, extensionLimit(options.extend, settings));
  const validator = options.validationData ? new Validator(learner, options.validationData, settings.batchSize, options.validationBatches) : null;
  if (options.precompile ?? precompilesByDefault()) {
    const evaluate = validator ? () => new Validator(learner, options.validationData!, settings.batchSize, 1).loss() : undefined;
    options.onPrecompile?.(await precompileOnData(learner, data, settings.batchSize, settings.seed, evaluate));
  }
  const decay = WeightDecay.of(learner.trainable, options.weightDecay === undefined ? undefined : { weightDecay: options.weightDecay, ...(options.decayApplyTo ? { decayApplyTo: options.decayApplyTo } : {}) });
  const context: RunContext = { learner, data, settings, plan, validator, decay, options };
  const snapshot = takeSnapshot(learner);
  const started = performance.now();
  const runs: RangeTestRun[] = [];
  try {
    for (let run = 0; run < settings.runs; run++) {
      try {
        runs.push(await runOnce(context, run));
      } finally {
        restoreSnapshot(learner, snapshot);
      }
      if (options.signal?.aborted) break;
    }
  } finally {
    decay?.forget();
    disposeSnapshot(snapshot);
  }
  return resultOf(runs, settings, learner, plan, (performance.now() - started) / 1000);
}

function resultOf(runs: RangeTestRun[], settings: RangeTestSettings, learner: Learner, plan: SweepPlan, seconds: number): RangeTestResult {
  const steps = runs.reduce((sum, r) => sum + r.lrs.length, 0);
  const past = runs[0]!.lrs.length - settings.numIter;
  return {
    ...runs[0]!,
    ...(past > 0 && plan.reason !== null ? { extension: { reason: plan.reason, steps: past, endLr: runs[0]!.lrs.at(-1)! } } : {}),
    ...(learner.layers ? { layers: learner.layers } : {}),
    runs,
    settings,
    backend: tf.getBackend(),
    optimizer: learner.optimizer.getClassName(),
    timing: { seconds, steps, msPerStep: steps > 0 ? (seconds * 1000) / steps : 0 },
  };
}
