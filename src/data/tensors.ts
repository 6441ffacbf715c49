// Turns dataset arrays into tfjs tensors: the only file of src/data that imports tfjs.
import * as tf from '@tensorflow/tfjs';
import type { DatasetArrays, SplitArrays } from './dataset-arrays.js';

export interface DatasetSplit {
  /** float32 features: [n, height, width, 1] for images, [n, features] for CSV. */
  xs: tf.Tensor;
  /** float32 one-hot labels [n, numClasses]; for regression the scaled targets [n, 1]. */
  ys: tf.Tensor2D;
  /** Class index of each example (a copy kept in JS, for metrics without a readback); empty for regression. */
  labels: Int32Array;
  size: number;
}

export interface Dataset {
  name: string;
  train: DatasetSplit;
  validation: DatasetSplit;
  /** Classes for classification; 1 for regression. */
  numClasses: number;
  task: 'classification' | 'regression';
  /** A CSV's feature columns by name, in order (absent for images). */
  featureNames?: string[];
  /** For regression: the label's name and the scaling applied to it (value = (raw − offset) × factor). */
  target?: { name: string; offset: number; factor: number };
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
    // Regression: one number per example; classification: one-hot classes.
    ys: split.targets ? tf.tensor2d(split.targets, [split.size, 1], 'float32') : oneHotLabels(split.labels, numClasses),
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
    task: arrays.task ?? 'classification',
    ...(arrays.featureNames ? { featureNames: [...arrays.featureNames] } : {}),
    ...(arrays.target ? { target: { ...arrays.target } } : {}),
    numClasses: arrays.numClasses,
    inputShape: [...arrays.inputShape],
    classNames: [...arrays.classNames],
    dispose: () => tf.dispose([train.xs, train.ys, validation.xs, validation.ys]),
  };
}
