// A compiled tf.LayersModel as a training step: its compiled loss (the mean over the batch of the
// sum of its outputs' losses, plus its layers' regularization penalties, as `trainOnBatch` computes
// it) minimized over the weights of the layers that are trainable now, so layers frozen after
// `compile` stay frozen. Inputs and outputs may be several: arrays in order, or maps by name.
import * as tf from '@tensorflow/tfjs';
import { tensorList, xsYsOf, type Batch, type Tensors } from './batches.js';
import { getLearningRate } from './learning-rate.js';
import type { Learner } from './learner.js';

/** The compiled parts tfjs keeps on a model (on a Sequential's inner model). */
interface Compiled {
  inputs: tf.SymbolicTensor[];
  outputs: tf.SymbolicTensor[];
  inputNames: string[];
  outputNames: string[];
  lossFunctions: ((yTrue: tf.Tensor, yPred: tf.Tensor) => tf.Tensor)[];
  calculateLosses(): tf.Scalar[];
  apply(inputs: tf.Tensor | tf.Tensor[], kwargs: { training: boolean }): tf.Tensor | tf.Tensor[];
  evaluate(x: tf.Tensor | tf.Tensor[], y: tf.Tensor | tf.Tensor[], args: { batchSize: number }): tf.Scalar | tf.Scalar[];
}

function compiledOf(model: tf.LayersModel): Compiled {
  const inner = (model as unknown as { model?: unknown }).model;
  return (inner instanceof tf.LayersModel ? inner : model) as unknown as Compiled;
}

const describeShape = (shape: readonly (number | null)[]): string => `[${shape.map((d) => d ?? 'any').join(', ')}]`;

/** `value` as one tensor per name, in `names`' order: a lone tensor for a single name, an array in order, or a map by name. */
function ordered(value: Tensors, names: readonly string[], what: string): tf.Tensor[] {
  if (value instanceof tf.Tensor || Array.isArray(value)) {
    const list = tensorList(value);
    if (list.length !== names.length) throw new RangeError(`${what}: ${list.length} tensor${list.length === 1 ? '' : 's'} for the model's ${names.length} (${names.join(', ')})`);
    return list;
  }
  const missing = names.filter((name) => !(name in value));
  const extra = Object.keys(value).filter((name) => !names.includes(name));
  if (missing.length > 0 || extra.length > 0) {
    throw new RangeError(`${what}: the model's names are ${names.join(', ')}; ${missing.length > 0 ? `missing ${missing.join(', ')}` : ''}${missing.length > 0 && extra.length > 0 ? ', ' : ''}${extra.length > 0 ? `unknown ${extra.join(', ')}` : ''}`);
  }
  return names.map((name) => value[name]!);
}

const one = (tensors: tf.Tensor[]): tf.Tensor | tf.Tensor[] => (tensors.length === 1 ? tensors[0]! : tensors);

function matches(expected: readonly (number | null)[], actual: readonly number[]): boolean {
  return expected.length === actual.length && expected.every((d, i) => d == null || d === actual[i]);
}

/** Throws when a batch does not fit the model's inputs and outputs. */
function checkFits(c: Compiled, batch: Batch, what: string): void {
  const { xs, ys } = xsYsOf(batch, what);
  const inputs = ordered(xs, c.inputNames, `${what}: xs`);
  const targets = ordered(ys, c.outputNames, `${what}: ys`);
  const n = inputs[0]!.shape[0];
  if (n === 0) throw new RangeError(`${what} is empty (0 examples)`);
  inputs.forEach((x, i) => {
    const expected = c.inputs[i]!.shape;
    const name = c.inputNames.length > 1 ? ` (${c.inputNames[i]})` : '';
    if (!matches(expected, x.shape)) throw new RangeError(`${what}: xs${name} has shape ${describeShape(x.shape)} but the model expects ${describeShape(expected)}`);
  });
  targets.forEach((y, i) => {
    const name = c.outputNames.length > 1 ? ` (${c.outputNames[i]})` : '';
    if (y.shape[0] !== n) throw new RangeError(`${what}: xs has ${n} examples but ys${name} has ${y.shape[0]}`);
    const expected = c.outputs[i]!.shape;
    if (y.shape.length === expected.length && !matches(expected, y.shape)) {
      throw new RangeError(`${what}: ys${name} has shape ${describeShape(y.shape)} but the model outputs ${describeShape(expected)}`);
    }
  });
}

/** The compiled total loss of a batch, as `trainOnBatch` minimizes it. */
function compiledLoss(c: Compiled, batch: Batch, training: boolean): tf.Scalar {
  const { xs, ys } = xsYsOf(batch);
  const targets = ordered(ys, c.outputNames, 'ys');
  const predicted = c.apply(one(ordered(xs, c.inputNames, 'xs')), { training });
  const outputs = Array.isArray(predicted) ? predicted : [predicted];
  let total: tf.Tensor | null = null;
  c.lossFunctions.forEach((lossOf, i) => {
    const loss = lossOf(targets[i]!, outputs[i]!);
    total = total === null ? loss : tf.add(total, loss);
  });
  let scalar = tf.mean(total!) as tf.Scalar;
  for (const penalty of c.calculateLosses()) scalar = tf.add(scalar, penalty);
  return scalar;
}

/** Layer names split by whether a step trains them (frozen ones, and layers with weights left alone). */
function layerSplit(model: tf.LayersModel): { trained: string[]; frozen: string[] } {
  const withWeights = model.layers.filter((l) => l.weights.length > 0);
  return {
    trained: withWeights.filter((l) => l.trainable && l.trainableWeights.length > 0).map((l) => l.name),
    frozen: withWeights.filter((l) => !l.trainable || l.trainableWeights.length === 0).map((l) => l.name),
  };
}

/**
 * tfjs optimizers keep their state (momentum, Adam's moments) by position in the list of variables
 * they train: state built for another list (layers frozen or unfrozen since) would be applied to the
 * wrong weights. Refused with what to do.
 */
export function checkOptimizerState(optimizer: tf.Optimizer, trainable: readonly tf.Variable[]): void {
  for (const [field, value] of Object.entries(optimizer as object)) {
    if (!Array.isArray(value)) continue;
    value.forEach((slot: { originalName?: unknown; variable?: unknown }, i) => {
      const v = trainable[i];
      // tfjs names a slot after its weight: "<weight name>/momentum", "<weight name>/m", …
      const name = typeof slot?.originalName === 'string' ? slot.originalName : '';
      if (v === undefined || !(slot?.variable instanceof tf.Variable) || name === v.name || name.startsWith(`${v.name}/`)) return;
      throw new TypeError(`the optimizer's state (${field}) was built for other weights than the ones trainable now (layers frozen or unfrozen since it trained): compile the model again with a new optimizer`);
    });
  }
}

/** A compiled model as the engine's learner; throws a TypeError when it is not compiled. */
export function layersLearner(model: tf.LayersModel): Learner {
  if (model.optimizer == null) {
    throw new TypeError(`model must be compiled: call model.compile({optimizer, loss}) first (model '${model.name}' is not)`);
  }
  getLearningRate(model.optimizer);
  const c = compiledOf(model);
  const trainable = model.trainableWeights.map((w) => w.read() as tf.Variable);
  if (trainable.length === 0) throw new TypeError(`model '${model.name}' has no trainable weights: every layer is frozen`);
  checkOptimizerState(model.optimizer, trainable);
  return {
    optimizer: model.optimizer,
    trainable,
    state: model.weights.map((w) => w.read() as tf.Variable),
    loss: (batch) => compiledLoss(c, batch, true),
    evaluate: (batch) => tf.tidy(() => compiledLoss(c, batch, false)),
    check: (batch, what) => checkFits(c, batch, what),
    layers: layerSplit(model),
  };
}
