// One training step at a given lr, shared by the range test and the confirmation probes, whatever
// is trained (a model or a training step: learner.ts). With gradient accumulation, one step
// averages the gradients of several batches before the one update.
import * as tf from '@tensorflow/tfjs';
import type { BatchSource } from './batches.js';
import { setLearningRate } from './learning-rate.js';
import type { Learner } from './learner.js';
import type { WeightDecay } from './weight-decay.js';

export interface StepOptions {
  /** Batches whose gradients are averaged into one update. @default 1 */
  accumulationSteps?: number;
}

/** What one step does beyond the optimizer's update: decoupled weight decay, when asked for. */
export interface StepExtras extends StepOptions {
  decay?: WeightDecay | null;
}

/** Sets the lr, trains on the next batch (or the average of the next k) and returns the loss. */
export async function trainStep(learner: Learner, source: BatchSource, lr: number, options: StepExtras = {}): Promise<number> {
  setLearningRate(learner.optimizer, lr);
  const k = options.accumulationSteps ?? 1;
  options.decay?.remember();
  const loss = k === 1 ? await singleStep(learner, source) : await accumulatedStep(learner, source, k);
  options.decay?.decay(lr);
  return loss;
}

async function singleStep(learner: Learner, source: BatchSource): Promise<number> {
  const batch = await source.next();
  try {
    const cost = learner.optimizer.minimize(() => learner.loss(batch), true, learner.trainable)!;
    const value = (await cost.data())[0]!;
    cost.dispose();
    return value;
  } finally {
    tf.dispose(batch);
  }
}

/** The mean of k batches' gradients applied once; the loss is the mean of their losses. */
async function accumulatedStep(learner: Learner, source: BatchSource, k: number): Promise<number> {
  const sum: tf.NamedTensorMap = {};
  let total = 0;
  try {
    for (let i = 0; i < k; i++) {
      const batch = await source.next();
      try {
        const { value, grads } = learner.optimizer.computeGradients(() => learner.loss(batch), learner.trainable);
        total += (await value.data())[0]!;
        value.dispose();
        for (const [name, grad] of Object.entries(grads)) {
          const previous = sum[name];
          sum[name] = previous === undefined ? grad : tf.tidy(() => tf.add(previous, grad));
          if (previous !== undefined) tf.dispose([previous, grad]);
        }
      } finally {
        tf.dispose(batch);
      }
    }
    const mean = tf.tidy(() => Object.fromEntries(Object.entries(sum).map(([name, g]) => [name, tf.div(g, k)])) as tf.NamedTensorMap);
    learner.optimizer.applyGradients(mean);
    tf.dispose(Object.values(mean));
    return total / k;
  } finally {
    tf.dispose(Object.values(sum));
  }
}

export function checkAccumulationSteps(k: number | undefined): void {
  if (k !== undefined && !(Number.isInteger(k) && k >= 1)) throw new RangeError(`accumulationSteps must be an integer ≥ 1, got ${k}`);
}
