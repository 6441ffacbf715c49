import * as tf from '@tensorflow/tfjs';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { learningRateScheduler } from '../../../src/index.js';
import { BATCH, STEPS_PER_EPOCH, close32, data, newSeen, spy, tinyModel } from './helpers.js';

beforeAll(async () => {
  await tf.setBackend('cpu');
});
afterEach(() => {
  vi.restoreAllMocks();
});

describe('learningRateScheduler', () => {
  for (const [name, make] of [
    ['SGD', () => tf.train.sgd(0.08)],
    ['Adam', () => tf.train.adam(0.08)],
  ] as const) {
    it(`${name}: sets schedule(epoch, lr) at every epoch and logs it`, async () => {
      const { xs, ys } = data();
      const opt = make();
      const model = tinyModel(opt);
      const calls: [number, number][] = [];
      const cb = learningRateScheduler((epoch, lr) => {
        calls.push([epoch, lr]);
        return epoch === 0 ? lr : lr / 2;
      });
      const seen = newSeen();
      const before = tf.memory().numTensors;
      const history = await model.fit(xs, ys, { epochs: 4, batchSize: BATCH, verbose: 0, callbacks: [cb, spy(opt, seen)] });
      expect(calls.map(([e]) => e)).toEqual([0, 1, 2, 3]);
      expect(cb.lrHistory).toEqual([0.08, 0.04, 0.02, 0.01]);
      expect(history.history.lr).toEqual([0.08, 0.04, 0.02, 0.01]);
      // What the optimizer really used, batch by batch.
      const want = cb.lrHistory.flatMap((lr) => Array<number>(STEPS_PER_EPOCH).fill(lr));
      seen.lr.forEach((lr, t) => expect(close32(lr, want[t]!)).toBe(true));
      tf.dispose([xs, ys]);
      // xs and ys are gone; only Adam's m and v for the one kernel were added.
      expect(tf.memory().numTensors).toBe(before - 2 + (name === 'Adam' ? 2 : 0));
      model.dispose();
    });
  }

  it('prints like Keras with verbose 1', async () => {
    const log = vi.spyOn(console, 'log').mockImplementation(() => {});
    const { xs, ys } = data();
    const model = tinyModel(tf.train.sgd(0.1));
    await model.fit(xs, ys, { epochs: 2, verbose: 0, callbacks: [learningRateScheduler(() => 0.05, { verbose: 1 })] });
    expect(log.mock.calls.map((c) => c[0])).toEqual([
      'Epoch 1: LearningRateScheduler setting learning rate to 0.05.',
      'Epoch 2: LearningRateScheduler setting learning rate to 0.05.',
    ]);
    tf.dispose([xs, ys]);
    model.dispose();
  });

  it('stops training when the schedule returns a non-number', async () => {
    const { xs, ys } = data();
    const model = tinyModel(tf.train.sgd(0.1));
    const cb = learningRateScheduler(() => Number.NaN);
    await expect(model.fit(xs, ys, { epochs: 1, verbose: 0, callbacks: [cb] })).rejects.toThrow(
      'schedule must return a finite number, got NaN at epoch 0',
    );
    expect(() => learningRateScheduler(() => 1, { verbose: 2 as 1 })).toThrow('verbose must be 0 or 1, got 2');
    tf.dispose([xs, ys]);
    model.dispose();
  });
});
