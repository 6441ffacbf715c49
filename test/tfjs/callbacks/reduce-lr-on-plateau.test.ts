import * as tf from '@tensorflow/tfjs';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { ReduceLROnPlateau, reduceLROnPlateau } from '../../../src/index.js';
import { BATCH, data, tinyModel } from './helpers.js';

beforeAll(async () => {
  await tf.setBackend('cpu');
});
afterEach(() => {
  vi.restoreAllMocks();
});

/** Drives the callback by hand with a list of monitored values; returns the lr after each epoch. */
async function drive(cb: ReduceLROnPlateau, values: (number | undefined)[], lr = 1, key = 'val_loss'): Promise<number[]> {
  const opt = tf.train.adam(lr);
  cb.model = { optimizer: opt } as unknown as tf.LayersModel; // setModel insists on a real LayersModel
  await cb.onTrainBegin();
  const out: number[] = [];
  for (const [epoch, v] of values.entries()) {
    const logs: Record<string, number> = v === undefined ? { loss: 1 } : { [key]: v };
    await cb.onEpochEnd(epoch, logs);
    out.push(logs.lr as number);
  }
  opt.dispose();
  return out;
}

describe('reduceLROnPlateau (Keras semantics)', () => {
  it('has Keras defaults', () => {
    const cb = reduceLROnPlateau();
    expect([cb.monitor, cb.factor, cb.patience, cb.verbose, cb.mode, cb.minDelta, cb.cooldown, cb.minLr]).toEqual([
      'val_loss', 0.1, 10, 0, 'min', 1e-4, 0, 0,
    ]);
    expect(reduceLROnPlateau({ monitor: 'val_acc' }).mode).toBe('max');
  });

  it('reduces after `patience` epochs without an improvement larger than minDelta', async () => {
    const cb = reduceLROnPlateau({ factor: 0.5, patience: 2, minDelta: 0.01 });
    // 1.0 best; 0.995 is within minDelta (no improvement); 0.99 also not < 1.0 − 0.01.
    expect(await drive(cb, [1, 0.995, 0.99, 0.5, 0.5, 0.5])).toEqual([1, 1, 0.5, 0.5, 0.5, 0.25]);
    expect(cb.reductions).toEqual([{ epoch: 2, lr: 0.5 }, { epoch: 5, lr: 0.25 }]);
  });

  it('waits `cooldown` epochs after a reduction and never goes below minLr', async () => {
    const cb = reduceLROnPlateau({ factor: 0.1, patience: 1, cooldown: 2, minLr: 0.005 });
    // As in Keras, the cooldown counter is decremented before the check, so cooldown 2 skips one epoch.
    const lrs = await drive(cb, [1, 1, 1, 1, 1, 1, 1, 1]);
    [1, 0.1, 0.1, 0.01, 0.01, 0.005, 0.005, 0.005].forEach((want, i) => expect(lrs[i]).toBeCloseTo(want, 15));
  });

  it("mode 'max' (or 'auto' on an accuracy) treats higher as better", async () => {
    const cb = reduceLROnPlateau({ monitor: 'val_acc', patience: 1, factor: 0.5 });
    expect(await drive(cb, [0.5, 0.6, 0.55], 1, 'val_acc')).toEqual([1, 1, 0.5]);
  });

  it('warns once and leaves the rate alone when the monitor is missing', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const cb = reduceLROnPlateau({ patience: 0 });
    expect(await drive(cb, [undefined, undefined])).toEqual([1, 1]);
    expect(warn).toHaveBeenCalledTimes(1);
    expect(String(warn.mock.calls[0]?.[0])).toContain("monitor 'val_loss' is not in the epoch logs (available: loss)");
  });

  it('validates eagerly', () => {
    expect(() => reduceLROnPlateau({ factor: 1 })).toThrow(new RangeError('factor must be in (0, 1), got 1'));
    expect(() => reduceLROnPlateau({ patience: -1 })).toThrow('patience must be an integer ≥ 0, got -1');
    expect(() => reduceLROnPlateau({ mode: 'up' as 'min' })).toThrow(`mode must be one of 'auto', 'min', 'max', got "up"`);
    expect(() => reduceLROnPlateau({ minLr: -1 })).toThrow('minLr must be a finite number ≥ 0, got -1');
  });

  it('in model.fit: reads val_loss tensors, reduces the SGD rate, and leaks nothing', async () => {
    const log = vi.spyOn(console, 'log').mockImplementation(() => {});
    const { xs, ys } = data();
    const opt = tf.train.sgd(0.1);
    const model = tinyModel(opt);
    await model.fit(xs, ys, { epochs: 1, verbose: 0 });
    const before = tf.memory().numTensors;
    // A minDelta this large means nothing after the first epoch counts as an improvement.
    const cb = reduceLROnPlateau({ patience: 1, minDelta: 1e9, minLr: 0.0005, verbose: 1 });
    const history = await model.fit(xs, ys, {
      epochs: 5,
      batchSize: BATCH,
      verbose: 0,
      validationData: [xs, ys],
      callbacks: [cb],
    });
    expect(tf.memory().numTensors).toBe(before);
    const lrs = history.history.lr as number[];
    [0.1, 0.01, 0.001, 0.0005, 0.0005].forEach((want, i) => expect(lrs[i]).toBeCloseTo(want, 12));
    expect((history.history.val_loss as number[]).every((v) => typeof v === 'number')).toBe(true);
    expect(-(opt as unknown as { c: tf.Scalar }).c.dataSync()[0]!).toBeCloseTo(0.0005, 9);
    expect(log.mock.calls.map((c) => String(c[0]).replace(/to (.*)\.$/, (_, v: string) => `to ${Number(v).toPrecision(3)}.`))).toEqual([
      'Epoch 2: ReduceLROnPlateau reducing learning rate to 0.0100.',
      'Epoch 3: ReduceLROnPlateau reducing learning rate to 0.00100.',
      'Epoch 4: ReduceLROnPlateau reducing learning rate to 0.000500.',
    ]);
    tf.dispose([xs, ys]);
    model.dispose();
  });
});
