// Small models and data shared by the tfjs tests (not a test file itself).
import * as tf from '@tensorflow/tfjs';
import { seededRandom } from '../../src/random.js';

/** Linearly separable-ish (or, with randomLabels, unlearnable) 3-class data with a fixed seed: [n, features] and one-hot labels. */
export function toyData(n: number, features = 6, classes = 3, seed = 1, randomLabels = false): { xs: tf.Tensor; ys: tf.Tensor } {
  const random = seededRandom(seed);
  const x = new Float32Array(n * features);
  const labels = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    const label = i % classes;
    labels[i] = randomLabels ? Math.floor(random() * classes) : label;
    for (let j = 0; j < features; j++) x[i * features + j] = random() - 0.5 + (j % classes === label ? 1 : 0);
  }
  return tf.tidy(() => ({ xs: tf.tensor2d(x, [n, features]), ys: tf.oneHot(tf.tensor1d(labels, 'int32'), classes).toFloat() }));
}

/**
 * 96 learnable examples then 96 with random labels: the loss stays well above zero, so a probe has
 * a sweep's best to beat and a later find still has a curve to read (on separable toy data alone
 * the sweep's single batches reach a loss of 1e-7).
 */
export function halfNoisyToyData(): { xs: tf.Tensor; ys: tf.Tensor } {
  const [learnable, noise] = [toyData(96), toyData(96, 6, 3, 2, true)];
  const data = { xs: tf.concat([learnable.xs, noise.xs]), ys: tf.concat([learnable.ys, noise.ys]) };
  tf.dispose([learnable.xs, learnable.ys, noise.xs, noise.ys]);
  return data;
}

/** A tiny seeded MLP, compiled with the given optimizer. */
export function toyMlp(optimizer: tf.Optimizer | string, features = 6, classes = 3): tf.LayersModel {
  const model = tf.sequential();
  model.add(tf.layers.dense({ units: 8, activation: 'relu', inputShape: [features], kernelInitializer: tf.initializers.glorotUniform({ seed: 1 }) }));
  model.add(tf.layers.dense({ units: classes, activation: 'softmax', kernelInitializer: tf.initializers.glorotUniform({ seed: 2 }) }));
  model.compile({ optimizer, loss: 'categoricalCrossentropy' });
  return model;
}

/** Every weight's bits, for exact comparisons. */
export function weightBits(model: tf.LayersModel): number[][] {
  return model.weights.map((w) => Array.from(new Uint32Array((w.read().dataSync() as Float32Array).slice().buffer)));
}

/** The optimizer's complete state as comparable plain data (numbers, tensor bits, slot bits). */
export function optimizerState(optimizer: tf.Optimizer): Record<string, unknown> {
  const state: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(optimizer as object)) {
    if (value instanceof tf.Tensor) state[key] = Array.from(new Uint32Array((value.dataSync() as Float32Array).slice().buffer));
    else if (Array.isArray(value)) {
      state[key] = value.map((slot: { originalName: string; variable: tf.Variable }) => [
        slot.originalName,
        Array.from(new Uint32Array((slot.variable.dataSync() as Float32Array).slice().buffer)),
      ]);
    } else state[key] = value;
  }
  return state;
}

export const OPTIMIZERS: Record<string, () => tf.Optimizer> = {
  sgd: () => tf.train.sgd(0.01),
  momentum: () => tf.train.momentum(0.01, 0.9),
  nesterov: () => tf.train.momentum(0.01, 0.9, true),
  rmsprop: () => tf.train.rmsprop(0.01, 0.9, 0.5),
  adam: () => tf.train.adam(0.01),
  adamax: () => tf.train.adamax(0.01),
  adagrad: () => tf.train.adagrad(0.01),
  adadelta: () => tf.train.adadelta(0.01),
};
