// The setups bench:suggest scores lrfind on: the four it was built on, and one per way a curve can
// mislead (found by trying lrfind as a new user would, issue 22): a best lr of 1 or more, a weak
// descent, a slow learner, a deep net with dropout, batch norm, and a control that cannot learn.
import { fileURLToPath } from 'node:url';
import * as tf from '@tensorflow/tfjs';
import { loadCsvDataset, loadDataset } from '../../src/node.js';
import { toDataset, type Dataset, type DatasetArrays } from '../../src/data/index.js';
import { buildModel, type ModelName } from '../../src/models/index.js';
import { seededPermutation, seededRandom } from '../../src/random.js';

export interface Setup {
  name: string;
  data: () => Promise<Dataset>;
  /** The model, uncompiled, with its weights drawn from `seed`. */
  model: (data: Dataset, seed: number) => tf.LayersModel;
  optimizer: () => tf.Optimizer;
  batchSize: number;
  epochs: number;
  /** The right answer is "no bounds": nothing in the data can be learned. */
  control?: boolean;
  /** Minutes per run rather than seconds: only with LRFIND_BENCH_SLOW=1 or when LRFIND_BENCH_ONLY names it. */
  slow?: boolean;
}

const builtin = (name: ModelName) => (data: Dataset, seed: number): tf.LayersModel =>
  buildModel(name, { inputShape: data.inputShape, numClasses: data.numClasses, seed });
const sgd = () => tf.train.sgd(0.01);
const momentum = () => tf.train.momentum(0.01, 0.9);
const WINE = fileURLToPath(new URL('../../../test/bench/data/wine.csv', import.meta.url));

export const ALL_SETUPS: Setup[] = [
  { name: 'digits · MLP · SGD', data: () => loadDataset('digits', { seed: 0 }), model: builtin('mlp'), optimizer: sgd, batchSize: 32, epochs: 10 },
  {
    name: 'MNIST · CNN · SGD+momentum', data: () => loadDataset('mnist', { seed: 0, trainSize: 4000, validationSize: 2000 }),
    model: builtin('cnn'), optimizer: momentum, batchSize: 64, epochs: 4,
  },
  {
    name: 'Fashion · MLP · Adam', data: () => loadDataset('fashion-mnist', { seed: 0, trainSize: 10000, validationSize: 2000 }),
    model: builtin('mlp'), optimizer: () => tf.train.adam(0.001), batchSize: 128, epochs: 6,
  },
  // Conv nets with momentum, as the demo and the study train them: these die above a cliff that
  // the range test shows late, so they test whether a rule is safe, not only whether it is bold.
  { name: 'digits · CNN · SGD+momentum', data: () => loadDataset('digits', { seed: 0 }), model: builtin('cnn'), optimizer: momentum, batchSize: 32, epochs: 8 },
  // The failure modes. Best lr ≥ 1: plain SGD on a small standardized table.
  {
    name: 'wine · MLP · SGD (best lr ≥ 1)', data: () => loadCsvDataset(WINE, { label: 'class', normalize: 'z-score', seed: 0 }),
    model: (data, seed) => buildModel('mlp', { inputShape: data.inputShape, numClasses: data.numClasses, seed, hidden: [32] }),
    optimizer: sgd, batchSize: 16, epochs: 20,
  },
  // A weak descent: a conv net on noise whose class is a fixed linear projection of the pixels.
  { name: 'noise · CNN · SGD+momentum (weak descent)', data: async () => projectedNoise(0), model: builtin('cnn'), optimizer: momentum, batchSize: 32, epochs: 12 },
  // A slow learner: an LSTM's loss stays flat for the first epochs of a 100-step sweep.
  { name: 'sequences · LSTM · SGD+momentum (slow learner)', data: async () => sequences(0), model: lstm, optimizer: momentum, batchSize: 32, epochs: 8 },
  // Dropout makes every probe's loss noisy; the net is deeper than the built-in MLP.
  { name: 'digits · deep MLP + dropout · SGD+momentum', data: () => loadDataset('digits', { seed: 0 }), model: deepMlp, optimizer: momentum, batchSize: 32, epochs: 8 },
  { name: 'digits · BN-CNN · SGD+momentum', data: () => loadDataset('digits', { seed: 0 }), model: bnCnn, optimizer: momentum, batchSize: 32, epochs: 8 },
  {
    name: 'MNIST · BN-CNN · SGD+momentum', data: () => loadDataset('mnist', { seed: 0, trainSize: 4000, validationSize: 2000 }),
    model: bnCnn, optimizer: momentum, batchSize: 64, epochs: 4, slow: true,
  },
  // The control: labels shuffled, so the right answer is no bounds.
  {
    name: 'digits · MLP · SGD, shuffled labels (control)', data: async () => shuffledLabels(await loadDataset('digits', { seed: 0 }), 0),
    model: builtin('mlp'), optimizer: sgd, batchSize: 32, epochs: 10, control: true,
  },
  { name: 'MNIST · VGG · SGD+momentum', data: () => loadDataset('mnist', { seed: 0, trainSize: 2000, validationSize: 1000 }), model: builtin('vgg-mini'), optimizer: momentum, batchSize: 64, epochs: 6, slow: true },
];

/** The setups a run scores: LRFIND_BENCH_ONLY=vgg those whose name contains "vgg" (case-insensitive), "mlp,cnn" either. */
export function chosenSetups(env: NodeJS.ProcessEnv = process.env): Setup[] {
  const only = env.LRFIND_BENCH_ONLY?.toLowerCase().split(',');
  return ALL_SETUPS.filter((s) => (only === undefined ? !s.slow || env.LRFIND_BENCH_SLOW === '1' : only.some((part) => s.name.toLowerCase().includes(part))));
}

function gaussian(random: () => number): number {
  return Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
}

function split(name: string, xs: Float32Array, labels: Int32Array, inputShape: number[], numClasses: number, train: number): DatasetArrays {
  const width = inputShape.reduce((a, b) => a * b, 1);
  const part = (from: number, to: number) => ({ xs: xs.slice(from * width, to * width), labels: labels.slice(from, to), size: to - from });
  return {
    name, numClasses, inputShape, classNames: Array.from({ length: numClasses }, (_, i) => String(i)),
    train: part(0, train), validation: part(train, labels.length),
  };
}

/** 12×12 noise images in 4 classes: the argmax of a fixed random projection of the pixels (a linear model separates them). */
export function projectedNoise(seed: number, train = 256, validation = 256): Dataset {
  const random = seededRandom(seed + 17);
  const [pixels, classes, n] = [144, 4, train + validation];
  const projection = Float32Array.from({ length: pixels * classes }, () => gaussian(random));
  const xs = Float32Array.from({ length: n * pixels }, () => gaussian(random));
  const labels = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    let best = -Infinity;
    for (let c = 0; c < classes; c++) {
      let score = 0;
      for (let p = 0; p < pixels; p++) score += xs[i * pixels + p]! * projection[p * classes + c]!;
      if (score > best) [best, labels[i]] = [score, c];
    }
  }
  return toDataset(split('projected noise', xs, labels, [12, 12, 1], classes, train));
}

/** Sequences of 20 steps × 4 noisy channels in 3 classes: the channel among the first 3 whose mean is raised. */
export function sequences(seed: number, train = 1024, validation = 512): Dataset {
  const random = seededRandom(seed + 29);
  const [steps, channels, classes, n] = [20, 4, 3, train + validation];
  const xs = new Float32Array(n * steps * channels);
  const labels = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    labels[i] = Math.floor(random() * classes);
    for (let t = 0; t < steps; t++) {
      for (let c = 0; c < channels; c++) xs[(i * steps + t) * channels + c] = gaussian(random) + (c === labels[i] ? 0.35 : 0);
    }
  }
  return toDataset(split('sequences', xs, labels, [steps, channels], classes, train));
}

/** The same data with its training labels shuffled (the validation labels stay true). */
export function shuffledLabels(data: Dataset, seed: number): Dataset {
  const order = seededPermutation(data.train.size, seed + 41);
  const labels = Int32Array.from(order, (i) => data.train.labels[i]!);
  const xs = [data.train.xs.clone(), data.validation.xs.clone()];
  const arrays: DatasetArrays = {
    name: `${data.name}, shuffled labels`, numClasses: data.numClasses, inputShape: data.inputShape, classNames: data.classNames,
    train: { xs: xs[0]!.dataSync() as Float32Array, labels, size: data.train.size },
    validation: { xs: xs[1]!.dataSync() as Float32Array, labels: data.validation.labels, size: data.validation.size },
  };
  tf.dispose(xs);
  data.dispose();
  return toDataset(arrays);
}

const glorot = (seed: number, layer: number) => tf.initializers.glorotUniform({ seed: seed * 1000 + layer });

function lstm(data: Dataset, seed: number): tf.LayersModel {
  return tf.sequential({
    layers: [
      tf.layers.lstm({ units: 16, inputShape: data.inputShape, kernelInitializer: glorot(seed, 0), recurrentInitializer: glorot(seed, 1) }),
      tf.layers.dense({ units: data.numClasses, activation: 'softmax', kernelInitializer: glorot(seed, 2) }),
    ],
  });
}

function deepMlp(data: Dataset, seed: number): tf.LayersModel {
  const model = tf.sequential();
  model.add(tf.layers.flatten({ inputShape: data.inputShape }));
  for (let layer = 0; layer < 4; layer++) {
    model.add(tf.layers.dense({ units: 128, activation: 'relu', kernelInitializer: glorot(seed, layer) }));
    model.add(tf.layers.dropout({ rate: 0.3, seed: seed * 1000 + 100 + layer }));
  }
  model.add(tf.layers.dense({ units: data.numClasses, activation: 'softmax', kernelInitializer: glorot(seed, 9) }));
  return model;
}

function bnCnn(data: Dataset, seed: number): tf.LayersModel {
  const model = tf.sequential();
  const conv = (filters: number, layer: number) => tf.layers.conv2d({
    filters, kernelSize: 3, padding: 'same', useBias: false, kernelInitializer: glorot(seed, layer), ...(layer === 0 ? { inputShape: data.inputShape } : {}),
  });
  for (const [layer, filters] of [[0, 16], [1, 32]] as const) {
    model.add(conv(filters, layer));
    model.add(tf.layers.batchNormalization());
    model.add(tf.layers.activation({ activation: 'relu' }));
    if (layer === 0) model.add(tf.layers.maxPooling2d({ poolSize: 2, strides: 2 }));
  }
  model.add(tf.layers.flatten());
  model.add(tf.layers.dense({ units: 64, activation: 'relu', kernelInitializer: glorot(seed, 2) }));
  model.add(tf.layers.dense({ units: data.numClasses, activation: 'softmax', kernelInitializer: glorot(seed, 3) }));
  return model;
}
