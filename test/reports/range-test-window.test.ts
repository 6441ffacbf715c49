import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { curveWindow, niceTicks, smoothedPieces } from '../../reports/range-test-window.js';

describe('niceTicks', () => {
  it('gives round values 1, 2 or 5 × a power of ten apart, inside the window', () => {
    expect(niceTicks(1.55, 3.45, 10)).toEqual([1.6, 1.8, 2, 2.2, 2.4, 2.6, 2.8, 3, 3.2, 3.4]);
    expect(niceTicks(0, 1, 5)).toEqual([0, 0.2, 0.4, 0.6, 0.8, 1]);
    expect(niceTicks(2.24, 2.35, 10)).toEqual([2.24, 2.26, 2.28, 2.3, 2.32, 2.34]);
  });

  it('never leaves [lo, hi] and always gives at least one tick', () => {
    fc.assert(
      fc.property(fc.double({ min: -100, max: 100, noNaN: true }), fc.double({ min: 1e-3, max: 100, noNaN: true }), (lo, span) => {
        const ticks = niceTicks(lo, lo + span, 8);
        expect(ticks.length).toBeGreaterThan(0);
        for (const t of ticks) {
          expect(t).toBeGreaterThanOrEqual(lo - span * 1e-6);
          expect(t).toBeLessThanOrEqual(lo + span * (1 + 1e-6));
        }
      }),
    );
  });
});

describe('smoothedPieces', () => {
  it('ends the line exactly on the window\'s top where it crosses it (log-lr interpolation), and restarts it there', () => {
    const lrs = [1e-3, 1e-2, 1e-1, 1];
    const pts = smoothedPieces(lrs, [1, 3, 1, 1], 0, 2);
    expect(pts.map((p) => [p.loss, p.piece])).toEqual([[1, 0], [2, 0], [2, 1], [1, 1], [1, 1]]);
    // Halfway in loss is halfway in log lr: 10^-2.5 on the way up, 10^-1.5 on the way down.
    expect(pts[1]!.lr).toBeCloseTo(10 ** -2.5, 12);
    expect(pts[2]!.lr).toBeCloseTo(10 ** -1.5, 12);
  });

  it('breaks the line at a non-finite value without inventing an end point', () => {
    const pts = smoothedPieces([1, 2, 3, 4], [1, Number.NaN, 1, 1], 0, 2);
    expect(pts.map((p) => [p.lr, p.piece])).toEqual([[1, 0], [3, 1], [4, 1]]);
  });
});

describe('curveWindow', () => {
  it('counts the losses above the window, and none when the window holds them all', () => {
    const curve = { lrs: [1, 2, 3, 4], losses: [2, 2.1, 1.5, 9] };
    const w = curveWindow({ curve, smoothedLosses: [2, 2, 1.6, 5], divergenceIndex: 3, aggregate: undefined }, 1.5);
    expect(w.top).toBe(3);
    // Headroom above the highest drawn loss, so its point is drawn whole.
    expect(w.hi).toBeCloseTo(3 + 0.03 * (3 - w.lo), 12);
    expect(w.cut).toEqual({ count: 2, highest: 9 });
    const calm = curveWindow({ curve: { lrs: [1, 2], losses: [2, 1.8] }, smoothedLosses: [2, 1.9], divergenceIndex: null, aggregate: undefined }, 1.5);
    expect(calm.cut).toBeNull();
    expect(calm.top).toBe(2);
  });

  it('lets no raw loss after the divergence stretch the axis: the window ends at the smoothed curve', () => {
    // Stopped during the probes: the sweep diverged, its raw tail scatters up to 3.3, the curve peaks at 2.4.
    const curve = { lrs: [1, 2, 3, 4, 5], losses: [2, 1.5, 1.4, 2.0, 3.3] };
    const w = curveWindow({ curve, smoothedLosses: [2, 1.6, 1.45, 1.9, 2.4], divergenceIndex: 3, aggregate: undefined }, 1.5);
    expect(w.top).toBe(2.4);
    expect(w.cut).toEqual({ count: 1, highest: 3.3 });
  });
});
