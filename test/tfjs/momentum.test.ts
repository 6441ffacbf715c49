// setMomentum must change the next update exactly as each optimizer's formula says: proven on weights.
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { getMomentum, hasMomentum, setMomentum } from '../../src/tfjs/momentum.js';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

/** Applies the gradients `gs` (one per step) to a one-element variable, calling `before(k)` first. */
function run(opt: tf.Optimizer, gs: number[], before: (k: number) => void = () => {}): number[] {
  const w = tf.variable(tf.scalar(0));
  const out: number[] = [];
  gs.forEach((g, k) => {
    before(k);
    const grad = tf.scalar(g);
    opt.applyGradients({ [w.name]: grad });
    grad.dispose();
    out.push(w.dataSync()[0] as number);
  });
  w.dispose();
  opt.dispose();
  return out;
}

describe('hasMomentum / getMomentum / setMomentum', () => {
  it('read momentum or beta1 and refuse optimizers without one', () => {
    const opts = [tf.train.momentum(0.1, 0.9), tf.train.adam(0.1, 0.8), tf.train.adamax(0.1, 0.7), tf.train.rmsprop(0.1, 0.9, 0.6)];
    expect(opts.map(hasMomentum)).toEqual([true, true, true, true]);
    expect(opts.map(getMomentum)).toEqual([0.9, 0.8, 0.7, 0.6]);
    opts.forEach((o) => setMomentum(o, 0.5));
    expect(opts.map(getMomentum)).toEqual([0.5, 0.5, 0.5, 0.5]);
    const sgd = tf.train.sgd(0.1);
    expect(hasMomentum(sgd)).toBe(false);
    expect(() => getMomentum(sgd)).toThrow(TypeError);
    expect(() => setMomentum(sgd, 0.9)).toThrow('optimizer SGD has no momentum');
    expect(() => setMomentum(opts[0]!, 1)).toThrow(new RangeError('momentum must be in [0, 1), got 1'));
    [...opts, sgd].forEach((o) => o.dispose());
  });

  it('replaces the kept scalar without leaking, even inside tidy', () => {
    const opt = tf.train.momentum(0.1, 0.9);
    const before = tf.memory().numTensors;
    tf.tidy(() => setMomentum(opt, 0.3));
    for (let i = 0; i < 5; i++) setMomentum(opt, 0.1 * i);
    expect(tf.memory().numTensors).toBe(before);
    const m = (opt as unknown as { m: tf.Scalar }).m;
    expect(m.isDisposed).toBe(false);
    expect(m.dataSync()[0]).toBeCloseTo(0.4, 6);
    opt.dispose();
  });
});

describe('MomentumOptimizer', () => {
  const lr = 0.1;
  it("tfjs's own setMomentum is inert (why this module exists)", () => {
    const opt = tf.train.momentum(lr, 0.9);
    const native = run(opt, [1, 1], (k) => k === 1 && opt.setMomentum(0));
    // v1 = 1, v2 = 0.9·1 + 1 = 1.9: the 0 never took effect.
    expect(native[1]).toBeCloseTo(-lr * (1 + 1.9), 6);
  });

  it('ours takes effect on the very next update: v ← m·v + g; w ← w − lr·v', () => {
    const opt = tf.train.momentum(lr, 0.9);
    const ws = run(opt, [1, 1, 2], (k) => {
      if (k === 1) setMomentum(opt, 0);
      if (k === 2) setMomentum(opt, 0.5);
    });
    // v1 = 1; v2 = 0·1 + 1 = 1; v3 = 0.5·1 + 2 = 2.5
    expect(ws[0]).toBeCloseTo(-0.1, 6);
    expect(ws[1]).toBeCloseTo(-0.2, 6);
    expect(ws[2]).toBeCloseTo(-0.45, 6);
  });

  it('a trained model follows the momentum formula step by step with cycled momentum', async () => {
    // Linear model y = X·w, MSE: g = 2/n · Xᵀ(Xw − y). One batch per epoch, momentum changed per epoch.
    const X = [[1, 2], [3, -1], [0.5, 0.5], [-2, 1]];
    const y = [1, 0, 2, -1];
    const moms = [0.9, 0.9, 0.2, 0.0, 0.6, 0.95];
    const model = tf.sequential({
      layers: [tf.layers.dense({ units: 1, useBias: false, inputShape: [2], kernelInitializer: 'zeros' })],
    });
    const opt = tf.train.momentum(lr, moms[0]!);
    model.compile({ optimizer: opt, loss: 'meanSquaredError' });
    const xs = tf.tensor2d(X);
    const ys = tf.tensor2d(y, [4, 1]);
    await model.fit(xs, ys, {
      epochs: moms.length,
      batchSize: 4,
      shuffle: false,
      verbose: 0,
      callbacks: { onEpochBegin: (e) => setMomentum(opt, moms[e]!) },
    });
    const got = Array.from(model.getWeights()[0]!.dataSync());

    const simulate = (ms: number[]) => {
      let w = [0, 0];
      let v = [0, 0];
      for (const m of ms) {
        const r = X.map((row, i) => row[0]! * w[0]! + row[1]! * w[1]! - y[i]!);
        const g = [0, 1].map((j) => (2 / X.length) * X.reduce((s, row, i) => s + row[j]! * r[i]!, 0));
        v = v.map((vj, j) => m * vj + g[j]!);
        w = w.map((wj, j) => wj - lr * v[j]!);
      }
      return w;
    };
    const want = simulate(moms);
    const stale = simulate(moms.map(() => moms[0]!)); // what tfjs's inert setter would give
    for (let j = 0; j < 2; j++) {
      expect(Math.abs(got[j]! - want[j]!)).toBeLessThan(1e-5);
      expect(Math.abs(got[j]! - stale[j]!)).toBeGreaterThan(1e-2);
    }
    tf.dispose([xs, ys]);
    model.dispose();
    opt.dispose();
  });
});

describe('Adam / Adamax beta1', () => {
  const lr = 0.01;
  const eps = 1e-8;
  /** PyTorch's Adam: bias corrections 1 − beta^step with the *current* beta1. */
  function torchAdam(gs: number[], b1s: number[], b2 = 0.999): number[] {
    let m = 0, v = 0, w = 0;
    return gs.map((g, k) => {
      const b1 = b1s[k]!;
      const t = k + 1;
      m = b1 * m + (1 - b1) * g;
      v = b2 * v + (1 - b2) * g * g;
      w -= (lr * (m / (1 - b1 ** t))) / (Math.sqrt(v / (1 - b2 ** t)) + eps);
      return w;
    });
  }
  const gs = [1, -0.5, 2, 0.3, -1];
  const b1s = [0.95, 0.9, 0.5, 0.7, 0.85];

  it('Adam follows PyTorch with beta1 changed every step', () => {
    const opt = tf.train.adam(lr, b1s[0], 0.999, eps);
    const ws = run(opt, gs, (k) => setMomentum(opt, b1s[k]!));
    const want = torchAdam(gs, b1s);
    ws.forEach((w, k) => expect(Math.abs(w - want[k]!)).toBeLessThan(1e-6));
    // ...and the change is visible: constant beta1 gives other weights.
    const constant = torchAdam(gs, gs.map(() => b1s[0]!));
    expect(Math.abs(ws[4]! - constant[4]!)).toBeGreaterThan(1e-3);
  });

  it('Adamax uses the current beta1 in its bias correction too', () => {
    const opt = tf.train.adamax(lr, 0.9, 0.999, eps);
    const ws = run(opt, [1, 1], (k) => k === 1 && setMomentum(opt, 0.5));
    // step 2: m = 0.5·0.1 + 0.5·1 = 0.55, u = max(0.999·1, 1) = 1, w −= lr · m / (1 − 0.5²) / (u + eps)
    const w1 = -lr * (0.1 / (1 - 0.9)) / (1 + eps);
    expect(ws[0]).toBeCloseTo(w1, 7);
    expect(ws[1]).toBeCloseTo(w1 - (lr * (0.55 / 0.75)) / (1 + eps), 7);
  });
});

describe('RMSprop momentum', () => {
  it('takes effect: mom ← m·mom + lr·g/√(ms + eps); w ← w − mom', () => {
    const lr = 0.01, decay = 0.9, eps = 1e-8;
    const opt = tf.train.rmsprop(lr, decay, 0.9, eps);
    const ws = run(opt, [1, 1], (k) => k === 1 && setMomentum(opt, 0));
    const ms1 = 0.1, ms2 = decay * ms1 + 0.1;
    const mom1 = (lr * 1) / Math.sqrt(ms1 + eps);
    const mom2 = 0 * mom1 + (lr * 1) / Math.sqrt(ms2 + eps);
    expect(ws[0]).toBeCloseTo(-mom1, 6);
    expect(ws[1]).toBeCloseTo(-mom1 - mom2, 6);
  });
});
