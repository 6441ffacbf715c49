// A tiny deterministic regression problem and a spy callback for the callback tests.
import * as tf from '@tensorflow/tfjs';

export const X = [
  [1, 2], [3, -1], [0.5, 0.5], [-2, 1], [1, 1], [0, -1],
  [2, 0], [-1, -1], [0.5, -2], [1.5, 1], [-0.5, 0.5], [2, 2],
];
export const Y = X.map(([a, b]) => 0.7 * (a as number) - 0.3 * (b as number) + 0.1);

/** 12 samples, batchSize 4 → 3 batches per epoch. */
export const BATCH = 4;
export const STEPS_PER_EPOCH = 3;

export function data(): { xs: tf.Tensor2D; ys: tf.Tensor2D } {
  return { xs: tf.tensor2d(X), ys: tf.tensor2d(Y, [Y.length, 1]) };
}

export function tinyModel(optimizer: tf.Optimizer): tf.Sequential {
  const model = tf.sequential({
    layers: [tf.layers.dense({ units: 1, useBias: false, inputShape: [2], kernelInitializer: 'zeros' })],
  });
  model.compile({ optimizer, loss: 'meanSquaredError' });
  return model;
}

/** What the optimizer will actually use, read after the other callbacks ran in onBatchBegin. */
export interface Seen {
  lr: number[];
  momentum: number[];
  batchLogLr: number[];
}

/** Reads the value each optimizer really multiplies by: SGD/Momentum's cached scalar `c`, else the field. */
export function effectiveLr(opt: tf.Optimizer): number {
  const c = (opt as unknown as { c?: tf.Scalar }).c;
  return c ? -(c.dataSync()[0] as number) : (opt as unknown as { learningRate: number }).learningRate;
}

export function effectiveMomentum(opt: tf.Optimizer): number {
  const o = opt as unknown as { m?: tf.Scalar; beta1?: number; momentum?: number };
  if (o.m) return o.m.dataSync()[0] as number;
  return o.beta1 ?? o.momentum ?? Number.NaN;
}

export function spy(opt: tf.Optimizer, seen: Seen): tf.CustomCallback {
  return new tf.CustomCallback({
    onBatchBegin: () => {
      seen.lr.push(effectiveLr(opt));
      seen.momentum.push(effectiveMomentum(opt));
    },
    onBatchEnd: (_b, logs) => {
      seen.batchLogLr.push(logs?.lr ?? Number.NaN);
    },
  });
}

export function newSeen(): Seen {
  return { lr: [], momentum: [], batchLogLr: [] };
}

/** Relative closeness for float32 round trips. */
export function close32(a: number, b: number): boolean {
  return Math.abs(a - b) <= 1e-6 * Math.max(Math.abs(b), 1e-30);
}
