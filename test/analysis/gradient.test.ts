import { describe, expect, it } from 'vitest';
import { numpyGradient } from '../../src/analysis/gradient.js';
import { uniformStep } from '../../src/analysis/gradient.js';

const f = [1, 4, 9, 16, 25, 36, 30, 10];

describe('numpyGradient', () => {
  it('matches numpy.gradient with unit spacing', () => {
    expect(numpyGradient(f)).toEqual([3, 4, 6, 8, 10, 2.5, -13, -20]);
  });

  it('matches numpy.gradient with uneven coordinates (second order inside)', () => {
    const x = [0, 1, 1.5, 3, 3.2, 4, 6, 7];
    const want = [3.0, 7.666666666666667, 8.666666666666666, 40.25490196078427, 38.74999999999996, 8.964285714285719, -14.333333333333334, -20.0];
    numpyGradient(f, x).forEach((v, i) => expect(v).toBeCloseTo(want[i]!, 10));
  });

  it('uses the spacing of even coordinates', () => {
    expect(numpyGradient([0, 1, 4], [0, 2, 4])).toEqual([0.5, 1, 1.5]);
  });

  it('gives zeros below 2 points and checks lengths', () => {
    expect(numpyGradient([5])).toEqual([0]);
    expect(numpyGradient([])).toEqual([]);
    expect(() => numpyGradient([1, 2], [1])).toThrow(/x must have 2 values like values, got 1/);
  });
});

describe('uniformStep', () => {
  it('returns the mean step of evenly spaced values, null otherwise', () => {
    expect(uniformStep([1, 2, 3, 4])).toBe(1);
    expect(uniformStep([1, 2, 3.5])).toBeNull();
    expect(uniformStep([1, 2, 3.0001], 1e-3)).toBeCloseTo(1.00005, 10);
    expect(uniformStep([1])).toBeNull();
    expect(uniformStep([1, 1])).toBeNull();
  });
});
