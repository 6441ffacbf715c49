// The learner of a compiled model or of a training step (see learner.ts).
import * as tf from '@tensorflow/tfjs';
import { xsYsOf, type Batch } from './batches.js';
import { layersLearner } from './layers-learner.js';
import { isLayersModel, type Learner, type Trainable, type TrainingStep } from './learner.js';

function isTrainingStep(target: unknown): target is TrainingStep {
  const step = target as Partial<TrainingStep>;
  return step != null && typeof step === 'object' && typeof step.loss === 'function' && step.optimizer != null && typeof step.optimizer.minimize === 'function';
}

/** The trainable variables `loss` reaches on `batch` (one forward and backward pass; nothing is updated). */
function touchedVariables(loss: (batch: Batch) => tf.Scalar, batch: Batch): tf.Variable[] {
  let found: tf.NamedTensorMap;
  try {
    const { value, grads } = tf.variableGrads(() => loss(batch));
    value.dispose();
    found = grads;
  } catch (error) {
    throw new TypeError(`the training step's loss reaches no trainable variable on the first batch: ${(error as Error).message}`);
  }
  const registered = tf.engine().registeredVariables;
  const variables = Object.keys(found).map((name) => registered[name]!).filter((v) => v !== undefined);
  tf.dispose(Object.values(found));
  return variables;
}

function stepLearner(step: TrainingStep, firstBatch: Batch): Learner {
  if (step.variables !== undefined && (!Array.isArray(step.variables) || !step.variables.every((v) => v instanceof tf.Variable))) {
    throw new TypeError('variables must be an array of tf.Variable');
  }
  const scalar = (batch: Batch): tf.Scalar => {
    const value = step.loss(batch);
    if (!(value instanceof tf.Tensor) || value.rank !== 0) throw new TypeError(`the training step's loss must return a scalar tensor, got ${value instanceof tf.Tensor ? `shape [${value.shape.join(', ')}]` : typeof value}`);
    return value;
  };
  tf.dispose(tf.tidy(() => scalar(firstBatch)));
  const trainable = step.variables ?? touchedVariables(step.loss, firstBatch);
  if (trainable.length === 0) throw new TypeError('the training step trains no variable: give variables, or a loss that uses trainable ones');
  return {
    optimizer: step.optimizer,
    trainable,
    state: trainable,
    loss: scalar,
    evaluate: (batch) => tf.tidy(() => scalar(batch)),
    check: (batch) => tf.dispose(tf.tidy(() => scalar(batch))),
  };
}

/**
 * The learner of `target` (a compiled model, or a training step whose variables are found on
 * `firstBatch` when not given). Throws a TypeError naming what is missing.
 */
export function learnerOf(target: Trainable, firstBatch: Batch): Learner {
  if (isLayersModel(target)) {
    xsYsOf(firstBatch);
    return layersLearner(target);
  }
  if (isTrainingStep(target)) return stepLearner(target, firstBatch);
  throw new TypeError('model must be a compiled tf.LayersModel or a training step {optimizer, loss, variables?}');
}
