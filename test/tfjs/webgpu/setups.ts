// Small models that together use every kernel the common layers train with (not a test file
// itself): conv2d at strides 1 and 2 with same/valid padding, depthwise and separable convs, max
// (overlapping, after and before the activation) and average pooling, batch norm, dropout, dense,
// embedding. Batches are 4 examples, so three steps on lavapipe take seconds, not minutes.
import * as tf from '@tensorflow/tfjs';
import { cnn } from '../../../src/models/index.js';
import { randomValues } from '../kernels/compare.js';

export interface Setup {
  name: string;
  build: () => tf.LayersModel;
  x: () => tf.Tensor;
  y: () => tf.Tensor;
  optimizer: () => tf.Optimizer;
  /** @default 'categoricalCrossentropy' */
  loss?: string;
}

const BATCH = 4;
const images = (shape: number[], seed: number) => () => tf.tensor(randomValues(BATCH * shape.reduce((a, b) => a * b, 1), seed), [BATCH, ...shape]);
const labels = (classes: number) => () => tf.oneHot(tf.tensor1d([0, 1, 2, 1].map((k) => k % classes), 'int32'), classes).toFloat();
const init = (seed: number) => tf.initializers.glorotUniform({ seed });

export const SETUPS: Setup[] = [
  {
    name: 'small CNN (src/models cnn: conv, relu, 2×2 max pool after relu, dense)',
    build: () => cnn({ inputShape: [8, 8, 2], numClasses: 3, seed: 1 }),
    x: images([8, 8, 2], 1),
    y: labels(3),
    optimizer: () => tf.train.sgd(0.1),
  },
  {
    name: 'strided valid conv, separable and depthwise conv, average pooling (momentum)',
    build: () => {
      const m = tf.sequential();
      m.add(tf.layers.conv2d({ inputShape: [9, 9, 2], filters: 4, kernelSize: 3, strides: 2, padding: 'valid', activation: 'relu', kernelInitializer: init(1) }));
      m.add(tf.layers.separableConv2d({ filters: 5, kernelSize: 3, padding: 'same', depthMultiplier: 2, activation: 'relu', depthwiseInitializer: init(2), pointwiseInitializer: init(3) }));
      m.add(tf.layers.depthwiseConv2d({ kernelSize: 2, strides: 1, padding: 'valid', depthwiseInitializer: init(4) }));
      m.add(tf.layers.averagePooling2d({ poolSize: 2, strides: 1 }));
      m.add(tf.layers.flatten());
      m.add(tf.layers.dense({ units: 3, activation: 'softmax', kernelInitializer: init(5) }));
      return m;
    },
    x: images([9, 9, 2], 2),
    y: labels(3),
    optimizer: () => tf.train.momentum(0.05, 0.9),
  },
  {
    name: 'strided same conv, overlapping max pool before the activation, batch norm, seeded dropout (Adam)',
    build: () => {
      const m = tf.sequential();
      // No conv bias before batch norm: its true gradient is 0, and Adam turns float noise there
      // into full-size steps that differ between any two backends.
      m.add(tf.layers.conv2d({ inputShape: [10, 10, 1], filters: 4, kernelSize: 3, strides: 2, padding: 'same', useBias: false, kernelInitializer: init(1) }));
      // Before the activation the pool sees negative windows; inputs on a coarse grid give ties.
      m.add(tf.layers.maxPooling2d({ poolSize: 3, strides: 2, padding: 'same' }));
      m.add(tf.layers.batchNormalization());
      m.add(tf.layers.activation({ activation: 'relu' }));
      m.add(tf.layers.flatten());
      m.add(tf.layers.dropout({ rate: 0.3, seed: 7 }));
      m.add(tf.layers.dense({ units: 3, activation: 'softmax', kernelInitializer: init(2) }));
      return m;
    },
    x: () => tf.tensor(randomValues(BATCH * 100, 3, 2), [BATCH, 10, 10, 1]),
    y: labels(3),
    optimizer: () => tf.train.adam(0.01),
  },
  {
    name: 'embedding (gather gradient), dense, sparse crossentropy (RMSprop)',
    build: () => {
      const m = tf.sequential();
      m.add(tf.layers.embedding({ inputDim: 12, outputDim: 5, inputLength: 6, embeddingsInitializer: tf.initializers.randomUniform({ minval: -1, maxval: 1, seed: 3 }) }));
      m.add(tf.layers.flatten());
      m.add(tf.layers.dense({ units: 8, activation: 'tanh', kernelInitializer: init(4) }));
      m.add(tf.layers.dense({ units: 3, activation: 'softmax', kernelInitializer: init(5) }));
      return m;
    },
    x: () => tf.tensor2d([[1, 3, 3, 0, 11, 5], [2, 2, 7, 1, 0, 0], [9, 3, 1, 1, 4, 8], [5, 6, 7, 8, 9, 10]]),
    y: () => tf.tensor2d([[0], [1], [2], [1]]),
    optimizer: () => tf.train.rmsprop(0.01),
    loss: 'sparseCategoricalCrossentropy',
  },
];
