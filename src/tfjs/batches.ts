// Mini-batches for the range test: from {xs, ys} tensors (seeded shuffle, cycling through epochs)
// or from a tf.data.Dataset of batches (restarted when it runs out). The caller disposes each batch.
import * as tf from '@tensorflow/tfjs';
import { seededPermutation } from '../random.js';

/** Training data as whole tensors; the range test batches and shuffles them. */
export interface TensorData {
  xs: tf.Tensor;
  ys: tf.Tensor;
}

/** A dataset whose elements are batches, as `{xs, ys}` or `[xs, ys]`. */
export type BatchDataset = tf.data.Dataset<tf.TensorContainer>;

export type TrainingData = TensorData | BatchDataset;

export interface Batch {
  xs: tf.Tensor;
  ys: tf.Tensor;
}

export interface BatchSource {
  /** The next batch; a new epoch starts transparently when the data runs out. */
  next(): Promise<Batch>;
}

export function isTensorData(data: unknown): data is TensorData {
  return data != null && typeof data === 'object' && (data as TensorData).xs instanceof tf.Tensor && (data as TensorData).ys instanceof tf.Tensor;
}

export function isBatchDataset(data: unknown): data is BatchDataset {
  return data != null && typeof data === 'object' && typeof (data as BatchDataset).iterator === 'function';
}

/** Per-epoch shuffle seed: distinct for every (run seed, epoch) pair. */
function epochSeed(seed: number, epoch: number): number {
  return (Math.imul(seed + 1, 0x9e3779b1) ^ Math.imul(epoch + 1, 0x85ebca6b)) >>> 0;
}

/** Shuffled batches of `batchSize` rows; the last partial batch of an epoch is dropped (as fastai does). */
export function tensorBatches(data: TensorData, batchSize: number, seed: number): BatchSource {
  const n = data.xs.shape[0]!;
  const size = Math.min(batchSize, n);
  const perEpoch = Math.floor(n / size);
  let epoch = 0;
  let order = seededPermutation(n, epochSeed(seed, epoch));
  let position = 0;
  return {
    async next(): Promise<Batch> {
      if (position === perEpoch) {
        epoch += 1;
        order = seededPermutation(n, epochSeed(seed, epoch));
        position = 0;
      }
      const rows = order.subarray(position * size, (position + 1) * size);
      position += 1;
      return tf.tidy(() => {
        const indices = tf.tensor1d(rows, 'int32');
        return { xs: tf.gather(data.xs, indices), ys: tf.gather(data.ys, indices) };
      });
    },
  };
}

function toBatch(element: tf.TensorContainer): Batch {
  if (Array.isArray(element) && element.length === 2 && element[0] instanceof tf.Tensor && element[1] instanceof tf.Tensor) {
    return { xs: element[0], ys: element[1] };
  }
  const record = element as { xs?: unknown; ys?: unknown };
  if (record != null && record.xs instanceof tf.Tensor && record.ys instanceof tf.Tensor) {
    return { xs: record.xs, ys: record.ys };
  }
  throw new TypeError('data: dataset elements must be batches {xs, ys} or [xs, ys] of tensors');
}

/** Batches from a dataset; restarts its iterator (a new epoch) whenever it is exhausted. */
export function datasetBatches(dataset: BatchDataset): BatchSource {
  let iterator: Awaited<ReturnType<BatchDataset["iterator"]>> | null = null;
  return {
    async next(): Promise<Batch> {
      for (let attempt = 0; attempt < 2; attempt++) {
        iterator ??= await dataset.iterator();
        const result = await iterator.next();
        if (!result.done) return toBatch(result.value);
        iterator = null;
      }
      throw new RangeError('data: the dataset is empty');
    },
  };
}

/** Batches from either kind of data: tensors shuffled with `seed`, or a dataset as it comes. */
export function makeBatchSource(data: TrainingData, batchSize: number, seed: number): BatchSource {
  return isTensorData(data) ? tensorBatches(data, batchSize, seed) : datasetBatches(data as BatchDataset);
}
