// Reading and writing an optimizer's learning rate, the way each tfjs optimizer needs it.
import * as tf from '@tensorflow/tfjs';

/** Optimizers that cache the lr in a kept scalar (`c`) and must be told through `setLearningRate`. */
interface CachedLrOptimizer {
  learningRate: number;
  setLearningRate(lr: number): void;
}

function hasLrSetter(optimizer: tf.Optimizer): optimizer is tf.Optimizer & CachedLrOptimizer {
  return typeof (optimizer as Partial<CachedLrOptimizer>).setLearningRate === 'function';
}

/** The optimizer's current learning rate. Throws a TypeError for an optimizer without one. */
export function getLearningRate(optimizer: tf.Optimizer): number {
  const lr = (optimizer as unknown as { learningRate?: unknown }).learningRate;
  if (typeof lr !== 'number') {
    throw new TypeError(`optimizer ${optimizer.getClassName()} has no numeric learningRate field`);
  }
  return lr;
}

/**
 * Sets the learning rate used by the next `applyGradients`.
 * SGD and Momentum build their lr scalar once, so only their setter works; Adam, RMSprop, Adagrad,
 * Adadelta and Adamax read the `learningRate` field at every step and have no setter.
 */
export function setLearningRate(optimizer: tf.Optimizer, lr: number): void {
  if (hasLrSetter(optimizer)) {
    if (optimizer.learningRate !== lr) optimizer.setLearningRate(lr);
    return;
  }
  getLearningRate(optimizer); // throws for optimizers without an lr
  (optimizer as unknown as { learningRate: number }).learningRate = lr;
}
