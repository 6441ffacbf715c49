// Eager checks on the model and data, so that bad input fails before any training.
import * as tf from '@tensorflow/tfjs';
import { datasetBatches, isBatchDataset, isTensorData, type Batch, type TrainingData } from './batches.js';
import { getLearningRate } from './learning-rate.js';

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

/** The model, its optimizer's lr and the first batch's fit; touches neither model nor optimizer. */
export async function checkTrainingInputs(model: tf.LayersModel, data: TrainingData): Promise<void> {
  checkModel(model);
  getLearningRate(model.optimizer);
  if (isTensorData(data)) {
    checkBatchFits(model, data, 'data');
  } else if (isBatchDataset(data)) {
    const first = await datasetBatches(data).next();
    try {
      checkBatchFits(model, first, 'data');
    } finally {
      tf.dispose([first.xs, first.ys]);
    }
  } else {
    throw new TypeError('data must be {xs, ys} tensors or a tf.data.Dataset of batches');
  }
}

/** A batch larger than the data would make every step train on all of it, silently: refused. */
export function checkBatchSize(batchSize: number, examples: number): void {
  if (batchSize > examples) {
    throw new RangeError(`batchSize ${batchSize} is larger than the data (${examples} examples): every step would train on all of them; use batchSize ≤ ${examples}`);
  }
}
