// The finder's escalations on real (tiny) models: a sweep still falling at endLr goes on, a curve
// without bounds is swept again, probes that all failed go on lower, and a model that cannot learn
// gets no bounds. Each leaves the model as it was and no tensor behind.
import * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findLearningRate } from '../../src/tfjs/range-test.js';
import { recommendLearningRate } from '../../src/tfjs/recommend.js';
import { optimizerState, toyData, toyMlp, weightBits } from './helpers.js';

let learnable: { xs: tf.Tensor; ys: tf.Tensor };
let random: { xs: tf.Tensor; ys: tf.Tensor };
const QUICK_PROBES = { warmupSteps: 4, holdSteps: 16 };

beforeAll(async () => {
  await tf.setBackend('cpu');
  learnable = toyData(96);
  random = toyData(192, 6, 3, 5, true);
});
afterAll(() => tf.dispose([learnable.xs, learnable.ys, random.xs, random.ys]));

/** Runs `fn` and checks that the model and its optimizer come back bit-exact, with no tensor left behind. */
async function untouched<T>(model: tf.LayersModel, fn: () => Promise<T>): Promise<T> {
  const weights = weightBits(model);
  const state = optimizerState(model.optimizer);
  const before = tf.memory().numTensors;
  const out = await fn();
  expect(tf.memory().numTensors).toBe(before);
  expect(weightBits(model)).toEqual(weights);
  expect(optimizerState(model.optimizer)).toEqual(state);
  return out;
}

describe('a sweep still falling at endLr', () => {
  const SWEEP = { startLr: 1e-4, endLr: 1e-2, numIter: 40, batchSize: 16 };

  it('goes on at the same rate until the loss turns up, at most to 100 × endLr, and says so', async () => {
    const model = toyMlp(tf.train.sgd(0.1));
    // This toy's loss turns up near lr 30.
    const found = await untouched(model, () => recommendLearningRate(model, learnable, { ...SWEEP, endLr: 1, confirm: false }));
    const { rangeTest, escalations } = found;
    expect(rangeTest.extension!.steps).toBeGreaterThan(0);
    expect(rangeTest.lrs).toHaveLength(40 + rangeTest.extension!.steps);
    const ratio = (1 / 1e-4) ** (1 / 39);
    rangeTest.lrs.slice(1).forEach((lr, i) => expect(lr / rangeTest.lrs[i]!).toBeCloseTo(ratio, 10));
    expect(rangeTest.lrs.at(-1)!).toBeLessThan(100);
    expect(escalations[0]).toMatchObject({ action: 'extend', reason: 'the loss was still falling at endLr 1', steps: rangeTest.extension!.steps });
    expect(found.analysis!.warnings.join()).not.toMatch(/still falling/);
    expect(found.bounds!.maxLr).toBeGreaterThan(1);
    // Capped at 100 × endLr (and at least 10): set to stop at 1 from endLr 1e-2, it stops at 1, the loss still falling there.
    const capped = await recommendLearningRate(model, learnable, { ...SWEEP, confirm: false, tuning: { sweep: {}, escalation: { extendFactor: 100 } } });
    expect(capped.rangeTest.lrs.at(-1)!).toBeGreaterThan(1);
    expect(capped.rangeTest.lrs.at(-1)!).toBeLessThanOrEqual(10 * (1 + 1e-9));
    const low = await findLearningRate(model, learnable, { ...SWEEP, extend: { maxLr: 1 } });
    expect(low.lrs.at(-1)!).toBeCloseTo(1, 10);
    expect(low.extension!.reason).toBe('still-falling');
    // Without escalation the sweep is read as planned, and the curve says it was still falling.
    const planned = await recommendLearningRate(model, learnable, { ...SWEEP, confirm: false, escalate: false });
    expect(planned.rangeTest.lrs).toHaveLength(40);
    expect(planned.escalations).toEqual([]);
    expect(planned.analysis!.warnings).toContain('loss still falling at the end of the sweep: raise endLr');
    model.dispose();
  });

  it("extends the first run only; later runs follow its lrs; a linear sweep cannot be extended", async () => {
    const model = toyMlp(tf.train.sgd(0.1));
    const result = await untouched(model, () => findLearningRate(model, learnable, { ...SWEEP, runs: 2, extend: { maxLr: 0.1 } }));
    expect(result.lrs.at(-1)!).toBeLessThanOrEqual(0.1 * (1 + 1e-9));
    expect(result.runs[1]!.lrs).toEqual(result.runs[0]!.lrs.slice(0, result.runs[1]!.lrs.length));
    await expect(findLearningRate(model, learnable, { ...SWEEP, mode: 'linear', extend: true })).rejects.toThrow("extend needs mode 'exp'");
    model.dispose();
  });
});

describe('a curve without bounds', () => {
  // Random labels: nothing to learn, so the loss never falls.
  const SWEEP = { startLr: 1e-5, endLr: 1e-2, numIter: 24, batchSize: 16, tuning: { probes: QUICK_PROBES } };

  it('is swept again, 3× longer and then as the median of 3 runs, and still gives no bounds when nothing can be learned', async () => {
    const model = toyMlp(tf.train.sgd(0.1));
    const found = await untouched(model, () => recommendLearningRate(model, random, SWEEP));
    const actions = found.escalations.map((e) => e.action);
    expect(actions.filter((a) => a === 'lengthen' || a === 'repeat').sort()).toEqual(['lengthen', 'repeat']);
    const lengthen = found.escalations.find((e) => e.action === 'lengthen')!;
    expect(lengthen.done).toBe('swept again with 72 steps');
    expect(found.rangeTest.settings.numIter).toBe(72);
    expect(found.rangeTest.runs).toHaveLength(3);
    expect(found.bounds).toBeNull();
    // Nothing trained: the curve's reading, or the probes when the loss seemed to fall; the advice is not to do what lrfind already did.
    const why = found.analysis!.warnings.find((w) => /no bounds/.test(w))!;
    if (found.confirmation === null) expect(why).toMatch(/so there are no bounds: even after lrfind .*swept again with 72 steps.*; check the model, its data and its labels$/);
    else expect(why).toMatch(/^no probe trained \(16 probes /);
    model.dispose();
  });

  it('repeats with the same lrs when lengthening is off, lengthens alone when repeating is off', async () => {
    const model = toyMlp(tf.train.sgd(0.1));
    const repeated = await recommendLearningRate(model, random, { ...SWEEP, tuning: { ...SWEEP.tuning, escalation: { lengthenFactor: 1 } } });
    expect(repeated.escalations.map((e) => e.action).filter((a) => a !== 'extend' && !a.startsWith('probe'))).toEqual(['repeat']);
    // The new runs follow the first one's lrs, its extension included (to rounding: they are computed, not copied).
    const [first, ...others] = repeated.rangeTest.runs;
    for (const run of others) run.lrs.forEach((lr, i) => expect(Math.abs(lr / first!.lrs[i]! - 1)).toBeLessThan(1e-12));
    expect(others.map((r) => r.seed)).toEqual([1, 2]);
    const lengthened = await recommendLearningRate(model, random, { ...SWEEP, tuning: { ...SWEEP.tuning, escalation: { repeatRuns: 1 } } });
    expect(lengthened.escalations.map((e) => e.action).filter((a) => a === 'lengthen' || a === 'repeat')).toEqual(['lengthen']);
    expect(lengthened.rangeTest.runs).toHaveLength(1);
    model.dispose();
  });
});

describe('probes that all failed', () => {
  it('go on down the ladder; the bounds are the first that trains, or none', async () => {
    const model = toyMlp(tf.train.sgd(0.1));
    const found = await untouched(model, () => recommendLearningRate(model, learnable, {
      startLr: 1e-4, endLr: 100, numIter: 60, batchSize: 16,
      // A ladder that starts far too high, one probe long: it fails, and three more go lower.
      // The ladder alone: no check below a pass.
      tuning: { probes: { ...QUICK_PROBES, maxProbes: 1, ceiling: 1000, checkBelow: false }, escalation: { extraProbes: 3 } },
    }));
    const probes = found.confirmation!.probes;
    expect(probes[0]!.passed).toBe(false);
    const lower = found.escalations.find((e) => e.action === 'probe-lower')!;
    expect(lower.steps).toBe(probes.slice(1).reduce((n, p) => n + p.losses.length, 0));
    probes.slice(1).forEach((p, i) => expect(p.lr).toBeCloseTo(probes[i]!.lr / 1.25, 12));
    expect(probes.length).toBeLessThanOrEqual(4);
    const passed = probes.find((p) => p.passed);
    if (passed) expect(found.bounds).toMatchObject({ maxLr: passed.lr / 1.3, source: 'confirmed' });
    else expect(found.bounds).toBeNull();
    model.dispose();
  });
});
