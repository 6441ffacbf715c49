import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { hasDiverged, initialRecorderState, recordLoss, type RecorderState } from '../../src/range-test/recorder.js';

const peerCurve = fileURLToPath(new URL('../fixtures/peer-curves/digits_mlp_sgd.csv', import.meta.url));

function feed(losses: number[], beta = 0.98, threshold = 4) {
  let state: RecorderState = initialRecorderState;
  const smoothed: number[] = [];
  for (const [i, loss] of losses.entries()) {
    const { state: next, verdict } = recordLoss(state, loss, beta, threshold);
    if (verdict === 'non-finite loss') return { state, smoothed, stoppedAt: i, verdict };
    state = next;
    smoothed.push(state.smoothed);
    if (verdict === 'diverged') return { state, smoothed, stoppedAt: i, verdict };
  }
  return { state, smoothed, stoppedAt: null, verdict: 'continue' as const };
}

describe('recordLoss', () => {
  it("matches fastai's bias-corrected EMA on a real curve", () => {
    const rows = readFileSync(peerCurve, 'utf8').trim().split('\n').slice(1).map((r) => r.split(',').map(Number));
    const { smoothed } = feed(rows.map((r) => r[2]!), 0.98, Infinity);
    rows.forEach((r, i) => expect(smoothed[i]).toBeCloseTo(r[4]!, 12));
  });

  it('the first smoothed value is the first loss (bias correction)', () => {
    expect(feed([3]).smoothed[0]).toBeCloseTo(3, 15);
    expect(feed([2, 2, 2]).smoothed.every((s) => Math.abs(s - 2) < 1e-12)).toBe(true);
  });

  it('tracks the best smoothed loss and its index', () => {
    const { state } = feed([5, 1, 1, 1, 3, 3], 0, Infinity);
    expect(state.best).toBe(1);
    expect(state.bestIndex).toBe(1);
  });

  it("stops when the smoothed loss exceeds 4 × best (fastai's rule for positive losses)", () => {
    const { stoppedAt, verdict } = feed([1, 0.5, 1, 1.9, 2.1, 3], 0);
    expect(verdict).toBe('diverged');
    expect(stoppedAt).toBe(4);
  });

  it('still stops when losses are negative or zero', () => {
    // Down from 0 to -10, then back up: the rise is measured against max(|best|, first - best) = 10,
    // so with threshold 4 it stops once the loss is more than 30 above the best.
    const negative = feed([0, -5, -10, -10, 0, 10, 20, 40], 0);
    expect(negative.verdict).toBe('diverged');
    expect(negative.stoppedAt).toBe(7);
    // All-zero losses give no scale: one unit is used, so a jump to 5 stops and a 1e-9 wobble does not.
    const zero = feed([0, 0, 0, 1e-9, 5], 0);
    expect(zero.verdict).toBe('diverged');
    expect(zero.stoppedAt).toBe(4);
  });

  it("avoids fastai's failure with a negative best: 4 × best is below best, so it would stop at once", () => {
    expect(-9 > 4 * -10).toBe(true);
    expect(hasDiverged(-9, -10, 0, 4)).toBe(false);
    expect(hasDiverged(-10 + 30.001, -10, 0, 4)).toBe(true);
  });

  it('Infinity turns the divergence stop off', () => {
    expect(feed([1, 100, 1e6, 1e12], 0, Infinity).verdict).toBe('continue');
  });

  it('stops at once on NaN or ±Inf without recording it', () => {
    for (const bad of [NaN, Infinity, -Infinity]) {
      const { verdict, stoppedAt, smoothed } = feed([1, 0.9, bad, 0.5], 0.98, Infinity);
      expect(verdict).toBe('non-finite loss');
      expect(stoppedAt).toBe(2);
      expect(smoothed).toHaveLength(2);
    }
  });
});
