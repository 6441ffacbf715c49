// Mini-batches for the range test: from {xs, ys} tensors (seeded shuffle, cycling through epochs)
// or from a tf.data.Dataset of batches (restarted when it runs out). `xs` and `ys` may each be a
// tensor, an array of tensors (one per model input or output) or a map from names to tensors. The
// caller disposes each batch.
import * as tf from '@tensorflow/tfjs';
import { seededPermutation } from '../random.js';

/** One tensor, one per input (or output) in order, or one per input (or output) name. */
export type Tensors = tf.Tensor | tf.Tensor[] | { [name: string]: tf.Tensor };

/** Training data as whole tensors; the range test batches and shuffles them, row by row in every tensor. */
export interface TensorData {
  xs: Tensors;
  ys: Tensors;
}

/** A dataset whose elements are batches: `{xs, ys}` or `[xs, ys]` for a model, anything for a training step's loss. */
export type BatchDataset = tf.data.Dataset<tf.TensorContainer>;

export type TrainingData = TensorData | BatchDataset;

/** A batch as the data yields it: `{xs, ys}` from tensors, a dataset's element as it comes. */
export type Batch = tf.TensorContainer;

export interface BatchSource {
  /** The next batch; a new epoch starts transparently when the data runs out. */
  next(): Promise<Batch>;
}

const isTensors = (value: unknown): value is Tensors =>
  value instanceof tf.Tensor ||
  (Array.isArray(value) && value.length > 0 && value.every((t) => t instanceof tf.Tensor)) ||
  (value != null && typeof value === 'object' && !Array.isArray(value) && Object.keys(value).length > 0 &&
    Object.values(value).every((t) => t instanceof tf.Tensor));

export function isTensorData(data: unknown): data is TensorData {
  return data != null && typeof data === 'object' && isTensors((data as TensorData).xs) && isTensors((data as TensorData).ys);
}

export function isBatchDataset(data: unknown): data is BatchDataset {
  return data != null && typeof data === 'object' && typeof (data as BatchDataset).iterator === 'function';
}

/** Every tensor of `value`, in order (arrays in order, maps by key). */
export function tensorList(value: Tensors): tf.Tensor[] {
  if (value instanceof tf.Tensor) return [value];
  return Array.isArray(value) ? value : Object.values(value);
}

/** `value` with `fn` applied to each tensor, the structure kept. */
export function mapTensors(value: Tensors, fn: (t: tf.Tensor) => tf.Tensor): Tensors {
  if (value instanceof tf.Tensor) return fn(value);
  if (Array.isArray(value)) return value.map(fn);
  return Object.fromEntries(Object.entries(value).map(([name, t]) => [name, fn(t)]));
}

/** The examples in the data: the first axis, which every tensor of xs and ys must share. */
export function exampleCount(data: TensorData, what = 'data'): number {
  const xs = tensorList(data.xs);
  const ys = tensorList(data.ys);
  const n = xs[0]!.shape[0];
  if (n === undefined) throw new RangeError(`${what}: xs must have an examples axis, got a scalar`);
  const odd = [...xs, ...ys].find((t) => t.shape[0] !== n);
  if (odd === undefined) return n;
  if (xs.length === 1 && ys.length === 1) throw new RangeError(`${what}: xs has ${n} examples but ys has ${ys[0]!.shape[0]}`);
  const counts = [...xs.map((t) => `xs ${t.shape[0]}`), ...ys.map((t) => `ys ${t.shape[0]}`)].join(', ');
  throw new RangeError(`${what}: every tensor of xs and ys must have the same number of examples (first axis), got ${counts}`);
}

/** Per-epoch shuffle seed: distinct for every (run seed, epoch) pair. */
function epochSeed(seed: number, epoch: number): number {
  return (Math.imul(seed + 1, 0x9e3779b1) ^ Math.imul(epoch + 1, 0x85ebca6b)) >>> 0;
}

/** Shuffled batches of `batchSize` rows; the last partial batch of an epoch is dropped (as fastai does). */
export function tensorBatches(data: TensorData, batchSize: number, seed: number): BatchSource {
  const n = exampleCount(data);
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
        const take = (t: tf.Tensor): tf.Tensor => tf.gather(t, indices);
        return { xs: mapTensors(data.xs, take), ys: mapTensors(data.ys, take) } as Batch;
      });
    },
  };
}

/** Consecutive batches of `batchSize` rows in order, cycling (the last partial one kept): a validation sample that never runs dry. */
export function orderedBatches(data: TensorData, batchSize: number): BatchSource {
  const n = exampleCount(data, 'validationData');
  const size = Math.min(batchSize, n);
  let start = 0;
  return {
    async next(): Promise<Batch> {
      if (start >= n) start = 0;
      const count = Math.min(size, n - start);
      const from = start;
      start += count;
      const take = (t: tf.Tensor): tf.Tensor => t.slice(from, count);
      return tf.tidy(() => ({ xs: mapTensors(data.xs, take), ys: mapTensors(data.ys, take) }) as Batch);
    },
  };
}

/** Batches from a dataset; restarts its iterator (a new epoch) whenever it is exhausted. */
export function datasetBatches(dataset: BatchDataset): BatchSource {
  let iterator: Awaited<ReturnType<BatchDataset['iterator']>> | null = null;
  return {
    async next(): Promise<Batch> {
      for (let attempt = 0; attempt < 2; attempt++) {
        iterator ??= await dataset.iterator();
        const result = await iterator.next();
        if (!result.done) return result.value;
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

/** A model's batch: `{xs, ys}` or `[xs, ys]`, each a tensor, an array or a map of tensors. */
export function xsYsOf(batch: Batch, what = 'data'): TensorData {
  if (Array.isArray(batch) && batch.length === 2 && isTensors(batch[0]) && isTensors(batch[1])) return { xs: batch[0], ys: batch[1] };
  const record = batch as { xs?: unknown; ys?: unknown };
  if (record != null && isTensors(record.xs) && isTensors(record.ys)) return { xs: record.xs, ys: record.ys };
  throw new TypeError(`${what}: a model's batches must be {xs, ys} or [xs, ys], each a tensor, an array of tensors or a map of names to tensors`);
}
