import * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findLearningRate } from '../../src/tfjs/range-test.js';
import { sweepLrs } from '../../src/range-test/sweep.js';
import { cnn } from '../../src/models/builders.js';
import { OPTIMIZERS, optimizerState, toyData, toyMlp, weightBits } from './helpers.js';

let data: { xs: tf.Tensor; ys: tf.Tensor };
/** Random labels: a large lr makes confident wrong predictions, so every optimizer diverges. */
let noise: { xs: tf.Tensor; ys: tf.Tensor };

beforeAll(async () => {
  await tf.setBackend('cpu');
  data = toyData(96);
  noise = toyData(96, 6, 3, 4, true);
});
afterAll(() => tf.dispose([data.xs, data.ys, noise.xs, noise.ys]));

/** Trains a few steps so that the optimizer has slots and iterations before the range test. */
async function warmUp(model: tf.LayersModel): Promise<void> {
  await model.fit(data.xs, data.ys, { batchSize: 32, epochs: 1, shuffle: false, verbose: 0 });
}

describe('findLearningRate', () => {
  it('records one lr, loss and smoothed loss per step, at exactly the sweep lrs', async () => {
    const model = toyMlp(tf.train.sgd(0.1));
    const result = await findLearningRate(model, data, { numIter: 20, batchSize: 16, startLr: 1e-4, endLr: 1, divergeThreshold: Infinity });
    expect(result.stopReason).toBe('completed');
    expect(result.lrs).toEqual(sweepLrs(1e-4, 1, 20, 'exp'));
    expect(result.losses).toHaveLength(20);
    expect(result.emaLosses).toHaveLength(20);
    expect(result.losses.every(Number.isFinite)).toBe(true);
    expect(result.emaLosses[0]).toBeCloseTo(result.losses[0]!, 6);
    expect(result.backend).toBe('cpu');
    expect(result.optimizer).toBe('SGD');
    expect(result.timing.steps).toBe(20);
    expect(result.timing.msPerStep).toBeGreaterThan(0);
    expect(result.runs).toHaveLength(1);
    expect(result.settings.numIter).toBe(20);
    model.dispose();
  });

  it('cycles through the data (reshuffling) when it has fewer batches than numIter', async () => {
    const model = toyMlp(tf.train.sgd(0.1));
    const result = await findLearningRate(model, data, { numIter: 30, batchSize: 32, divergeThreshold: Infinity });
    expect(result.losses).toHaveLength(30); // 3 batches per epoch, 10 epochs
    model.dispose();
  });

  it('accepts a tf.data.Dataset of batches, as {xs, ys} or [xs, ys], and restarts it', async () => {
    const model = toyMlp('adam');
    const batches = tf.data.array([0, 1, 2]).map((i) =>
      tf.tidy(() => ({ xs: data.xs.slice((i as number) * 32, 32), ys: data.ys.slice((i as number) * 32, 32) })),
    );
    const before = tf.memory().numTensors;
    const result = await findLearningRate(model, batches as never, { numIter: 8, divergeThreshold: Infinity });
    expect(result.losses).toHaveLength(8);
    expect(result.optimizer).toBe('Adam');
    const pairs = tf.data.array([0, 1]).map((i) => tf.tidy(() => [data.xs.slice((i as number) * 32, 32), data.ys.slice((i as number) * 32, 32)]));
    expect((await findLearningRate(model, pairs as never, { numIter: 5 })).losses).toHaveLength(5);
    expect(tf.memory().numTensors).toBe(before);
    model.dispose();
  });

  it('stops on divergence and says so', async () => {
    const model = toyMlp(tf.train.sgd(0.1));
    const result = await findLearningRate(model, data, { numIter: 60, batchSize: 16, startLr: 1e-3, endLr: 1e4 });
    expect(result.stopReason).toBe('diverged');
    expect(result.losses.length).toBeLessThan(60);
    const last = result.emaLosses.at(-1)!;
    expect(last).toBeGreaterThan(4 * result.bestLoss);
    expect(result.emaLosses.slice(0, -1).every((s) => s <= 4 * result.bestLoss)).toBe(true);
    model.dispose();
  });

  it('stops at once on a non-finite loss and keeps only finite points', async () => {
    const model = tf.sequential({ layers: [tf.layers.dense({ units: 1, inputShape: [6], kernelInitializer: 'ones' })] });
    model.compile({ optimizer: tf.train.sgd(0.1), loss: 'meanSquaredError' });
    const target = tf.ones([96, 1]);
    const result = await findLearningRate(model, { xs: data.xs, ys: target }, { numIter: 100, batchSize: 16, startLr: 1e-3, endLr: 1e8, divergeThreshold: Infinity });
    expect(result.stopReason).toBe('non-finite loss');
    expect(result.losses.length).toBeLessThan(100);
    expect(result.losses.every(Number.isFinite)).toBe(true);
    target.dispose();
    model.dispose();
  });

  it('repeats with a different seed per run from the same starting weights', async () => {
    const model = toyMlp(tf.train.momentum(0.01, 0.9));
    const options = { numIter: 10, batchSize: 16, divergeThreshold: Infinity } as const;
    const result = await findLearningRate(model, data, { ...options, runs: 3, seed: 5 });
    expect(result.runs.map((r) => r.seed)).toEqual([5, 6, 7]);
    expect(result.lrs).toEqual(result.runs[0]!.lrs);
    for (const [r, run] of result.runs.entries()) {
      const alone = await findLearningRate(model, data, { ...options, seed: 5 + r });
      expect(run.losses).toEqual(alone.losses);
    }
    expect(result.runs[0]!.losses).not.toEqual(result.runs[1]!.losses);
    model.dispose();
  });

  it('records a validation loss every validationEvery steps', async () => {
    const model = toyMlp(tf.train.sgd(0.1));
    const validation = toyData(30, 6, 3, 9);
    const result = await findLearningRate(model, data, { numIter: 7, batchSize: 16, validationData: validation, validationEvery: 3, divergeThreshold: Infinity });
    const v = result.validationLosses!;
    expect(v).toHaveLength(7);
    expect(v.map((x) => x !== null)).toEqual([true, false, false, true, false, false, true]);
    expect(v.filter((x): x is number => x !== null).every((x) => x > 0)).toBe(true);
    tf.dispose([validation.xs, validation.ys]);
    model.dispose();
  });

  it('calls onStep after every step with the progress numbers', async () => {
    const model = toyMlp(tf.train.sgd(0.1));
    const steps: number[] = [];
    const counts: number[] = [];
    const result = await findLearningRate(model, data, {
      numIter: 12, batchSize: 16, divergeThreshold: Infinity,
      onStep: (s) => {
        steps.push(s.step);
        counts.push(tf.memory().numTensors);
        expect(s.bestLoss).toBeLessThanOrEqual(s.emaLoss);
        expect(s.numIter).toBe(12);
      },
    });
    expect(steps).toEqual([...Array(12).keys()]);
    expect(result.losses).toHaveLength(12);
    // No tensor is left behind per step.
    expect(new Set(counts.slice(1)).size).toBe(1);
    model.dispose();
  });

  it('trains a small CNN', async () => {
    const model = cnn({ inputShape: [8, 8, 1], numClasses: 3 });
    model.compile({ optimizer: tf.train.momentum(0.01, 0.9), loss: 'categoricalCrossentropy' });
    const images = tf.tidy(() => data.xs.slice([0, 0], [48, 6]).pad([[0, 0], [0, 58]]).reshape([48, 8, 8, 1]));
    const labels = data.ys.slice(0, 48);
    const before = weightBits(model);
    const count = tf.memory().numTensors;
    const result = await findLearningRate(model, { xs: images, ys: labels }, { numIter: 6, batchSize: 16, startLr: 1e-3, endLr: 1 });
    expect(result.losses).toHaveLength(6);
    expect(weightBits(model)).toEqual(before);
    expect(tf.memory().numTensors).toBe(count);
    tf.dispose([images, labels]);
    model.dispose();
  });
});

describe('restore: the model and optimizer come back bit-identical', () => {
  const exits = ['completed', 'diverged', 'throws', 'stopped'] as const;
  for (const [name, make] of Object.entries(OPTIMIZERS)) {
    for (const exit of exits) {
      it(`${name}, ${exit}`, async () => {
        const model = toyMlp(make());
        await warmUp(model);
        const weights = weightBits(model);
        const state = optimizerState(model.optimizer);
        const lr = (model.optimizer as unknown as { learningRate: number }).learningRate;
        const tensors = tf.memory().numTensors;
        const controller = new AbortController();
        const options = {
          numIter: exit === 'diverged' ? 24 : 12, batchSize: 16, startLr: 1e-3,
          endLr: exit === 'diverged' ? 1e6 : 0.1,
          divergeThreshold: exit === 'diverged' ? 1.2 : Infinity,
          signal: controller.signal,
          onStep: ({ step }: { step: number }) => {
            if (step === 3 && exit === 'throws') throw new Error('boom');
            if (step === 3 && exit === 'stopped') controller.abort();
          },
        };
        const run = findLearningRate(model, exit === 'diverged' ? noise : data, options);
        if (exit === 'throws') await expect(run).rejects.toThrow('boom');
        else {
          const result = await run;
          expect(result.stopReason).toBe(exit);
          if (exit === 'stopped') expect(result.losses).toHaveLength(4);
        }
        expect(weightBits(model)).toEqual(weights);
        expect(optimizerState(model.optimizer)).toEqual(state);
        expect((model.optimizer as unknown as { learningRate: number }).learningRate).toBe(lr);
        expect(tf.memory().numTensors).toBe(tensors);
        // The restored optimizer still trains.
        await warmUp(model);
        model.dispose();
      });
    }
  }

  it('a never-trained optimizer gets no leftover slots', async () => {
    const model = toyMlp(tf.train.adam(0.01));
    const state = optimizerState(model.optimizer);
    const tensors = tf.memory().numTensors;
    await findLearningRate(model, data, { numIter: 5, batchSize: 16 });
    expect(optimizerState(model.optimizer)).toEqual(state);
    expect((model.optimizer as unknown as { accumulatedFirstMoment: unknown[] }).accumulatedFirstMoment).toHaveLength(0);
    expect(tf.memory().numTensors).toBe(tensors);
    model.dispose();
  });
});

describe('bad input fails before training, without touching the model', () => {
  async function rejects(model: tf.LayersModel, input: unknown, options: object, message: string | RegExp) {
    const weights = weightBits(model);
    await expect(findLearningRate(model, input as never, options)).rejects.toThrow(message);
    expect(weightBits(model)).toEqual(weights);
  }

  it('an uncompiled model', async () => {
    const model = tf.sequential({ layers: [tf.layers.dense({ units: 3, inputShape: [6] })] });
    await rejects(model, data, {}, /model must be compiled/);
  });

  it('data whose shape does not fit the model', async () => {
    const model = toyMlp('sgd', 5);
    await rejects(model, data, {}, 'data: xs has shape [96, 6] but the model expects [any, 5]');
    const wrongYs = { xs: data.xs, ys: tf.zeros([96, 4]) };
    await rejects(toyMlp('sgd'), wrongYs, {}, 'data: ys has shape [96, 4] but the model outputs [any, 3]');
    await rejects(toyMlp('sgd'), { xs: data.xs, ys: tf.zeros([95, 3]) }, {}, 'data: xs has 96 examples but ys has 95');
  });

  it('bad settings', async () => {
    const model = toyMlp('sgd');
    await rejects(model, data, { startLr: 1, endLr: 0.5 }, 'startLr must be below endLr (got 1 and 0.5)');
    await rejects(model, data, { startLr: 0 }, 'startLr must be positive (a learning rate of 0 trains nothing and has no place on a log axis), got 0');
    await rejects(model, data, { numIter: 1 }, 'numIter must be an integer ≥ 2, got 1');
    await rejects(model, data, { validationEvery: 0, validationData: data }, 'validationEvery must be a positive integer, got 0');
  });

  it('empty data and an empty dataset', async () => {
    const model = toyMlp('sgd');
    await rejects(model, { xs: tf.zeros([0, 6]), ys: tf.zeros([0, 3]) }, {}, 'data is empty (0 examples)');
    await rejects(model, tf.data.array([]), {}, 'data: the dataset is empty');
    await rejects(model, [1, 2, 3], {}, 'data must be {xs, ys} tensors (each a tensor, an array of tensors or a map of names to tensors) or a tf.data.Dataset of batches');
  });
});
