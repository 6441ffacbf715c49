import { describe, expect, it } from 'vitest';
import {
  constant,
  cosine,
  cosineAnnealing,
  cyclic,
  exponential,
  exponentialDecay,
  join,
  linear,
  sgdr,
  stepDecay,
} from '../../src/schedules/index.js';
import { MAX_STEP, normalizeStep } from '../../src/schedules/step.js';

describe('normalizeStep', () => {
  it('reads negative steps and NaN as 0 and clamps huge steps', () => {
    expect(normalizeStep(-5)).toBe(0);
    expect(normalizeStep(Number.NaN)).toBe(0);
    expect(normalizeStep(Number.NEGATIVE_INFINITY)).toBe(0);
    expect(normalizeStep(Number.POSITIVE_INFINITY)).toBe(MAX_STEP);
    expect(normalizeStep(2.5)).toBe(2.5);
  });
});

describe('annealers', () => {
  it('linear goes from → to over steps, then holds', () => {
    const s = linear({ from: 1, to: 3, steps: 4 });
    expect([0, 1, 2, 4, 10].map(s)).toEqual([1, 1.5, 2, 3, 3]);
    expect(s(-3)).toBe(1);
  });
  it('cosine hits the midpoint at half way', () => {
    const s = cosine({ from: 1, to: 0, steps: 10 });
    expect(s(0)).toBe(1);
    expect(s(5)).toBeCloseTo(0.5, 15);
    expect(s(10)).toBe(0);
    expect(s(1e6)).toBe(0);
  });
  it('exponential interpolates geometrically', () => {
    const s = exponential({ from: 1, to: 0.01, steps: 2 });
    expect(s(1)).toBeCloseTo(0.1, 15);
    expect(s(2)).toBeCloseTo(0.01, 15);
    expect(s(3)).toBeCloseTo(0.01, 15);
  });
  it('constant is constant', () => {
    expect([0, 5, -1, 1e20].map(constant(0.3))).toEqual([0.3, 0.3, 0.3, 0.3]);
  });
  it('validate eagerly, naming argument and value', () => {
    expect(() => linear({ from: 0, to: 1, steps: 0 })).toThrow(new RangeError('steps must be a finite number > 0, got 0'));
    expect(() => cosine({ from: Number.NaN, to: 1, steps: 3 })).toThrow('from must be a finite number, got NaN');
    expect(() => exponential({ from: 0, to: 1, steps: 3 })).toThrow('from must be a finite number > 0, got 0');
    expect(() => constant(Infinity)).toThrow('value must be a finite number, got Infinity');
  });
});

describe('PyTorch-style decays', () => {
  it('stepDecay multiplies by gamma every stepSize steps (floors fractional steps)', () => {
    const s = stepDecay({ baseLr: 1, stepSize: 3, gamma: 0.5 });
    expect([0, 2, 2.9, 3, 6, 8].map(s)).toEqual([1, 1, 1, 0.5, 0.25, 0.25]);
    expect(stepDecay({ baseLr: 1, stepSize: 1 })(1)).toBeCloseTo(0.1, 15); // default gamma 0.1
  });
  it('exponentialDecay is baseLr·gamma^t and underflows to 0, never NaN', () => {
    const s = exponentialDecay({ baseLr: 2, gamma: 0.5 });
    expect(s(3)).toBe(0.25);
    expect(s(Number.MAX_SAFE_INTEGER)).toBe(0);
    expect(s(Infinity)).toBe(0);
  });
  it('cosineAnnealing holds etaMin after tMax', () => {
    const s = cosineAnnealing({ baseLr: 1, tMax: 10, etaMin: 0.1 });
    expect(s(10)).toBeCloseTo(0.1, 15);
    expect(s(15)).toBeCloseTo(0.1, 15);
  });
  it('sgdr restarts with growing cycles', () => {
    const s = sgdr({ baseLr: 1, t0: 2, tMult: 2 });
    // cycles: [0,2), [2,6), [6,14)
    expect([0, 2, 6, 14].map(s)).toEqual([1, 1, 1, 1]);
    expect(s(4)).toBeCloseTo(0.5, 15); // half way through the 4-step cycle
    expect(Number.isFinite(s(Number.MAX_SAFE_INTEGER))).toBe(true);
    expect(() => sgdr({ baseLr: 1, t0: 2, tMult: 1.5 })).toThrow('tMult must be an integer ≥ 1, got 1.5');
  });
  it('cyclic triangular2 halves the amplitude each cycle', () => {
    const s = cyclic({ baseLr: 0, maxLr: 1, stepSizeUp: 2, mode: 'triangular2' });
    expect([0, 1, 2, 3, 4, 6, 10].map(s)).toEqual([0, 0.5, 1, 0.5, 0, 0.5, 0.25]);
    expect(() => cyclic({ baseLr: 1, maxLr: 0.5 })).toThrow('maxLr must be ≥ baseLr (1), got 0.5');
    expect(() => cyclic({ baseLr: 0, maxLr: 1, mode: 'saw' as 'triangular' })).toThrow(
      `mode must be one of 'triangular', 'triangular2', 'exp_range', got "saw"`,
    );
  });
  it('decay gammas must be in (0, 1]', () => {
    expect(() => stepDecay({ baseLr: 1, stepSize: 2, gamma: 1.5 })).toThrow('gamma must be in (0, 1], got 1.5');
    expect(() => exponentialDecay({ baseLr: 1, gamma: 0 })).toThrow('gamma must be in (0, 1], got 0');
    expect(() => stepDecay({ baseLr: 1, stepSize: 2.5 })).toThrow('stepSize must be an integer ≥ 1, got 2.5');
  });
});

describe('join', () => {
  it('re-bases the step at every boundary', () => {
    const s = join([constant(1), (t) => 10 + t, (t) => 100 + t], [2, 5]);
    expect([0, 1, 2, 4, 5, 7].map(s)).toEqual([1, 1, 10, 12, 100, 102]);
  });
  it('reads negative steps as 0 and accepts fractional or negative boundaries', () => {
    const s = join([(t) => t, (t) => 100 + t], [-0.5]);
    expect(s(-3)).toBe(100.5);
    expect(s(1.5)).toBe(102);
  });
  it('validates shapes and order', () => {
    expect(() => join([], [])).toThrow('schedules must be a non-empty array of schedules');
    expect(() => join([constant(1), constant(2)], [])).toThrow('boundaries must be an array of 1 numbers');
    expect(() => join([constant(1), constant(2), constant(3)], [5, 3])).toThrow('boundaries[1] must be ≥ boundaries[0] (5), got 3');
    expect(() => join([constant(1), constant(2)], [Number.NaN])).toThrow('boundaries[0] must be a finite number, got NaN');
  });
});
