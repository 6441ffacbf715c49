// Any training code: a two-input, two-output functional model (tensors, arrays, maps, a dataset of
// named maps), a training loop of one's own on plain variables, and gradient accumulation. Each run
// restores what it trained bit-exactly and leaves no tensor behind.
import * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tensorBatches } from '../../src/tfjs/batches.js';
import { findLearningRate } from '../../src/tfjs/range-test.js';
import { recommendLearningRate } from '../../src/tfjs/recommend.js';
import type { TrainingStep } from '../../src/tfjs/learner.js';
import { seededRandom } from '../../src/random.js';
import { optimizerState, toyData, toyMlp, weightBits } from './helpers.js';

const bits = (vs: tf.Tensor[]): number[][] => vs.map((v) => Array.from(new Uint32Array((v.dataSync() as Float32Array).slice().buffer)));

beforeAll(async () => {
  await tf.setBackend('cpu');
});

/** Two inputs (a: 4 features, b: 3) into one hidden layer, two outputs: a 3-class softmax and a regression. */
function twoByTwo(): tf.LayersModel {
  const a = tf.input({ shape: [4], name: 'a' });
  const b = tf.input({ shape: [3], name: 'b' });
  const joined = tf.layers.concatenate().apply([a, b]) as tf.SymbolicTensor;
  const hidden = tf.layers.dense({ units: 8, activation: 'relu', kernelInitializer: tf.initializers.glorotUniform({ seed: 5 }) }).apply(joined) as tf.SymbolicTensor;
  const cls = tf.layers.dense({ units: 3, activation: 'softmax', name: 'cls', kernelInitializer: tf.initializers.glorotUniform({ seed: 6 }) }).apply(hidden) as tf.SymbolicTensor;
  const reg = tf.layers.dense({ units: 1, name: 'reg', kernelInitializer: tf.initializers.glorotUniform({ seed: 7 }) }).apply(hidden) as tf.SymbolicTensor;
  const model = tf.model({ inputs: [a, b], outputs: [cls, reg] });
  model.compile({ optimizer: tf.train.momentum(0.01, 0.9), loss: ['categoricalCrossentropy', 'meanSquaredError'] });
  return model;
}

/** 128 examples: the class is the largest of a's first three features, the target the mean of b. */
function twoByTwoData(): { xa: tf.Tensor; xb: tf.Tensor; y1: tf.Tensor; y2: tf.Tensor } {
  const random = seededRandom(11);
  const n = 128;
  const a = Float32Array.from({ length: n * 4 }, () => random() * 2 - 1);
  const b = Float32Array.from({ length: n * 3 }, () => random() * 2 - 1);
  return tf.tidy(() => {
    const xa = tf.tensor2d(a, [n, 4]);
    const xb = tf.tensor2d(b, [n, 3]);
    return { xa, xb, y1: tf.oneHot(tf.argMax(xa.slice([0, 0], [n, 3]), 1), 3).toFloat(), y2: tf.mean(xb, 1, true) };
  });
}

async function untouched<T>(vars: tf.Tensor[], optimizer: tf.Optimizer, fn: () => Promise<T>): Promise<T> {
  const before = bits(vars);
  const state = optimizerState(optimizer);
  const count = tf.memory().numTensors;
  const out = await fn();
  expect(tf.memory().numTensors).toBe(count);
  expect(bits(vars)).toEqual(before);
  expect(optimizerState(optimizer)).toEqual(state);
  return out;
}

describe('a two-input, two-output functional model', () => {
  let d: ReturnType<typeof twoByTwoData>;
  beforeAll(() => {
    d = twoByTwoData();
  });
  afterAll(() => tf.dispose([d.xa, d.xb, d.y1, d.y2]));
  const SWEEP = { startLr: 1e-4, endLr: 10, numIter: 60, batchSize: 32 };

  it('is found from arrays and from maps of tensors alike, records the total loss, and comes back exact', async () => {
    const model = twoByTwo();
    const weights = model.weights.map((w) => w.read());
    const arrays = await untouched(weights, model.optimizer, () => recommendLearningRate(model, { xs: [d.xa, d.xb], ys: [d.y1, d.y2] }, SWEEP));
    const maps = await untouched(weights, model.optimizer, () => recommendLearningRate(model, { xs: { a: d.xa, b: d.xb }, ys: { cls: d.y1, reg: d.y2 } }, SWEEP));
    expect(maps.rangeTest.losses).toEqual(arrays.rangeTest.losses);
    expect(arrays.bounds, arrays.analysis?.warnings.join('; ')).not.toBeNull();
    // The first step's loss is the model's total loss on the first batch: the sum of its two outputs' mean losses.
    const first = await tensorBatches({ xs: [d.xa, d.xb], ys: [d.y1, d.y2] }, 32, 0).next() as unknown as { xs: tf.Tensor[]; ys: tf.Tensor[] };
    const [p1, p2] = model.predict(first.xs) as tf.Tensor[];
    const cls = tf.tidy(() => tf.metrics.categoricalCrossentropy(first.ys[0]!, p1!).mean().dataSync()[0]!);
    const reg = tf.tidy(() => tf.metrics.meanSquaredError(first.ys[1]!, p2!).mean().dataSync()[0]!);
    expect(arrays.rangeTest.losses[0]).toBeCloseTo(cls + reg, 5);
    tf.dispose([p1!, p2!]);
    tf.dispose([first.xs, first.ys]);
    model.dispose();
  });

  it('is found from a dataset of batches whose xs and ys are maps by name', async () => {
    const model = twoByTwo();
    const batches = tf.data.generator(function* () {
      for (let start = 0; start < 128; start += 16) {
        yield { xs: { a: d.xa.slice(start, 16), b: d.xb.slice(start, 16) }, ys: { cls: d.y1.slice(start, 16), reg: d.y2.slice(start, 16) } };
      }
    });
    const found = await untouched(model.weights.map((w) => w.read()), model.optimizer, () => recommendLearningRate(model, batches, { ...SWEEP, confirm: false }));
    expect(found.rangeTest.lrs.length).toBeGreaterThanOrEqual(10);
    model.dispose();
  });

  it('refuses data that does not fit, in one line naming the input', async () => {
    const model = twoByTwo();
    await expect(findLearningRate(model, { xs: { a: d.xa, c: d.xb }, ys: [d.y1, d.y2] })).rejects.toThrow('data: xs: the model\'s names are a, b; missing b, unknown c');
    await expect(findLearningRate(model, { xs: [d.xb, d.xa], ys: [d.y1, d.y2] })).rejects.toThrow('data: xs (a) has shape [128, 3] but the model expects [any, 4]');
    await expect(findLearningRate(model, { xs: [d.xa], ys: [d.y1, d.y2] })).rejects.toThrow("data: xs: 1 tensor for the model's 2 (a, b)");
    model.dispose();
  });
});

describe('a training step of your own', () => {
  it('trains plain variables with optimizer.minimize, finds bounds, and restores the variables and the optimizer exactly', async () => {
    const { xs, ys } = toyData(96);
    const w = tf.variable(tf.randomNormal([6, 3], 0, 0.1, 'float32', 3));
    const b = tf.variable(tf.zeros([3]));
    const bystander = tf.variable(tf.ones([2])); // not in the loss: never touched, never restored
    const optimizer = tf.train.momentum(0.01, 0.9);
    const step: TrainingStep<{ xs: tf.Tensor; ys: tf.Tensor }> = {
      optimizer,
      loss: ({ xs: x, ys: y }) => tf.losses.softmaxCrossEntropy(y, tf.add(tf.matMul(x as tf.Tensor2D, w), b)) as tf.Scalar,
    };
    const found = await untouched([w, b, bystander], optimizer, () => recommendLearningRate(step, { xs, ys }, { batchSize: 16, numIter: 60, startLr: 1e-4, endLr: 10 }));
    expect(found.bounds).not.toBeNull();
    expect(found.confirmation!.probes.length).toBeGreaterThan(0);
    expect(found.rangeTest.optimizer).toBe('Momentum');
    expect(found.rangeTest.layers).toBeUndefined();
    tf.dispose([xs, ys, w, b, bystander]);
  });

  it('says what is wrong with a step it cannot train', async () => {
    const { xs, ys } = toyData(32);
    const optimizer = tf.train.sgd(0.1);
    await expect(findLearningRate({ optimizer, loss: () => tf.scalar(1) }, { xs, ys })).rejects.toThrow("the training step's loss reaches no trainable variable on the first batch");
    const w = tf.variable(tf.zeros([6, 3]));
    const wide: TrainingStep<{ xs: tf.Tensor }> = { optimizer, loss: ({ xs: x }) => tf.matMul(x as tf.Tensor2D, w) as unknown as tf.Scalar };
    await expect(findLearningRate(wide, { xs, ys }))
      .rejects.toThrow("the training step's loss must return a scalar tensor, got shape [32, 3]");
    await expect(findLearningRate({ loss: () => tf.scalar(1) } as unknown as TrainingStep, { xs, ys })).rejects.toThrow('model must be a compiled tf.LayersModel or a training step {optimizer, loss, variables?}');
    tf.dispose([xs, ys, w]);
  });
});

describe('a validation loss on a sample of batches', () => {
  it('takes the next batches each step, never runs dry, and over a pass weighs them as the whole set does', async () => {
    const { xs, ys } = toyData(96);
    const validation = toyData(40, 6, 3, 9);
    const model = toyMlp(tf.train.sgd(0.1));
    // An lr so small the model does not move: every step sees the same model.
    const sweep = { startLr: 1e-12, endLr: 1e-11, numIter: 9, batchSize: 16, validationData: validation };
    const whole = await findLearningRate(model, { xs, ys }, sweep);
    const sample = await untouched(model.weights.map((w) => w.read()), model.optimizer, () => findLearningRate(model, { xs, ys }, { ...sweep, validationBatches: 1 }));
    const [a, b, c] = sample.validationLosses as number[];
    // 40 rows in batches of 16: 16, 16 and the last 8, then round again.
    expect((16 * a! + 16 * b! + 8 * c!) / 40).toBeCloseTo(whole.validationLosses![0]!, 5);
    expect(sample.validationLosses!.slice(3, 6)).toEqual([a, b, c]);
    expect(new Set(whole.validationLosses).size).toBe(1);
    await expect(findLearningRate(model, { xs, ys }, { ...sweep, validationBatches: 0 })).rejects.toThrow('validationBatches must be a positive integer, got 0');
    tf.dispose([xs, ys, validation.xs, validation.ys]);
    model.dispose();
  });
});

describe('gradient accumulation', () => {
  it('averages k batches into one step: the same curve as batches k times as large, to float tolerance', async () => {
    const { xs, ys } = toyData(96);
    const sweep = { startLr: 1e-3, endLr: 1, numIter: 3 }; // 3 steps of 32 rows: one epoch, the same rows either way
    const big = toyMlp(tf.train.momentum(0.01, 0.9));
    const small = toyMlp(tf.train.momentum(0.01, 0.9));
    const once = await findLearningRate(big, { xs, ys }, { ...sweep, batchSize: 32 });
    const accumulated = await untouched(small.weights.map((w) => w.read()), small.optimizer, () => findLearningRate(small, { xs, ys }, { ...sweep, batchSize: 8, accumulationSteps: 4 }));
    accumulated.losses.forEach((loss, i) => expect(loss).toBeCloseTo(once.losses[i]!, 5));
    expect(weightBits(small)).toEqual(weightBits(big)); // both restored to the same seeded start
    await expect(findLearningRate(small, { xs, ys }, { accumulationSteps: 0 })).rejects.toThrow('accumulationSteps must be an integer ≥ 1, got 0');
    tf.dispose([xs, ys]);
    big.dispose();
    small.dispose();
  });
});
