import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { oneCycle, linear } from '../../../src/schedules/index.js';
import { scheduleCallback } from '../../../src/index.js';
import { BATCH, STEPS_PER_EPOCH, X, Y, close32, data, newSeen, spy, tinyModel } from './helpers.js';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

const EPOCHS = 3;
const TOTAL = EPOCHS * STEPS_PER_EPOCH;

describe('scheduleCallback in model.fit', () => {
  it('SGD (setter path): lr set every batch with a global step, and the weights follow it', async () => {
    const { xs, ys } = data();
    const opt = tf.train.sgd(1);
    const model = tinyModel(opt);
    const schedule = oneCycle({ maxLr: 0.05, totalSteps: TOTAL });
    const cb = scheduleCallback({ lr: schedule.lr });
    const seen = newSeen();
    const history = await model.fit(xs, ys, { epochs: EPOCHS, batchSize: BATCH, shuffle: false, verbose: 0, callbacks: [cb, spy(opt, seen)] });

    const want = Array.from({ length: TOTAL }, (_, t) => schedule.lr(t));
    expect(cb.lrHistory).toEqual(want);
    expect(cb.step).toBe(TOTAL);
    seen.lr.forEach((lr, t) => expect(close32(lr, want[t]!)).toBe(true)); // the scalar SGD multiplies by
    expect(seen.batchLogLr).toEqual(want);
    expect(history.history.lr).toEqual([want[2], want[5], want[8]]);

    // Replay SGD in float64 with the same per-batch rates: w ← w − lr_t · 2/b · Xᵀ(Xw − y).
    let w = [0, 0];
    for (let t = 0; t < TOTAL; t++) {
      const rows = [0, 1, 2, 3].map((i) => ((t % STEPS_PER_EPOCH) * BATCH) + i);
      const r = rows.map((i) => X[i]![0]! * w[0]! + X[i]![1]! * w[1]! - Y[i]!);
      const g = [0, 1].map((j) => (2 / BATCH) * rows.reduce((s, i, k) => s + X[i]![j]! * r[k]!, 0));
      w = w.map((wj, j) => wj - want[t]! * g[j]!);
    }
    const got = model.getWeights()[0]!.dataSync();
    expect(Math.abs(got[0]! - w[0]!)).toBeLessThan(1e-5);
    expect(Math.abs(got[1]! - w[1]!)).toBeLessThan(1e-5);
    tf.dispose([xs, ys]);
    model.dispose();
  });

  it('Adam (field path): lr and beta1 follow the one-cycle schedules step by step', async () => {
    const { xs, ys } = data();
    const opt = tf.train.adam(1);
    const model = tinyModel(opt);
    const s = oneCycle({ maxLr: 0.01, totalSteps: TOTAL, baseMomentum: 0.8, maxMomentum: 0.9 });
    const cb = scheduleCallback({ lr: s.lr, momentum: s.momentum ?? undefined });
    const seen = newSeen();
    await model.fit(xs, ys, { epochs: EPOCHS, batchSize: BATCH, shuffle: false, verbose: 0, callbacks: [cb, spy(opt, seen)] });
    const steps = Array.from({ length: TOTAL }, (_, t) => t);
    expect(seen.lr).toEqual(steps.map(s.lr));
    expect(seen.momentum).toEqual(steps.map((t) => s.momentum!(t)));
    expect(cb.momentumHistory).toEqual(seen.momentum);
    tf.dispose([xs, ys]);
    model.dispose();
  });

  it('Momentum: the kept scalar m follows the momentum schedule', async () => {
    const { xs, ys } = data();
    const opt = tf.train.momentum(0.01, 0.9);
    const model = tinyModel(opt);
    const momentum = linear({ from: 0.5, to: 0.95, steps: TOTAL - 1 });
    const cb = scheduleCallback({ lr: () => 0.01, momentum });
    const seen = newSeen();
    await model.fit(xs, ys, { epochs: EPOCHS, batchSize: BATCH, shuffle: false, verbose: 0, callbacks: [cb, spy(opt, seen)] });
    seen.momentum.forEach((m, t) => expect(close32(m, momentum(t))).toBe(true));
    tf.dispose([xs, ys]);
    model.dispose();
  });

  it('keeps counting across fit calls, restarts on reset(), and leaks no tensors', async () => {
    const { xs, ys } = data();
    const opt = tf.train.momentum(0.01, 0.9);
    const model = tinyModel(opt);
    const cb = scheduleCallback({ lr: (t) => 0.001 * (t + 1), momentum: (t) => 0.5 + 0.01 * t, initialStep: 2 });
    await model.fit(xs, ys, { epochs: 1, batchSize: BATCH, verbose: 0 }); // optimizer state now exists
    const before = tf.memory().numTensors;
    await model.fit(xs, ys, { epochs: 2, batchSize: BATCH, verbose: 0, callbacks: [cb] });
    await model.fit(xs, ys, { epochs: 1, batchSize: BATCH, verbose: 0, callbacks: [cb] });
    expect(tf.memory().numTensors).toBe(before);
    expect(cb.step).toBe(2 + 3 * STEPS_PER_EPOCH);
    expect(cb.lrHistory.map((v) => Math.round(v * 1000))).toEqual([3, 4, 5, 6, 7, 8, 9, 10, 11]);
    cb.reset();
    expect([cb.step, cb.lrHistory.length]).toEqual([2, 0]);
    tf.dispose([xs, ys]);
    model.dispose();
  });

  it('refuses a momentum schedule on plain SGD unless told to skip it', async () => {
    const { xs, ys } = data();
    const model = tinyModel(tf.train.sgd(0.01));
    const strict = scheduleCallback({ lr: () => 0.01, momentum: () => 0.9 });
    await expect(model.fit(xs, ys, { epochs: 1, verbose: 0, callbacks: [strict] })).rejects.toThrow(
      'optimizer SGD has no momentum',
    );
    const lenient = scheduleCallback({ lr: () => 0.02, momentum: () => 0.9, skipMissingMomentum: true });
    await model.fit(xs, ys, { epochs: 1, batchSize: BATCH, verbose: 0, callbacks: [lenient] });
    expect(lenient.lrHistory).toEqual([0.02, 0.02, 0.02]);
    expect(lenient.momentumHistory).toEqual([]);
    tf.dispose([xs, ys]);
    model.dispose();
  });

  it('validates its arguments eagerly', () => {
    expect(() => scheduleCallback({ lr: 0.1 as unknown as (s: number) => number })).toThrow(
      new RangeError('lr must be a schedule function, got 0.1'),
    );
    expect(() => scheduleCallback({ lr: () => 1, initialStep: -1 })).toThrow('initialStep must be an integer ≥ 0, got -1');
  });
});
