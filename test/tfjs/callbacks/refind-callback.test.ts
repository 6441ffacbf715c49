// refindCallback: lrfind's finder again during training, at chosen epochs; each find restores the
// model and its optimizer exactly, and a new one-cycle starts from its bounds.
import * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { refindCallback } from '../../../src/tfjs/callbacks/refind-callback.js';
import { halfNoisyToyData, optimizerState, toyMlp, weightBits } from '../helpers.js';

let data: { xs: tf.Tensor; ys: tf.Tensor };
const FINDER = { startLr: 1e-4, endLr: 10, numIter: 40, batchSize: 16, tuning: { probes: { warmupSteps: 4, holdSteps: 16 } } };

beforeAll(async () => {
  await tf.setBackend('cpu');
  data = halfNoisyToyData();
});
afterAll(() => tf.dispose([data.xs, data.ys]));

/** Records the weights and the optimizer's state when each epoch ends and as the next one begins (after the refind). */
class Spy extends tf.Callback {
  ends: unknown[] = [];
  begins: unknown[] = [];
  override async onEpochBegin(): Promise<void> {
    const model = this.model as unknown as tf.LayersModel;
    this.begins.push([weightBits(model), optimizerState(model.optimizer)]);
  }
  override async onEpochEnd(): Promise<void> {
    const model = this.model as unknown as tf.LayersModel;
    this.ends.push([weightBits(model), optimizerState(model.optimizer)]);
  }
}

describe('refindCallback', () => {
  it('finds before the epochs asked for, leaves the model exactly as it was, and starts a new one-cycle from each find', async () => {
    const model = toyMlp(tf.train.momentum(0.01, 0.9));
    await model.fit(data.xs, data.ys, { epochs: 1, batchSize: 16, verbose: 0, shuffle: false }); // the optimizer's slots exist
    const before = tf.memory().numTensors;
    const refind = refindCallback({ data, atEpochs: [0, 1], finder: FINDER });
    const spy = new Spy();
    await model.fit(data.xs, data.ys, { epochs: 4, batchSize: 16, verbose: 0, shuffle: false, callbacks: [refind, spy] });
    expect(tf.memory().numTensors).toBe(before);
    expect(refind.finds.map((f) => f.epoch)).toEqual([0, 1]);
    // Before epoch 1 the finder ran: what epoch 1 starts from is what epoch 0 ended with, bit for bit.
    expect(spy.begins[1]).toEqual(spy.ends[0]);
    // Each leg is a one-cycle from its find's min lr, over the rest of the run (12 steps an epoch).
    const [first, second] = refind.finds.map((f) => f.found.bounds!);
    expect(refind.lrHistory).toHaveLength(48);
    expect(refind.lrHistory[0]).toBeCloseTo(first!.minLr, 12);
    expect(refind.lrHistory[12]).toBeCloseTo(second!.minLr, 12);
    expect(Math.max(...refind.lrHistory.slice(12))).toBeLessThanOrEqual(second!.maxLr * (1 + 1e-12));
    model.dispose();
  });

  it('needs bounds to start with when it does not find before the first epoch', () => {
    expect(() => refindCallback({ data, atEpochs: [3] })).toThrow('RefindCallback needs bounds to start with, or 0 in atEpochs');
    expect(() => refindCallback({ data, atEpochs: [1.5], bounds: { maxLr: 0.1 } })).toThrow('atEpochs must be epochs (integers ≥ 0), got 1.5');
  });
});
