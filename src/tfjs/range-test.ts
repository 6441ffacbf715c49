// The range-test engine: train for numIter mini-batches while the lr grows, record the loss,
// stop on divergence, and always hand the model and optimizer back exactly as they were.
import * as tf from '@tensorflow/tfjs';
import { RangeTestSettingsError, resolveRangeTestSettings, type RangeTestSettingsInput } from '../range-test/settings.js';
import { initialRecorderState, recordLoss, type RecorderState } from '../range-test/recorder.js';
import { sweepLrs } from '../range-test/sweep.js';
import { stillFalling } from '../range-test/escalate.js';
import { ESCALATION } from '../constants.js';
import type { RangeTestResult, RangeTestRun, RangeTestSettings, StopReason } from '../types.js';
import { isTensorData, makeBatchSource, type TrainingData, type TensorData } from './batches.js';
import { checkBatchFits, checkBatchSize, checkTrainingInputs } from './check-inputs.js';
import { disposeSnapshot, restoreSnapshot, takeSnapshot } from './snapshot.js';
import { trainStep } from './train-step.js';
import { precompilesByDefault, precompileOnData } from './precompile.js';
import { yieldToEventLoop } from './yield.js';

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

export interface RangeTestOptions extends RangeTestSettingsInput {
  /** Data to measure a validation loss on, as pytorch-lr-finder's `val_loader` does. */
  validationData?: TensorData;
  /** Measure the validation loss every this many steps (and on the last). @default 1 */
  validationEvery?: number;
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
  extend?: boolean | { maxLr: number };
}

async function validationLoss(model: tf.LayersModel, data: TensorData, batchSize: number): Promise<number> {
  const result = model.evaluate(data.xs, data.ys, { batchSize });
  const scalars = Array.isArray(result) ? result : [result];
  const value = (await scalars[0]!.data())[0]!;
  tf.dispose(scalars);
  return value;
}

/** Eager validation of everything but the settings; touches neither the model nor the optimizer. */
async function checkInputs(model: tf.LayersModel, data: TrainingData, options: RangeTestOptions, batchSize: number): Promise<void> {
  await checkTrainingInputs(model, data);
  if (isTensorData(data)) checkBatchSize(batchSize, data.xs.shape[0]!);
  if (options.validationData !== undefined) {
    if (!isTensorData(options.validationData)) throw new TypeError('validationData must be {xs, ys} tensors');
    checkBatchFits(model, options.validationData, 'validationData');
  }
  const every = options.validationEvery ?? 1;
  if (!Number.isInteger(every) || every < 1) throw new RangeError(`validationEvery must be a positive integer, got ${every}`);
}

/** The lrs of the sweep, and past its end the extension's: on at the same ratio per step, in chunks, while the loss falls. */
class SweepPlan {
  readonly lrs: number[];
  private readonly ratio: number;
  private readonly chunk: number;

  constructor(private readonly settings: RangeTestSettings, private readonly maxLr: number | null) {
    this.lrs = sweepLrs(settings.startLr, settings.endLr, settings.numIter, settings.mode);
    this.ratio = (settings.endLr / settings.startLr) ** (1 / (settings.numIter - 1));
    this.chunk = Math.max(5, Math.ceil(settings.numIter * ESCALATION.extendChunk));
  }

  /** Adds a chunk when the run so far completed the plan and is still falling; false when it stays. */
  extendAfter(record: RangeTestRun): boolean {
    const last = this.lrs[this.lrs.length - 1]!;
    if (this.maxLr === null || record.lrs.length < this.lrs.length || last * this.ratio > this.maxLr) return false;
    if (!stillFalling({ lrs: record.lrs, losses: record.losses }, this.settings.numIter)) return false;
    for (let k = 1; k <= this.chunk && last * this.ratio ** k <= this.maxLr * (1 + 1e-9); k++) this.lrs.push(last * this.ratio ** k);
    return true;
  }
}

async function runOnce(
  model: tf.LayersModel,
  data: TrainingData,
  settings: RangeTestSettings,
  plan: SweepPlan,
  run: number,
  options: RangeTestOptions,
): Promise<RangeTestRun> {
  const lrs = plan.lrs;
  const seed = settings.seed + run;
  const source = makeBatchSource(data, settings.batchSize, seed);
  const every = options.validationEvery ?? 1;
  const record: RangeTestRun = { lrs: [], losses: [], emaLosses: [], stopReason: 'completed', seed, bestIndex: -1, bestLoss: NaN };
  if (options.validationData) record.validationLosses = [];
  let state: RecorderState = initialRecorderState;
  let stopReason: StopReason = 'completed';
  for (let step = 0; step < lrs.length || (run === 0 && stopReason === 'completed' && plan.extendAfter(record)); step++) {
    if (options.signal) await yieldToEventLoop();
    if (options.signal?.aborted) {
      stopReason = 'stopped';
      break;
    }
    const lr = lrs[step]!;
    const loss = await trainStep(model, source, lr);
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
    if (options.validationData && record.validationLosses) {
      const due = step % every === 0 || step === lrs.length - 1 || verdict === 'diverged';
      valLoss = due ? await validationLoss(model, options.validationData, settings.batchSize) : undefined;
      record.validationLosses.push(valLoss ?? null);
    }
    options.onStep?.({
      run, step, numIter: lrs.length, lr, loss, emaLoss: state.smoothed, bestLoss: state.best,
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

/** The highest lr an extension may reach, or null for none; throws on an unusable `extend`. */
function extensionLimit(extend: RangeTestOptions['extend'], settings: RangeTestSettings): number | null {
  if (extend === undefined || extend === false) return null;
  if (settings.mode !== 'exp') throw new RangeTestSettingsError("extend needs mode 'exp': a linear sweep has no rate to go on at");
  const maxLr = extend === true ? settings.endLr * ESCALATION.extendFactor : extend.maxLr;
  if (!(maxLr > 0 && Number.isFinite(maxLr))) throw new RangeTestSettingsError(`extend.maxLr must be a positive number, got ${maxLr}`);
  return maxLr > settings.endLr ? maxLr : null;
}

/**
 * Leslie Smith's LR range test on a compiled tfjs model: trains `numIter` mini-batches while the lr
 * grows from `startLr` to `endLr`, records raw and smoothed losses, stops on divergence or a
 * non-finite loss, and restores the model's weights and the optimizer's state and lr bit-exactly,
 * whether the test completes, diverges, throws or is stopped.
 *
 * @example
 * const result = await findLearningRate(model, { xs, ys }, { numIter: 100, batchSize: 64 });
 */
export async function findLearningRate(
  model: tf.LayersModel,
  data: TrainingData,
  options: RangeTestOptions = {},
): Promise<RangeTestResult> {
  const settings = resolveRangeTestSettings(options);
  await checkInputs(model, data, options, settings.batchSize);
  const plan = new SweepPlan(settings, extensionLimit(options.extend, settings));
  if (options.precompile ?? precompilesByDefault()) {
    const validation = options.validationData;
    const evaluate = validation && (() => validationLoss(model, validation, settings.batchSize));
    options.onPrecompile?.(await precompileOnData(model, data, settings.batchSize, settings.seed, evaluate));
  }
  const snapshot = takeSnapshot(model);
  const started = performance.now();
  const runs: RangeTestRun[] = [];
  try {
    for (let run = 0; run < settings.runs; run++) {
      try {
        runs.push(await runOnce(model, data, settings, plan, run, options));
      } finally {
        restoreSnapshot(model, snapshot);
      }
      if (options.signal?.aborted) break;
    }
  } finally {
    disposeSnapshot(snapshot);
  }
  const seconds = (performance.now() - started) / 1000;
  const steps = runs.reduce((sum, r) => sum + r.lrs.length, 0);
  const past = runs[0]!.lrs.length - settings.numIter;
  return {
    ...runs[0]!,
    ...(past > 0 ? { extension: { steps: past, endLr: runs[0]!.lrs.at(-1)! } } : {}),
    runs,
    settings,
    backend: tf.getBackend(),
    optimizer: model.optimizer.getClassName(),
    timing: { seconds, steps, msPerStep: steps > 0 ? (seconds * 1000) / steps : 0 },
  };
}
