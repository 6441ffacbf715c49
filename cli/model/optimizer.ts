// The optimizers `--optimizer` names, built with tfjs's defaults apart from momentum 0.9.
import * as tf from '@tensorflow/tfjs';
import type { OptimizerName } from './optimizer-names.js';

/** Momentum of `momentum` and `nesterov`, as in fastai and most range-test write-ups. */
export const MOMENTUM = 0.9;

/** A fresh optimizer; the range test overwrites `lr` at every step, so it only matters before. */
export function createOptimizer(name: OptimizerName, lr: number): tf.Optimizer {
  switch (name) {
    case 'sgd':
      return tf.train.sgd(lr);
    case 'momentum':
      return tf.train.momentum(lr, MOMENTUM);
    case 'nesterov':
      return tf.train.momentum(lr, MOMENTUM, true);
    case 'rmsprop':
      return tf.train.rmsprop(lr);
    case 'adam':
      return tf.train.adam(lr);
  }
}
