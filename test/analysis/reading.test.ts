import { describe, expect, it } from 'vitest';
import { findDivergence, readCurve } from '../../src/analysis/reading.js';
import { initialLevel, lossScale } from '../../src/analysis/reading.js';
import { shapedCurve } from './synthetic.js';

const log = Math.log10;

describe('findDivergence', () => {
  it('finds the start of a jump, not the point where it crosses the threshold', () => {
    // scale = drop = 1.5: crosses 0.5 + 0.75 at index 7, traced back past 0.8 (> 0.1 scale above the minimum).
    expect(findDivergence([2, 1.5, 1, 0.5, 0.5, 0.5, 0.8, 1.5, 3, 9], { level: 2, noise: 0 })).toBe(6);
    // 0.6 is still within 0.1 scale of the minimum: the blow-up starts after it.
    expect(findDivergence([2, 1.5, 1, 0.5, 0.5, 0.5, 0.6, 1.5, 3, 9], { level: 2, noise: 0 })).toBe(7);
  });

  it('is null when the loss never rises far above its running minimum', () => {
    expect(findDivergence([2, 1.5, 1, 0.5, 0.55, 0.6, 0.7], { level: 2, noise: 0 })).toBeNull();
    expect(findDivergence([2, 2, 2, 2], { level: 2, noise: 0 })).toBeNull();
  });

  it('measures rises of a loss that never fell against its magnitude (and works below zero)', () => {
    expect(findDivergence([2, 2, 2, 2.01, 2.5], { level: 2, noise: 0 })).toBe(4);
    expect(findDivergence([2, 2, 2, 2.05, 2.5], { level: 2, noise: 0 })).toBe(3);
    expect(findDivergence([-5, -5, -5, -4], { level: -5, noise: 0 })).toBe(3);
    expect(findDivergence([-5, -5, -5, -4.9], { level: -5, noise: 0 })).toBeNull();
  });

  it('honours the threshold', () => {
    const values = [2, 1, 0, 0, 1.2, 1.2];
    expect(findDivergence(values, { level: 2, noise: 0 })).toBe(4);
    expect(findDivergence(values, { level: 2, noise: 0, threshold: 0.5 })).toBe(4);
    expect(findDivergence(values, { level: 2, noise: 0, threshold: 1 })).toBeNull();
  });
});

describe('readCurve', () => {
  it('finds the minimum before the divergence and the divergence where the blow-up starts', () => {
    const curve = shapedCurve({ noise: 0.05, seed: 3 });
    const reading = readCurve(curve);
    expect(reading.divergenceIndex).not.toBeNull();
    expect(Math.abs(log(curve.lrs[reading.divergenceIndex!]!) - -0.5)).toBeLessThan(0.2);
    const atMinimum = log(curve.lrs[reading.minimumIndex]!);
    expect(atMinimum).toBeGreaterThan(-1.6);
    expect(atMinimum).toBeLessThan(-0.5);
    expect(reading.smoothed).toHaveLength(curve.lrs.length);
    expect(reading.gradient).toHaveLength(curve.lrs.length);
  });

  it('reads the slope per decade', () => {
    const curve = shapedCurve({ blowUp: null });
    const reading = readCurve(curve);
    const middle = reading.lrs.findIndex((lr) => log(lr) > -2.75);
    expect(reading.gradient[middle]).toBeCloseTo(-2 / 2.5, 6);
    expect(reading.divergenceIndex).toBeNull();
  });

  it('ignores an isolated spike (median filter) for the divergence', () => {
    const curve = shapedCurve({ blowUp: null });
    curve.losses[60] = 50;
    expect(readCurve(curve).divergenceIndex).toBeNull();
    expect(readCurve(curve, { medianWindow: 1 }).divergenceIndex).toBe(60);
  });

  it('validates its options', () => {
    const curve = shapedCurve();
    expect(() => readCurve(curve, { medianWindow: 2 })).toThrow(/medianWindow must be an odd integer ≥ 1, got 2/);
    expect(() => readCurve(curve, { divergenceMargin: 0 })).toThrow(/divergenceMargin must be a positive number, got 0/);
    expect(() => readCurve(curve, { windowSize: 6 })).toThrow(/windowSize must be an odd integer/);
  });
});

describe('initialLevel and lossScale', () => {
  it('takes the median of the first 5% (at least 3 points)', () => {
    expect(initialLevel([5, 1, 3, 0, 0, 0])).toBe(3);
    expect(initialLevel([2])).toBe(2);
  });

  it('never returns a zero scale', () => {
    expect(lossScale(2.3, 0.3, 0.01)).toBeCloseTo(2, 12);
    expect(lossScale(2, 2, 0)).toBeCloseTo(0.2, 12);
    expect(lossScale(0, 0, 0.1)).toBeCloseTo(0.3, 12);
    expect(lossScale(0, 0, 0)).toBeGreaterThan(0);
  });
});
