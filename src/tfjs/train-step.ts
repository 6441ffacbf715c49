// One training step at a given lr, shared by the range test and the confirmation probes.
import * as tf from '@tensorflow/tfjs';
import type { BatchSource } from './batches.js';
import { setLearningRate } from './learning-rate.js';

/** Sets the lr, trains on the next batch (then disposes it) and returns the loss (the first one, for several outputs). */
export async function trainStep(model: tf.LayersModel, source: BatchSource, lr: number): Promise<number> {
  setLearningRate(model.optimizer, lr);
  const batch = await source.next();
  try {
    const value = await model.trainOnBatch(batch.xs, batch.ys);
    return Array.isArray(value) ? value[0]! : value;
  } finally {
    tf.dispose([batch.xs, batch.ys]);
  }
}
