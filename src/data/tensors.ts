// Turns dataset arrays into tfjs tensors: the only file of src/data that imports tfjs.
import * as tf from '@tensorflow/tfjs';
import type { DatasetArrays, SplitArrays } from './dataset-arrays.js';

export interface DatasetSplit {
  /** float32 features: [n, height, width, 1] for images, [n, features] for CSV. */
  xs: tf.Tensor;
  /** float32 one-hot labels [n, numClasses]. */
  ys: tf.Tensor2D;
  /** Class index of each example (a copy kept in JS, for metrics without a readback). */
  labels: Int32Array;
  size: number;
}

export interface Dataset {
  name: string;
  train: DatasetSplit;
  validation: DatasetSplit;
  numClasses: number;
  /** Shape of one example, without the batch axis. */
  inputShape: number[];
  classNames: string[];
  /** Frees the four tensors; safe to call more than once. */
  dispose(): void;
}

/**
 * One-hot labels built in JS: stock tfjs-backend-wasm's OneHot with a float32 dtype gives wrong
 * values, and this costs one pass over the labels anyway.
 */
export function oneHotLabels(labels: Int32Array, numClasses: number): tf.Tensor2D {
  const values = new Float32Array(labels.length * numClasses);
  labels.forEach((label, i) => {
    values[i * numClasses + label] = 1;
  });
  return tf.tensor2d(values, [labels.length, numClasses], 'float32');
}

function toSplit(split: SplitArrays, inputShape: number[], numClasses: number): DatasetSplit {
  return {
    xs: tf.tensor(split.xs, [split.size, ...inputShape], 'float32'),
    ys: oneHotLabels(split.labels, numClasses),
    labels: split.labels,
    size: split.size,
  };
}

/** Wraps dataset arrays in tensors on the current backend. */
export function toDataset(arrays: DatasetArrays): Dataset {
  const train = toSplit(arrays.train, arrays.inputShape, arrays.numClasses);
  const validation = toSplit(arrays.validation, arrays.inputShape, arrays.numClasses);
  return {
    name: arrays.name,
    train,
    validation,
    numClasses: arrays.numClasses,
    inputShape: [...arrays.inputShape],
    classNames: [...arrays.classNames],
    dispose: () => tf.dispose([train.xs, train.ys, validation.xs, validation.ys]),
  };
}
