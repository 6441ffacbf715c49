// Built-in architectures, sized to a dataset's input shape and class count. Returned uncompiled.
import * as tf from '@tensorflow/tfjs';

import { MODEL_NAMES, modelInputProblem, type ModelName } from './names.js';

export type { ModelName };

export interface ModelSpec {
  /** Shape of one example, without the batch axis (e.g. [28, 28, 1] or [64]). */
  inputShape: number[];
  numClasses: number;
  /** Seeds the weight initializers so that a model is the same on every run. @default 0 */
  seed?: number;
  /** Hidden widths of the MLP. @default [64] for ≤ 256 inputs, else [256, 128] */
  hidden?: number[];
  /** 'regression': one linear output (numClasses 1) instead of a softmax over the classes. @default 'classification' */
  task?: 'classification' | 'regression';
}

/** The output layer's width and activation for the spec's task. */
function head(spec: ModelSpec): { units: number; activation: 'softmax' | 'linear' } {
  return spec.task === 'regression' ? { units: 1, activation: 'linear' } : { units: spec.numClasses, activation: 'softmax' };
}

/** Seeded Glorot initializer; each layer gets its own stream. */
function init(seed: number, layer: number): ReturnType<typeof tf.initializers.glorotUniform> {
  return tf.initializers.glorotUniform({ seed: seed * 1000 + layer });
}

function validate(spec: ModelSpec, name: ModelName): void {
  const problem = modelInputProblem(name, spec.inputShape);
  if (problem !== null) throw new RangeError(problem);
  if (spec.task !== undefined && spec.task !== 'classification' && spec.task !== 'regression') {
    throw new RangeError(`task must be 'classification' or 'regression', got ${String(spec.task)}`);
  }
  if (spec.task === 'regression' ? spec.numClasses !== 1 : !Number.isInteger(spec.numClasses) || spec.numClasses < 2) {
    throw new RangeError(spec.task === 'regression' ? `numClasses must be 1 for regression (one number to predict), got ${spec.numClasses}` : `numClasses must be an integer ≥ 2, got ${spec.numClasses}`);
  }
}

/** Flatten (when the examples are not already flat) → dense ReLU layers → softmax. */
export function mlp(spec: ModelSpec): tf.Sequential {
  validate(spec, 'mlp');
  const seed = spec.seed ?? 0;
  const inputs = spec.inputShape.reduce((a, b) => a * b, 1);
  const hidden = spec.hidden ?? (inputs <= 256 ? [64] : [256, 128]);
  const model = tf.sequential({ name: 'mlp' });
  // tfjs's Flatten refuses rank-1 examples (a CSV's features): those go straight into the first dense layer.
  const flat = spec.inputShape.length === 1;
  if (!flat) model.add(tf.layers.flatten({ inputShape: spec.inputShape }));
  const input = (layer: number) => (flat && layer === 0 ? { inputShape: spec.inputShape } : {});
  hidden.forEach((units, i) => {
    model.add(tf.layers.dense({ units, activation: 'relu', kernelInitializer: init(seed, i), ...input(i) }));
  });
  model.add(
    tf.layers.dense({ ...head(spec), kernelInitializer: init(seed, hidden.length), ...input(hidden.length) }),
  );
  return model;
}

/** The small CNN: conv3×3·16 + pool, conv3×3·32 + pool, dense 64, softmax. */
export function cnn(spec: ModelSpec): tf.Sequential {
  validate(spec, 'cnn');
  const seed = spec.seed ?? 0;
  const model = tf.sequential({ name: 'cnn' });
  const conv = (filters: number, layer: number, inputShape?: number[]) =>
    tf.layers.conv2d({ filters, kernelSize: 3, padding: 'same', activation: 'relu', kernelInitializer: init(seed, layer), ...(inputShape ? { inputShape } : {}) });
  model.add(conv(16, 0, spec.inputShape));
  model.add(tf.layers.maxPooling2d({ poolSize: 2, strides: 2 }));
  model.add(conv(32, 1));
  model.add(tf.layers.maxPooling2d({ poolSize: 2, strides: 2 }));
  model.add(tf.layers.flatten());
  model.add(tf.layers.dense({ units: 64, activation: 'relu', kernelInitializer: init(seed, 2) }));
  model.add(tf.layers.dense({ ...head(spec), kernelInitializer: init(seed, 3) }));
  return model;
}

/** VGG-style: two blocks of (conv3×3·32, conv3×3·32, maxpool 2), dense 128, softmax. */
export function vggMini(spec: ModelSpec): tf.Sequential {
  validate(spec, 'vgg-mini');
  const seed = spec.seed ?? 0;
  const model = tf.sequential({ name: 'vgg-mini' });
  let layer = 0;
  for (let block = 0; block < 2; block++) {
    for (let k = 0; k < 2; k++) {
      model.add(
        tf.layers.conv2d({
          filters: 32, kernelSize: 3, padding: 'same', activation: 'relu',
          kernelInitializer: init(seed, layer++),
          ...(layer === 1 ? { inputShape: spec.inputShape } : {}),
        }),
      );
    }
    model.add(tf.layers.maxPooling2d({ poolSize: 2, strides: 2 }));
  }
  model.add(tf.layers.flatten());
  model.add(tf.layers.dense({ units: 128, activation: 'relu', kernelInitializer: init(seed, layer++) }));
  model.add(tf.layers.dense({ ...head(spec), kernelInitializer: init(seed, layer) }));
  return model;
}

/** Builds a built-in model by name. */
export function buildModel(name: ModelName, spec: ModelSpec): tf.Sequential {
  switch (name) {
    case 'mlp':
      return mlp(spec);
    case 'cnn':
      return cnn(spec);
    case 'vgg-mini':
      return vggMini(spec);
    default:
      throw new RangeError(`model must be one of ${MODEL_NAMES.join(', ')}, got ${String(name)}`);
  }
}
