// Eager checks on the model and data, so that bad input fails before any training.
import type * as tf from '@tensorflow/tfjs';
import type { Batch } from './batches.js';

const describeShape = (shape: readonly (number | null)[]): string => `[${shape.map((d) => d ?? 'any').join(', ')}]`;

/** Throws when the model cannot be trained by the range test. */
export function checkModel(model: tf.LayersModel): void {
  if (model == null || typeof (model as Partial<tf.LayersModel>).trainOnBatch !== 'function') {
    throw new TypeError('model must be a tf.LayersModel');
  }
  if (model.optimizer == null) {
    throw new TypeError(`model must be compiled: call model.compile({optimizer, loss}) first (model '${model.name}' is not)`);
  }
  if (model.inputs.length !== 1 || model.outputs.length !== 1) {
    throw new TypeError(`model must have one input and one output, got ${model.inputs.length} and ${model.outputs.length}`);
  }
}

function matches(expected: readonly (number | null)[], actual: readonly number[]): boolean {
  return expected.length === actual.length && expected.every((d, i) => d == null || d === actual[i]);
}

/** Throws when a batch (or whole data) does not fit the model's input and output. */
export function checkBatchFits(model: tf.LayersModel, batch: Batch, what: string): void {
  const xs = batch.xs.shape;
  const ys = batch.ys.shape;
  if (xs[0] === 0) throw new RangeError(`${what} is empty (0 examples)`);
  const inputShape = model.inputs[0]!.shape;
  if (!matches(inputShape, xs)) {
    throw new RangeError(`${what}: xs has shape ${describeShape(xs)} but the model expects ${describeShape(inputShape)}`);
  }
  if (ys[0] !== xs[0]) {
    throw new RangeError(`${what}: xs has ${xs[0]} examples but ys has ${ys[0]}`);
  }
  const outputShape = model.outputs[0]!.shape;
  if (ys.length === outputShape.length && !matches(outputShape, ys)) {
    throw new RangeError(`${what}: ys has shape ${describeShape(ys)} but the model outputs ${describeShape(outputShape)}`);
  }
}
