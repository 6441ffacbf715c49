// What the finder trains. Either a compiled tf.LayersModel or a training step of your own (an
// optimizer and a loss function over the batches your data yields, the way tfjs's core API trains
// with `optimizer.minimize`). A model is one adapter of that step: its compiled loss over its
// trainable weights. One engine trains both (train-step.ts). Types here; learner-of.ts builds them.
import * as tf from '@tensorflow/tfjs';
import type { Batch } from './batches.js';

/**
 * A training loop of your own: lrfind sets the optimizer's lr, minimizes `loss` on each batch and
 * records it. `batch` is whatever the data yields: `{xs, ys}` from tensors, a dataset's element as it
 * comes.
 */
export interface TrainingStep<B extends tf.TensorContainer = tf.TensorContainer> {
  optimizer: tf.Optimizer;
  /** The loss of one batch, as a scalar computed from the variables it trains. (A method: a step typed for its own batches is still a `TrainingStep`.) */
  loss(batch: B): tf.Scalar;
  /** The variables a step trains. @default every trainable variable the loss touches (found on the first batch) */
  variables?: tf.Variable[];
}

/** What the finder trains: a compiled model, or a training step. */
export type Trainable = tf.LayersModel | TrainingStep;

/** The engine's view of what it trains, whatever it was given. */
export interface Learner {
  readonly optimizer: tf.Optimizer;
  /** The variables the optimizer updates. */
  readonly trainable: tf.Variable[];
  /** Every variable a step may change: the trainable ones and, for a model, its other weights (batch norm's statistics). */
  readonly state: tf.Variable[];
  /** The loss of a batch in training mode: what the optimizer minimizes. */
  loss(batch: Batch): tf.Scalar;
  /** The loss of a batch without training (validation). */
  evaluate(batch: Batch): tf.Scalar;
  /** Throws a clear error when `batch` does not fit (`what` names the data in the message). */
  check(batch: Batch, what: string): void;
  /** For a model: the layers a step trains and those it leaves (frozen or without weights to train). */
  layers?: { trained: string[]; frozen: string[] };
}

export function isLayersModel(target: unknown): target is tf.LayersModel {
  return target != null && typeof (target as Partial<tf.LayersModel>).trainOnBatch === 'function';
}
