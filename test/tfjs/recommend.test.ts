// recommendLearningRate: the range test, its reading and the probes in one call, on a real (tiny) model.
import * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { analyzeRangeTest } from '../../src/range-test/analyze-result.js';
import { recommendLearningRate } from '../../src/tfjs/recommend.js';
import { halfNoisyToyData, optimizerState, toyMlp, weightBits } from './helpers.js';

let data: { xs: tf.Tensor; ys: tf.Tensor };
const SWEEP = { startLr: 1e-4, endLr: 100, numIter: 60, batchSize: 16 };
const QUICK_PROBES = { warmupSteps: 4, holdSteps: 16 };

beforeAll(async () => {
  await tf.setBackend('cpu');
  data = halfNoisyToyData();
});
afterAll(() => tf.dispose([data.xs, data.ys]));

describe('recommendLearningRate', () => {
  it('confirms the curve by probes by default: the bounds are the passing probe / 1.3, model and optimizer restored, no leaks', async () => {
    const model = toyMlp(tf.train.momentum(0.01, 0.9));
    await model.fit(data.xs, data.ys, { batchSize: 32, epochs: 1, verbose: 0 }); // optimizer slots exist
    const weights = weightBits(model);
    const state = optimizerState(model.optimizer);
    const before = tf.memory().numTensors;
    const found = await recommendLearningRate(model, data, { ...SWEEP, tuning: { probes: QUICK_PROBES } });
    expect(tf.memory().numTensors).toBe(before);
    expect(weightBits(model)).toEqual(weights);
    expect(optimizerState(model.optimizer)).toEqual(state);

    const { analysis, confirmation, bounds } = found;
    // The reading of the sweep, its regions made to agree with the probes (finderResult).
    const { regions: _regions, warnings: _warnings, ...reading } = analyzeRangeTest(found.rangeTest);
    expect(analysis).toMatchObject(reading);
    expect(confirmation).not.toBeNull();
    expect(confirmation!.probes.every((p) => p.losses.length === 20)).toBe(true);
    const curve = analysis!.curveBounds!;
    const first = confirmation!.probes.findIndex((p) => p.passed); // half the data is learnable
    expect(first).toBeGreaterThanOrEqual(0);
    expect(confirmation!.probes).toHaveLength(first + 2); // the pass, then its check a ladder² below
    expect(confirmation!.edge).toBe(confirmation!.probes[first + (confirmation!.steppedDown ? 1 : 0)]!.lr);
    expect(bounds).toEqual({
      maxLr: confirmation!.edge! / 1.3, minLr: (confirmation!.edge! / 1.3) * (curve.minLr / curve.maxLr), source: 'confirmed',
      confidence: curve.confidence,
    });
    expect(bounds!.maxLr).not.toBe(curve.maxLr);
    model.dispose();
  });

  it("confirm: false gives the curve's bounds and runs no probe", async () => {
    const model = toyMlp(tf.train.sgd(0.1));
    let probeSteps = 0;
    const found = await recommendLearningRate(model, data, { ...SWEEP, confirm: false, onProbeStep: () => probeSteps++ });
    expect(found.confirmation).toBeNull();
    expect(found.bounds).toBe(found.analysis!.curveBounds);
    expect(probeSteps).toBe(0);
    model.dispose();
  });

  it('passes the analysis options on and tells onAnalysis the reading before the probes', async () => {
    const model = toyMlp(tf.train.sgd(0.1));
    const order: string[] = [];
    const found = await recommendLearningRate(model, data, {
      ...SWEEP, divFactor: 4, escalate: false, tuning: { probes: { ...QUICK_PROBES, maxProbes: 1 } },
      onAnalysis: (_r, analysis) => order.push(`analysis ${analysis.curveBounds!.maxLr / analysis.curveBounds!.minLr}`),
      onProbeStep: ({ step }) => (step === 0 ? order.push('probe') : undefined),
    });
    expect(order[0]).toMatch(/^analysis 4(\.0+\d*)?$/);
    expect(order.slice(1)).toEqual(['probe']);
    expect(found.confirmation!.probes).toHaveLength(1);
    model.dispose();
  });

  it('runs no probe after a sweep stopped by its signal, and gives no reading to a sweep of one step', async () => {
    const model = toyMlp(tf.train.sgd(0.1));
    const before = tf.memory().numTensors;
    const controller = new AbortController();
    const stopped = await recommendLearningRate(model, data, {
      ...SWEEP, signal: controller.signal, onStep: ({ step }) => (step === 29 ? controller.abort() : undefined),
    });
    expect(stopped.rangeTest.stopReason).toBe('stopped');
    expect(stopped.analysis).not.toBeNull();
    expect(stopped.confirmation).toBeNull();
    expect(stopped.bounds).toBe(stopped.analysis!.curveBounds);

    const early = new AbortController();
    const one = await recommendLearningRate(model, data, { ...SWEEP, signal: early.signal, onStep: () => early.abort() });
    expect(one).toMatchObject({ analysis: null, confirmation: null, bounds: null });
    expect(tf.memory().numTensors).toBe(before);
    model.dispose();
  });
});
