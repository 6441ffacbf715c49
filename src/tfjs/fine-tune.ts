// Transfer learning as fastai's `fine_tune` does it, with lrfind finding each lr: freeze the
// pretrained base, find the lr of the new head and train it one-cycle; unfreeze, find again, and
// train everything one-cycle with the base at a fraction of the head's lr (docs/fine-tune.md).
import * as tf from '@tensorflow/tfjs';
import type { LrFinderResult } from '../types.js';
import { seededPermutation } from '../random.js';
import { exampleCount, isTensorData, mapTensors, type TensorData, type TrainingData } from './batches.js';
import { layerLrCallback } from './callbacks/layer-lr-callback.js';
import { oneCycleCallback } from './callbacks/one-cycle-callback.js';
import { recommendLearningRate, type RecommendLrOptions } from './recommend.js';
import { stepsPerEpoch } from '../schedules/steps.js';
import { refreshBatchNorm } from './batch-norm.js';

export interface FineTuneOptions {
  /** How many layers with weights, at the end of the model, form the new head. @default 1 */
  headLayers?: number;
  /** One-cycle epochs of the head alone, the base frozen (fastai's `freeze_epochs`). @default 1 */
  freezeEpochs?: number;
  /** One-cycle epochs of the whole model once unfrozen. @default 4 */
  epochs?: number;
  /** The base trains at this fraction of the head's lr (fastai's lr_mult, as a fraction). @default 0.1 */
  baseLrFactor?: number;
  /** Mini-batch size of the finds and the training. @default 32 */
  batchSize?: number;
  /** Data to validate on after each epoch. */
  validationData?: TensorData;
  /** Seeds the per-epoch shuffle of tensor data, so that runs repeat. @default 0 */
  seed?: number;
  /** The finder's options for both finds (its batch size is `batchSize`). */
  finder?: Omit<RecommendLrOptions, 'batchSize'>;
  /** Called as each stage starts, e.g. to show progress. */
  onStage?: (stage: FineTuneStage) => void;
}

export type FineTuneStage = 'find the head' | 'train the head' | 'find all' | 'train all';

export interface FineTuneStep {
  /** The finder's result for this stage. */
  found: LrFinderResult;
  /** The bounds it trained with: the found ones, or for the unfrozen model without any, the head's halved (fastai's choice). */
  bounds: { maxLr: number; minLr: number };
  /** Why the bounds are not the found ones, when they are not. */
  note?: string;
  /** Each epoch's logs: loss, and the metrics and validation scores the model reports. */
  history: FitHistory;
}

/** Per-epoch logs, as `model.fit`'s History holds them. */
export interface FitHistory {
  epoch: number[];
  history: Record<string, number[]>;
}

export interface FineTuneResult {
  /** The layers that trained first, alone. */
  headLayers: string[];
  /** The layers frozen first, then trained at `baseLrFactor` × the lr. */
  baseLayers: string[];
  head: FineTuneStep;
  all: FineTuneStep;
}

/**
 * Batch norm's statistics recomputed over the training inputs after the last epoch (short schedules
 * leave tfjs's running averages behind: docs/batch-norm.md), and the last epoch's validation scores
 * measured again with them. Tensor data with one input only; nothing for a model without batch norm.
 */
async function refreshAfter(model: tf.LayersModel, data: TrainingData, validation: TensorData | undefined, batchSize: number, history: FitHistory): Promise<void> {
  if (!isTensorData(data) || !(data.xs instanceof tf.Tensor)) return;
  if ((await refreshBatchNorm(model, data.xs, { batchSize })) === 0 || validation === undefined) return;
  const scores = model.evaluate(validation.xs as tf.Tensor, validation.ys as tf.Tensor, { batchSize });
  const values = (Array.isArray(scores) ? scores : [scores]).map((s) => s.dataSync()[0]!);
  tf.dispose(scores);
  const names = ['val_loss', ...model.metricsNames.slice(1).map((m) => `val_${m}`)];
  names.forEach((name, i) => {
    const series = history.history[name];
    if (series !== undefined && values[i] !== undefined) series[series.length - 1] = values[i]!;
  });
}

/** Thrown when the head's find gives no bounds: nothing was trained. */
export class FineTuneError extends Error {
  override name = 'FineTuneError';
  constructor(message: string, readonly found: LrFinderResult) {
    super(message);
  }
}

function checkOptions(o: FineTuneOptions): Required<Pick<FineTuneOptions, 'headLayers' | 'freezeEpochs' | 'epochs' | 'baseLrFactor' | 'batchSize'>> {
  const r = { headLayers: o.headLayers ?? 1, freezeEpochs: o.freezeEpochs ?? 1, epochs: o.epochs ?? 4, baseLrFactor: o.baseLrFactor ?? 0.1, batchSize: o.batchSize ?? 32 };
  for (const key of ['headLayers', 'freezeEpochs', 'epochs', 'batchSize'] as const) {
    if (!Number.isInteger(r[key]) || r[key] < 1) throw new RangeError(`${key} must be an integer ≥ 1, got ${r[key]}`);
  }
  if (!(r.baseLrFactor > 0 && r.baseLrFactor <= 1)) throw new RangeError(`baseLrFactor must be in (0, 1], got ${r.baseLrFactor}`);
  return r;
}

/** The layers with weights the user left trainable, split into the base and the head (the last `headLayers`). */
function splitLayers(model: tf.LayersModel, headLayers: number): { base: tf.layers.Layer[]; head: tf.layers.Layer[] } {
  const trainable = model.layers.filter((l) => l.trainable && l.trainableWeights.length > 0);
  if (trainable.length <= headLayers) {
    throw new RangeError(`fineTune needs a base to freeze: the model has ${trainable.length} trainable layers with weights, and headLayers is ${headLayers}`);
  }
  return { base: trainable.slice(0, -headLayers), head: trainable.slice(-headLayers) };
}

/** A new optimizer of the same kind and settings, without state. */
function freshOptimizer(optimizer: tf.Optimizer): tf.Optimizer {
  const kind = optimizer.constructor as unknown as tf.serialization.SerializableConstructor<tf.Optimizer> & {
    fromConfig(cls: unknown, config: tf.serialization.ConfigDict): tf.Optimizer;
  };
  return kind.fromConfig(kind, optimizer.getConfig());
}

/**
 * tfjs collects the weights it trains when compiling, and its optimizers keep their state by
 * position in that list: after (un)freezing, compile again with a fresh optimizer of the same kind.
 */
function recompile(model: tf.LayersModel): void {
  const compiled = model as unknown as { loss: tf.ModelCompileArgs['loss']; metrics?: tf.ModelCompileArgs['metrics'] };
  model.compile({ optimizer: freshOptimizer(model.optimizer), loss: compiled.loss, ...(compiled.metrics ? { metrics: compiled.metrics } : {}) });
}

const logValue = (v: unknown): number => (typeof v === 'number' ? v : (v as tf.Tensor).dataSync()[0]!);

/** Tensor data trained epoch by epoch in seeded orders (tfjs's own shuffle is not seeded); a dataset as it comes. */
async function fit(model: tf.LayersModel, data: TrainingData, epochs: number, o: FineTuneOptions, batchSize: number, callbacks: tf.Callback[]): Promise<FitHistory> {
  const validationData = o.validationData ? ([o.validationData.xs, o.validationData.ys] as [tf.Tensor, tf.Tensor]) : undefined;
  const args = { verbose: 0 as const, callbacks, ...(validationData ? { validationData } : {}) };
  if (!isTensorData(data)) {
    const h = await model.fitDataset(data as tf.data.Dataset<tf.TensorContainer>, { ...args, epochs });
    return { epoch: h.epoch, history: Object.fromEntries(Object.entries(h.history).map(([k, vs]) => [k, vs.map(logValue)])) };
  }
  const out: FitHistory = { epoch: [], history: {} };
  const n = exampleCount(data);
  for (let epoch = 0; epoch < epochs; epoch++) {
    const order = tf.tensor1d(seededPermutation(n, (o.seed ?? 0) * 7919 + epoch), 'int32');
    const take = (t: tf.Tensor): tf.Tensor => tf.gather(t, order);
    const [xs, ys] = [mapTensors(data.xs, take), mapTensors(data.ys, take)];
    order.dispose();
    try {
      const h = await model.fit(xs as tf.Tensor, ys as tf.Tensor, { ...args, epochs: epoch + 1, initialEpoch: epoch, batchSize, shuffle: false });
      out.epoch.push(epoch);
      for (const [key, values] of Object.entries(h.history)) (out.history[key] ??= []).push(logValue(values.at(-1)));
    } finally {
      tf.dispose([xs, ys] as unknown as tf.TensorContainer);
    }
  }
  return out;
}

const noBoundsWhy = (found: LrFinderResult): string => found.analysis?.warnings.find((w) => /no bounds/.test(w)) ?? 'the range test gave no bounds';

/** The one-cycle over the whole run (the run is trained epoch by epoch: tell it its length). */
function cycle(bounds: { maxLr: number; minLr: number }, epochs: number, data: TrainingData, batchSize: number): tf.Callback {
  return isTensorData(data) ? oneCycleCallback(bounds, { epochs, stepsPerEpoch: stepsPerEpoch(exampleCount(data), batchSize) }) : oneCycleCallback(bounds);
}

/**
 * fastai's `fine_tune` for a tfjs model whose last `headLayers` layers are new: freeze the rest,
 * find the head's lr and train it `freezeEpochs` one-cycle; unfreeze, find again and train all
 * `epochs` one-cycle, the base at `baseLrFactor` × the lr. The model must be compiled; layers the
 * user had frozen stay frozen, and every trainable flag ends as it began. Each stage compiles the
 * model again with a new optimizer of the same kind and settings (tfjs optimizers keep their state
 * by position in the list of weights they train, which freezing changes).
 * @example
 * const { all } = await fineTune(model, { xs, ys }, { epochs: 4, validationData: { xs: vx, ys: vy } });
 */
export async function fineTune(model: tf.LayersModel, data: TrainingData, options: FineTuneOptions = {}): Promise<FineTuneResult> {
  const o = checkOptions(options);
  if (model.optimizer == null) throw new TypeError(`model must be compiled: call model.compile({optimizer, loss}) first (model '${model.name}' is not)`);
  const { base, head } = splitLayers(model, o.headLayers);
  base.forEach((l) => (l.trainable = false));
  try {
    recompile(model);
    options.onStage?.('find the head');
    const headFound = await recommendLearningRate(model, data, { ...options.finder, batchSize: o.batchSize });
    if (headFound.bounds === null) throw new FineTuneError(`fineTune: no bounds to train the head: ${noBoundsWhy(headFound)}`, headFound);
    const headBounds = headFound.bounds;
    options.onStage?.('train the head');
    const headHistory = await fit(model, data, o.freezeEpochs, options, o.batchSize, [cycle(headBounds, o.freezeEpochs, data, o.batchSize)]);
    base.forEach((l) => (l.trainable = true));
    recompile(model);
    options.onStage?.('find all');
    const allFound = await recommendLearningRate(model, data, { ...options.finder, batchSize: o.batchSize });
    // A trained head's loss has little left to fall: when the curve gives no bounds, fastai's halved lr.
    const allBounds = allFound.bounds ?? { maxLr: headBounds.maxLr / 2, minLr: headBounds.minLr / 2 };
    const note = allFound.bounds === null ? `the unfrozen model's range test gave no bounds (${noBoundsWhy(allFound)}): trained at the head's bounds halved, as fastai does` : undefined;
    options.onStage?.('train all');
    const callbacks = [cycle(allBounds, o.epochs, data, o.batchSize), layerLrCallback({ layers: base, factor: o.baseLrFactor })];
    const allHistory = await fit(model, data, o.epochs, options, o.batchSize, callbacks);
    await refreshAfter(model, data, options.validationData, o.batchSize, allHistory);
    return {
      headLayers: head.map((l) => l.name),
      baseLayers: base.map((l) => l.name),
      head: { found: headFound, bounds: { maxLr: headBounds.maxLr, minLr: headBounds.minLr }, history: headHistory },
      all: { found: allFound, bounds: { maxLr: allBounds.maxLr, minLr: allBounds.minLr }, ...(note ? { note } : {}), history: allHistory },
    };
  } finally {
    base.forEach((l) => (l.trainable = true));
    recompile(model);
  }
}
