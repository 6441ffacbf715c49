// Decoupled weight decay against PyTorch's AdamW, step by step: a Linear(4, 3) layer, five batches of
// 8, cross-entropy; lrfind's Adam + weightDecay (in model.fit, through scheduleCallback) must give
// AdamW's losses and weights to float tolerance, also when the lr changes every step.
import { readFileSync, readdirSync } from 'node:fs';
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { scheduleCallback } from '../../src/tfjs/callbacks/schedule-callback.js';
import { decayedVariables, WeightDecay } from '../../src/tfjs/weight-decay.js';

interface Fixture {
  optimizer: string;
  defaults: { lr: number; betas?: [number, number]; eps?: number; weight_decay: number };
  initial: { weight: number[][]; bias: number[] };
  batches: { x: number[][]; y: number[] }[];
  steps: { loss: number; weight: number[][]; bias: number[]; lr: number }[];
}

const DIR = new URL('../fixtures/torch-weight-decay/', import.meta.url);
const load = (name: string): Fixture => JSON.parse(readFileSync(new URL(name, DIR), 'utf8')) as Fixture;
const ADAMW = readdirSync(DIR).filter((f) => f.startsWith('adamw_'));

beforeAll(async () => {
  await tf.setBackend('cpu');
});

/** tfjs's Dense holds W transposed (inputs × units). */
const transpose = (m: number[][]): number[][] => m[0]!.map((_, j) => m.map((row) => row[j]!));

describe('weightDecay against PyTorch AdamW', () => {
  it.each(ADAMW)('%s: the same loss and weights after every step', async (name) => {
    const f = load(name);
    const [beta1, beta2] = f.defaults.betas ?? [0.9, 0.999];
    const model = tf.sequential({ layers: [tf.layers.dense({ units: 3, inputShape: [4] })] });
    model.setWeights([tf.tensor2d(transpose(f.initial.weight)), tf.tensor1d(f.initial.bias)]);
    model.compile({ optimizer: tf.train.adam(f.defaults.lr, beta1, beta2, f.defaults.eps ?? 1e-8), loss: (y: tf.Tensor, logits: tf.Tensor) => tf.losses.softmaxCrossEntropy(y, logits) });
    const xs = tf.tensor2d(f.batches.flatMap((b) => b.x));
    const ys = tf.oneHot(tf.tensor1d(f.batches.flatMap((b) => b.y), 'int32'), 3).toFloat();
    const seen: { loss: number; weight: number[][]; bias: number[] }[] = [];
    const record = new tf.CustomCallback({
      onBatchEnd: async (_batch, logs) => {
        const [w, b] = model.getWeights();
        seen.push({ loss: logs!.loss as number, weight: transpose(w!.arraySync() as number[][]), bias: b!.arraySync() as number[] });
      },
    });
    // PyTorch decays every parameter of the group, the bias too: decayApplyTo 'all'.
    const schedule = scheduleCallback({ lr: (step) => f.steps[step]!.lr, weightDecay: f.defaults.weight_decay, decayApplyTo: 'all' });
    await model.fit(xs, ys, { epochs: 1, batchSize: 8, shuffle: false, verbose: 0, callbacks: [schedule, record] });
    f.steps.forEach((expected, i) => {
      expect(seen[i]!.loss).toBeCloseTo(expected.loss, 5);
      expected.weight.flat().forEach((w, k) => expect(seen[i]!.weight.flat()[k]).toBeCloseTo(w, 5));
      expected.bias.forEach((b, k) => expect(seen[i]!.bias[k]).toBeCloseTo(b, 5));
    });
    tf.dispose([xs, ys]);
    model.dispose();
  });

  it('differs from the coupled L2 rule of PyTorch Adam(weight_decay), as it should', () => {
    const l2 = load('adam_l2_lr1e-2_wd1e-1.json');
    const decoupled = load('adamw_lr1e-2_wd1e-1.json');
    expect(l2.steps.at(-1)!.weight.flat()).not.toEqual(decoupled.steps.at(-1)!.weight.flat());
  });
});

describe('which weights decay', () => {
  it("decays kernels and embeddings (two or more axes) by default, not biases or normalization; 'all' or a predicate otherwise", () => {
    const kernel = tf.variable(tf.ones([3, 2]));
    const bias = tf.variable(tf.ones([2]));
    expect(decayedVariables([kernel, bias])).toEqual([kernel]);
    expect(decayedVariables([kernel, bias], 'all')).toEqual([kernel, bias]);
    expect(decayedVariables([kernel, bias], (v) => v === bias)).toEqual([bias]);
    expect(() => new WeightDecay([kernel], -1)).toThrow('weightDecay must be a number ≥ 0, got -1');
    tf.dispose([kernel, bias]);
  });
});

describe('weightDecay in the finder', () => {
  it('decays during the sweep and the probes, and restores every weight and the optimizer exactly', async () => {
    const { toyData, toyMlp, weightBits, optimizerState } = await import('./helpers.js');
    const data = toyData(96);
    const model = toyMlp(tf.train.adam(0.01));
    const { findLearningRate } = await import('../../src/tfjs/range-test.js');
    const sweep = { startLr: 1e-3, endLr: 1, numIter: 20, batchSize: 16 };
    const weights = weightBits(model);
    const state = optimizerState(model.optimizer);
    const before = tf.memory().numTensors;
    const plain = await findLearningRate(model, data, sweep);
    const decayed = await findLearningRate(model, data, { ...sweep, weightDecay: 0.5 });
    expect(tf.memory().numTensors).toBe(before);
    expect(weightBits(model)).toEqual(weights);
    expect(optimizerState(model.optimizer)).toEqual(state);
    expect(decayed.losses[0]).toBe(plain.losses[0]); // the decay acts after the first step
    expect(decayed.losses[5]).not.toBe(plain.losses[5]);
    tf.dispose([data.xs, data.ys]);
    model.dispose();
  });
});

describe("weightDecay: 'auto'", () => {
  it("runs Smith's family, chooses a decay by validation loss, finds the lr with it, and restores everything after each member", async () => {
    const { toyData, toyMlp, weightBits, optimizerState } = await import('./helpers.js');
    const { recommendLearningRate } = await import('../../src/tfjs/recommend.js');
    const { oneCycleCallback } = await import('../../src/tfjs/callbacks/one-cycle-callback.js');
    const [learnable, noise] = [toyData(120), toyData(120, 6, 3, 2, true)];
    const data = { xs: tf.concat([learnable.xs, noise.xs]), ys: tf.concat([learnable.ys, noise.ys]) };
    const model = toyMlp(tf.train.adam(0.01));
    const weights = weightBits(model);
    const state = optimizerState(model.optimizer);
    const before = tf.memory().numTensors;
    // Each member starts from the model as it was: the one before it restored it exactly.
    const atStart: unknown[] = [];
    const found = await recommendLearningRate(model, data, {
      startLr: 1e-4, endLr: 10, numIter: 40, batchSize: 16, weightDecay: [0, 1e-3, 1e-1], tuning: { probes: { warmupSteps: 4, holdSteps: 16 } },
      onWeightDecay: () => atStart.push([weightBits(model), optimizerState(model.optimizer), tf.memory().numTensors]),
    });
    expect(atStart).toHaveLength(3);
    for (const [bits, optimizer] of atStart as [unknown, unknown][]) {
      expect(bits).toEqual(weights);
      expect(optimizer).toEqual(state);
    }
    expect(new Set(atStart.map((a) => (a as unknown[])[2])).size).toBe(1);
    expect(tf.memory().numTensors).toBe(before);
    expect(weightBits(model)).toEqual(weights);
    expect(optimizerState(model.optimizer)).toEqual(state);
    const choice = found.weightDecay!;
    expect(choice.how).toBe('chosen');
    expect(choice.family!.map((m) => m.weightDecay)).toEqual([0, 1e-3, 1e-1]);
    expect([0, 1e-3, 1e-1]).toContain(choice.value);
    // Each member measured a validation loss at every step, on the held-out fifth of the rows.
    for (const member of choice.family!) expect(member.validationLosses.every((v) => typeof v === 'number')).toBe(true);
    expect(choice.reason).toMatch(/validation loss/);
    if (found.bounds) expect(oneCycleCallback(found).weightDecay).toBe(choice.value);
    await expect(recommendLearningRate(model, tf.data.array([{ xs: learnable.xs, ys: learnable.ys }]), { weightDecay: 'auto' }))
      .rejects.toThrow("weightDecay 'auto' reads validation losses: give validationData (a dataset cannot give up rows for it)");
    await expect(recommendLearningRate(model, data, { weightDecay: [0.1] })).rejects.toThrow("weightDecay must be a number, 'auto' or a list of at least 2 decays, got [0.1]");
    tf.dispose([learnable.xs, learnable.ys, noise.xs, noise.ys, data.xs, data.ys]);
    model.dispose();
  });
});

describe("momentum: 'auto'", () => {
  it('runs each momentum at the max lr from the same weights, says which ended lowest, and leaves the optimizer as it was', async () => {
    const { toyData, toyMlp, weightBits, optimizerState } = await import('./helpers.js');
    const { recommendLearningRate } = await import('../../src/tfjs/recommend.js');
    const { oneCycleCallback } = await import('../../src/tfjs/callbacks/one-cycle-callback.js');
    const { getMomentum } = await import('../../src/tfjs/momentum.js');
    const data = toyData(96);
    const model = toyMlp(tf.train.momentum(0.01, 0.9));
    const weights = weightBits(model);
    const state = optimizerState(model.optimizer);
    const before = tf.memory().numTensors;
    const found = await recommendLearningRate(model, data, { startLr: 1e-4, endLr: 10, numIter: 40, batchSize: 16, momentum: [0.5, 0.9, 0.99], tuning: { probes: { warmupSteps: 4, holdSteps: 16 } } });
    expect(tf.memory().numTensors).toBe(before);
    expect(weightBits(model)).toEqual(weights);
    expect(optimizerState(model.optimizer)).toEqual(state);
    expect(getMomentum(model.optimizer)).toBe(0.9);
    const m = found.momentum!;
    expect(m.tried.map((t) => t.momentum)).toEqual([0.5, 0.9, 0.99]);
    const lowest = Math.min(...m.tried.filter((t) => Number.isFinite(t.endLoss)).map((t) => t.endLoss));
    expect(m.tried.find((t) => t.momentum === m.value)!.endLoss).toBe(lowest);
    expect(m.changed).toBe(m.value !== 0.9);
    const cycle = oneCycleCallback(found, { totalSteps: 10 });
    expect(cycle.schedule.momentum!(0)).toBeCloseTo(m.value, 12); // one-cycle's momentum starts at its max
    await expect(recommendLearningRate(toyMlp(tf.train.sgd(0.1)), data, { numIter: 20, batchSize: 16, momentum: 'auto' })).rejects.toThrow("momentum 'auto' needs an optimizer with momentum or β1");
    tf.dispose([data.xs, data.ys]);
    model.dispose();
  });
});

describe('weightDecay in trainWithSchedule', () => {
  it('shrinks the kernels each batch (and leaves the biases to the optimizer)', async () => {
    const { toyData, toyMlp } = await import('./helpers.js');
    const { trainWithSchedule } = await import('../../src/study/train.js');
    const data = toyData(64);
    const norms = async (weightDecay: number): Promise<number[]> => {
      const model = toyMlp(tf.train.sgd(0.1));
      model.compile({ optimizer: tf.train.sgd(0.1), loss: 'categoricalCrossentropy', metrics: ['accuracy'] });
      await trainWithSchedule(model, data, data, { epochs: 2, batchSize: 16, lr: () => 0.1, weightDecay });
      const out = model.getWeights().map((w) => tf.tidy(() => tf.norm(w).dataSync()[0]!));
      model.dispose();
      return out;
    };
    const [plain, decayed] = [await norms(0), await norms(0.5)];
    expect(decayed[0]!).toBeLessThan(plain[0]!); // first kernel
    expect(decayed[2]!).toBeLessThan(plain[2]!); // second kernel
    tf.dispose([data.xs, data.ys]);
  });
});
