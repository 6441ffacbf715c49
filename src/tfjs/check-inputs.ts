// Eager checks on what is trained and on its data, so that bad input fails before any training.
import * as tf from '@tensorflow/tfjs';
import { datasetBatches, exampleCount, isBatchDataset, isTensorData, tensorBatches, type TrainingData } from './batches.js';
import { learnerOf } from './learner-of.js';
import { isLayersModel, type Learner, type Trainable } from './learner.js';

/**
 * The learner of `target`, checked on the first batch the data gives (drawn from a source of its
 * own: the sweep's batches are untouched). Trains nothing; throws a clear error for bad input.
 */
export async function prepareLearner(target: Trainable, data: TrainingData, batchSize: number, what = 'data'): Promise<Learner> {
  if (!isTensorData(data) && !isBatchDataset(data)) {
    throw new TypeError('data must be {xs, ys} tensors (each a tensor, an array of tensors or a map of names to tensors) or a tf.data.Dataset of batches');
  }
  if (isTensorData(data) && exampleCount(data, what) === 0) throw new RangeError(`${what} is empty (0 examples)`);
  const first = await (isTensorData(data) ? tensorBatches(data, batchSize, 0) : datasetBatches(data)).next();
  try {
    const learner = learnerOf(target, first);
    // A model's shapes are checked on the whole data (its messages then quote the data's shape); a step runs on the batch.
    learner.check(isTensorData(data) && isLayersModel(target) ? { xs: data.xs, ys: data.ys } : first, what);
    return learner;
  } finally {
    tf.dispose(first);
  }
}

/** A batch larger than the data would make every step train on all of it, silently: refused. */
export function checkBatchSize(batchSize: number, examples: number): void {
  if (batchSize > examples) {
    throw new RangeError(`batchSize ${batchSize} is larger than the data (${examples} examples): every step would train on all of them; use batchSize ≤ ${examples}`);
  }
}
