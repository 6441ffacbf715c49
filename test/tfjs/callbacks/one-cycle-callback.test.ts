import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { oneCycle } from '../../../src/schedules/index.js';
import { OneCycleCallback, oneCycleCallback } from '../../../src/index.js';
import { stepsOfFit } from '../../../src/tfjs/callbacks/one-cycle-callback.js';
import { BATCH, STEPS_PER_EPOCH, close32, data, newSeen, spy, tinyModel } from './helpers.js';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

const EPOCHS = 4;
const TOTAL = EPOCHS * STEPS_PER_EPOCH;

describe('oneCycleCallback', () => {
  it('follows the tfjs triad: new OneCycleCallback(args) is oneCycleCallback(bounds, options)', () => {
    const byClass = new OneCycleCallback({ bounds: { maxLr: 0.1, minLr: 0.01 }, totalSteps: 50 });
    const byFactory = oneCycleCallback({ maxLr: 0.1, minLr: 0.01 }, { totalSteps: 50 });
    for (const step of [0, 10, 15, 49]) expect(byClass.schedule.lr(step)).toBe(byFactory.schedule.lr(step));
    expect(byClass.schedule.lr(0)).toBeCloseTo(0.01, 15);
  });

  it('starts at minLr when given (divFactor = maxLr / minLr)', () => {
    const cb = oneCycleCallback({ maxLr: 0.1, minLr: 0.01 }, { epochs: 2, stepsPerEpoch: 5 });
    expect(cb.schedule.totalSteps).toBe(10);
    expect(cb.lr(0)).toBeCloseTo(0.01, 15);
    expect(cb.lr(2)).toBe(0.1);
    expect(cb.lr(9)).toBeCloseTo(0.01 / 1e4, 18);
    expect(cb.schedule.phases.map((p) => p.name)).toEqual(['warmup', 'anneal']);
    // Without minLr, PyTorch's default divFactor 25; an explicit divFactor wins over minLr.
    expect(oneCycleCallback({ maxLr: 0.1 }, { totalSteps: 10 }).lr(0)).toBeCloseTo(0.004, 15);
    expect(oneCycleCallback({ maxLr: 0.1, minLr: 0.01 }, { totalSteps: 10, divFactor: 5 }).lr(0)).toBeCloseTo(0.02, 15);
  });

  it("accepts a finder result (its bounds), explains a missing one and refuses an Analysis's unconfirmed bounds", () => {
    const found = { bounds: { maxLr: 0.3, minLr: 0.03, source: 'confirmed', confidence: 0.8 }, analysis: { warnings: [] } };
    expect(oneCycleCallback(found, { totalSteps: 10 }).lr(0)).toBeCloseTo(0.03, 15);
    expect(() => oneCycleCallback({ bounds: null, analysis: { warnings: ['loss never decreased'] } }, { totalSteps: 10 })).toThrow(
      new RangeError('the finder result has no bounds: loss never decreased'),
    );
    const analysis = { curveBounds: { maxLr: 0.3, minLr: 0.03, source: 'lrfind', confidence: 0.8 }, warnings: [] };
    expect(() => oneCycleCallback(analysis as never, { totalSteps: 10 })).toThrow(/got an Analysis: pass the result of recommendLearningRate/);
    expect(oneCycleCallback(analysis.curveBounds, { totalSteps: 10 }).lr(0)).toBeCloseTo(0.03, 15);
    expect(() => oneCycleCallback({ maxLr: 0.1, minLr: 0.2 }, { totalSteps: 10 })).toThrow('minLr must be in (0, maxLr = 0.1), got 0.2');
    expect(() => oneCycleCallback({ maxLr: 0.1 }, { totalSteps: 10, pctStart: 2 })).toThrow('pctStart must be in (0, 1), got 2');
  });

  it('trains a Momentum model: lr and momentum follow PyTorch one-cycle at every step', async () => {
    const { xs, ys } = data();
    const opt = tf.train.momentum(1, 0.9);
    const model = tinyModel(opt);
    const cb = oneCycleCallback({ maxLr: 0.05, minLr: 0.005 }, { epochs: EPOCHS, stepsPerEpoch: STEPS_PER_EPOCH });
    const ref = oneCycle({ maxLr: 0.05, divFactor: 10, totalSteps: TOTAL });
    const seen = newSeen();
    const before = tf.memory().numTensors;
    await model.fit(xs, ys, { epochs: EPOCHS, batchSize: BATCH, shuffle: false, verbose: 0, callbacks: [cb, spy(opt, seen)] });
    const steps = Array.from({ length: TOTAL }, (_, t) => t);
    expect(cb.lrHistory).toEqual(steps.map(ref.lr));
    expect(cb.momentumHistory).toEqual(steps.map((t) => ref.momentum!(t)));
    seen.lr.forEach((lr, t) => expect(close32(lr, ref.lr(t))).toBe(true));
    seen.momentum.forEach((m, t) => expect(close32(m, ref.momentum!(t))).toBe(true));
    expect(tf.memory().numTensors).toBe(before + 1); // only the momentum accumulator of the one kernel
    tf.dispose([xs, ys]);
    model.dispose();
  });

  it('on plain SGD skips momentum cycling by default and still schedules the rate', async () => {
    const { xs, ys } = data();
    const opt = tf.train.sgd(1);
    const model = tinyModel(opt);
    const cb = oneCycleCallback({ maxLr: 0.05 }, { epochs: 2, stepsPerEpoch: STEPS_PER_EPOCH });
    await model.fit(xs, ys, { epochs: 2, batchSize: BATCH, verbose: 0, callbacks: [cb] });
    expect(cb.lrHistory).toHaveLength(6);
    expect(cb.momentumHistory).toEqual([]);
    tf.dispose([xs, ys]);
    model.dispose();
  });

  it("takes the run's length from model.fit when none is given (fastai's fit_one_cycle)", async () => {
    const { xs, ys } = data();
    const opt = tf.train.momentum(1, 0.9);
    const model = tinyModel(opt);
    const found = { bounds: { maxLr: 0.05, minLr: 0.005, source: 'confirmed', confidence: 0.9 }, analysis: { warnings: [] } };
    const cb = oneCycleCallback(found);
    expect(() => cb.schedule).toThrow(/built when training begins/);
    await model.fit(xs, ys, { epochs: EPOCHS, batchSize: BATCH, shuffle: false, verbose: 0, callbacks: [cb] });
    const ref = oneCycle({ maxLr: 0.05, divFactor: 10, totalSteps: TOTAL });
    expect(cb.schedule.totalSteps).toBe(TOTAL);
    expect(cb.lrHistory).toEqual(Array.from({ length: TOTAL }, (_, t) => ref.lr(t)));
    tf.dispose([xs, ys]);
    model.dispose();
  });

  it('counts the steps of fit and fitDataset from their params, and says when it cannot', () => {
    expect(stepsOfFit({ epochs: 3, initialEpoch: 0, samples: 100, batchSize: 32, steps: null })).toBe(12);
    expect(stepsOfFit({ epochs: 5, initialEpoch: 2, samples: 64, batchSize: 32 })).toBe(6);
    expect(stepsOfFit({ epochs: 2, samples: null, steps: 7, batchSize: null })).toBe(14);
    expect(() => stepsOfFit({ epochs: 2, samples: null, steps: null })).toThrow(/pass totalSteps, or epochs and stepsPerEpoch/);
    expect(() => oneCycleCallback({ maxLr: 0.1 }, { pctStart: 2 })).toThrow('pctStart must be in (0, 1), got 2');
  });
});
