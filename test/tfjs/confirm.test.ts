import * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Analysis } from '../../src/types.js';
import { confirmMaxLr } from '../../src/tfjs/confirm.js';
import { getLearningRate } from '../../src/tfjs/learning-rate.js';
import { optimizerState, toyData, toyMlp, weightBits } from './helpers.js';

let data: { xs: tf.Tensor; ys: tf.Tensor };

beforeAll(async () => {
  await tf.setBackend('cpu');
  data = toyData(96);
});
afterAll(() => tf.dispose([data.xs, data.ys]));

/** A hand-made reading: the sweep's loss rose at `rise` after reaching `best`. */
function analysisWith(rise: number, best: number): Analysis {
  return {
    curve: { lrs: [rise / 100, rise / 10, rise], losses: [1.1, best, 5] },
    smoothedLosses: [1.1, best, 5],
    gradient: [0, 0, 0],
    regions: [],
    curveBounds: null,
    picks: {},
    divergenceIndex: 2,
    minimumIndex: 1,
    diagnosis: 'readable',
    warnings: [],
  };
}

describe('confirmMaxLr', () => {
  it('steps down from a rise where training blows up to an lr that trains, then divides by the margin', async () => {
    const model = toyMlp(tf.train.sgd(0.1));
    const first = toyMlp(tf.train.sgd(0.1)); // what the toy model reaches: its loss after a short fit
    await first.fit(data.xs, data.ys, { batchSize: 16, epochs: 10, verbose: 0 });
    const reached = (first.evaluate(data.xs, data.ys) as tf.Scalar).dataSync()[0]!;
    first.dispose();
    const confirmation = await confirmMaxLr(model, data, analysisWith(1e4, reached + 0.2), { batchSize: 16, ladder: 10, maxProbes: 6, warmupSteps: 5, holdSteps: 20 });
    expect(confirmation.probes[0]!.passed).toBe(false); // lr 1e4 blows up
    const passed = confirmation.probes.findIndex((p) => p.passed);
    expect(confirmation.probes.slice(0, passed).every((p) => !p.passed)).toBe(true);
    expect(confirmation.probes).toHaveLength(passed + 2); // the pass, then one check a ladder² below
    expect(confirmation.edge).toBe(confirmation.probes[passed + (confirmation.steppedDown ? 1 : 0)]!.lr);
    expect(confirmation.maxLr).toBeCloseTo(confirmation.edge! / 1.3, 12);
    expect(confirmation.edge!).toBeLessThan(1e4);
    model.dispose();
  });

  it('steps the edge down one ladder² when the probe there trains clearly better: the pass was at the edge of stability', async () => {
    // Loss w² by SGD: w ← w(1 − 2lr). At lr 0.95 w flips sign and shrinks by 0.9 a step (it passes, slowly);
    // at 0.95 / 1.25² = 0.61 it shrinks by 0.22 a step.
    const run = async (top: number, checkBelow?: boolean) => {
      const w = tf.variable(tf.scalar(1));
      const step = { optimizer: tf.train.sgd(0.1), loss: () => tf.square(w) as tf.Scalar, variables: [w] };
      const before = tf.memory().numTensors;
      const c = await confirmMaxLr(step, data, analysisWith(1, 0.5), { top, warmupSteps: 0, holdSteps: 8, ...(checkBelow === undefined ? {} : { checkBelow }) });
      expect(tf.memory().numTensors).toBe(before);
      expect(w.dataSync()[0]).toBe(1);
      w.dispose();
      return c;
    };
    const edgy = await run(0.95);
    expect(edgy.probes.map((p) => p.passed)).toEqual([true, true]);
    expect(edgy.edge).toBeCloseTo(0.95 / 1.25 ** 2, 12);
    expect(edgy.maxLr).toBeCloseTo(edgy.edge! / 1.3, 12);
    expect(edgy.steppedDown).toBe(true);
    // At 0.5 the loss is gone in one step: the lower probe is no better, and the edge stays.
    const clear = await run(0.5);
    expect(clear.probes).toHaveLength(2);
    expect(clear).toMatchObject({ edge: 0.5 });
    expect(clear.steppedDown).toBeUndefined();
    // checkBelow false: the first pass is the edge, and no probe more runs.
    const unchecked = await run(0.95, false);
    expect(unchecked.probes).toHaveLength(1);
    expect(unchecked.edge).toBe(0.95);
  });

  it('calls a pass whose check below did not train luck, and goes on down the ladder under the check', async () => {
    // A loss that depends only on the lr the engine set: 1 fails, 0.8 passes but its check at 0.51 does
    // not train, 0.41 passes and its check at 0.26 trains (no better).
    const w = tf.variable(tf.scalar(1));
    const optimizer = tf.train.sgd(0.1);
    const lossAt = (lr: number): number => (lr > 0.9 ? 1.1 : lr > 0.7 ? 0.2 : lr > 0.45 ? 1.1 : lr > 0.3 ? 0.3 : 0.35);
    const step = { optimizer, loss: () => tf.add(tf.mul(w, 0), lossAt(getLearningRate(optimizer))) as tf.Scalar, variables: [w] };
    const c = await confirmMaxLr(step, data, analysisWith(1, 0.5), { top: 1, warmupSteps: 0, holdSteps: 4 });
    expect(c.probes.map((p) => [Number(p.lr.toPrecision(3)), p.passed, p.check ?? false, p.unbacked ?? false])).toEqual([
      [1, false, false, false], [0.8, false, false, true], [0.512, false, true, false], [0.41, true, false, false], [0.262, true, true, false],
    ]);
    expect(c.edge).toBeCloseTo(0.4096, 12);
    expect(c.steppedDown).toBeUndefined();
    // One truth: every probe that trained is at or below the edge, every one that failed above it or a check.
    expect(c.probes.filter((p) => p.passed).every((p) => p.lr <= c.edge!)).toBe(true);
    expect(c.probes.filter((p) => !p.passed).every((p) => p.lr > c.edge!)).toBe(true);
    w.dispose();
  });

  it('returns null when no candidate trains below the target', async () => {
    const model = toyMlp(tf.train.sgd(0.1));
    const confirmation = await confirmMaxLr(model, data, analysisWith(1, -1), { batchSize: 16, maxProbes: 2, warmupSteps: 2, holdSteps: 4, floor: 0 });
    expect(confirmation).toMatchObject({ maxLr: null, edge: null, target: -1, stopped: false });
    expect(confirmation.probes).toHaveLength(2);
    expect(confirmation.probes.every((p) => p.losses.length === 6 && !p.passed)).toBe(true);
    model.dispose();
  });

  it('restores the weights and the optimizer bit-exactly and leaks no tensors', async () => {
    const model = toyMlp(tf.train.momentum(0.05, 0.9));
    await model.fit(data.xs, data.ys, { batchSize: 32, epochs: 1, verbose: 0 }); // optimizer slots exist
    const weights = weightBits(model);
    const state = optimizerState(model.optimizer);
    const before = tf.memory().numTensors;
    await confirmMaxLr(model, data, analysisWith(1e3, 0.9), { batchSize: 16, ladder: 10, maxProbes: 4, warmupSteps: 3, holdSteps: 6 });
    expect(tf.memory().numTensors).toBe(before);
    expect(weightBits(model)).toEqual(weights);
    expect(optimizerState(model.optimizer)).toEqual(state);
    model.dispose();
  });

  it('stops at once when its signal aborts, restored and without leaks', async () => {
    const model = toyMlp(tf.train.adam(0.01));
    const weights = weightBits(model);
    const before = tf.memory().numTensors;
    const controller = new AbortController();
    let steps = 0;
    const confirmation = await confirmMaxLr(model, data, analysisWith(1e3, -1), {
      batchSize: 16, maxProbes: 3, warmupSteps: 2, holdSteps: 10, signal: controller.signal,
      onStep: () => {
        steps += 1;
        if (steps === 15) controller.abort(); // in the second probe
      },
    });
    expect(confirmation).toMatchObject({ stopped: true, maxLr: null, edge: null });
    expect(confirmation.probes).toHaveLength(1);
    expect(steps).toBe(15);
    expect(tf.memory().numTensors).toBe(before);
    expect(weightBits(model)).toEqual(weights);
    model.dispose();
  });

  it('rejects bad settings and data before training', async () => {
    const model = toyMlp(tf.train.sgd(0.1));
    const weights = weightBits(model);
    await expect(confirmMaxLr(model, data, analysisWith(1, 1), { ladder: 0.5 })).rejects.toThrow('ladder must be a number > 1, got 0.5');
    await expect(confirmMaxLr(model, data, analysisWith(1, 1), { batchSize: 0 })).rejects.toThrow('batchSize must be a positive integer, got 0');
    await expect(confirmMaxLr(model, { xs: data.xs } as never, analysisWith(1, 1))).rejects.toThrow(/data must be/);
    expect(weightBits(model)).toEqual(weights);
    model.dispose();
  });
});
