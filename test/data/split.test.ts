import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { canonicalSplit, gatherLabels, gatherRows, randomSplit, takeSubset } from '../../src/data/split.js';
import { applyScaling, fitScaling } from '../../src/data/normalize.js';

describe('randomSplit', () => {
  it('partitions 0..n-1 into disjoint, non-empty train and validation sets of the rounded sizes', () => {
    fc.assert(
      fc.property(fc.integer({ min: 2, max: 300 }), fc.integer(), fc.double({ min: 0.01, max: 0.99, noNaN: true }), (n, seed, f) => {
        const held = Math.round(n * f);
        fc.pre(held >= 1 && held <= n - 1);
        const { train, validation } = randomSplit(n, seed, f, 'x');
        expect(validation.length).toBe(held);
        expect(train.length).toBe(n - held);
        const all = [...train, ...validation].sort((a, b) => a - b);
        expect(all).toEqual(Array.from({ length: n }, (_, i) => i));
      }),
      { numRuns: 100 },
    );
  });

  it('repeats for a seed and changes with it', () => {
    const a = randomSplit(100, 7, 0.2, 'x');
    expect([...randomSplit(100, 7, 0.2, 'x').validation]).toEqual([...a.validation]);
    expect([...randomSplit(100, 8, 0.2, 'x').validation]).not.toEqual([...a.validation]);
  });

  it('refuses a fraction that would empty a split, naming the data', () => {
    expect(() => randomSplit(3, 0, 0.1, 'tiny.csv')).toThrow(
      new RangeError('validationFraction must leave both splits non-empty for 3 examples of tiny.csv, got 0.1'),
    );
    expect(() => randomSplit(3, 0, 0.9, 'x')).toThrow(RangeError);
  });
});

describe('canonicalSplit and takeSubset', () => {
  it('shuffles each stored set on its own', () => {
    const { train, validation } = canonicalSplit(50, 10, 3);
    expect([...train].sort((a, b) => a - b)).toEqual(Array.from({ length: 50 }, (_, i) => i));
    expect([...validation].sort((a, b) => a - b)).toEqual(Array.from({ length: 10 }, (_, i) => i));
  });

  it('takes nested prefixes and refuses more than there is', () => {
    const order = Int32Array.from([4, 2, 0, 1, 3]);
    expect([...takeSubset(order, 2, 'trainSize', 'x')]).toEqual([4, 2]);
    expect(takeSubset(order, undefined, 'trainSize', 'x')).toBe(order);
    expect(() => takeSubset(order, 6, 'trainSize', 'the training split of x')).toThrow(
      new RangeError('trainSize must be ≤ 5 (the size of the training split of x), got 6'),
    );
  });
});

describe('gatherRows / gatherLabels', () => {
  it('copies the chosen rows in order, scaled', () => {
    const src = Uint8Array.from([0, 1, 10, 11, 20, 21]);
    expect([...gatherRows(src, 2, Int32Array.from([2, 0]), 0.5)]).toEqual([10, 10.5, 0, 0.5]);
    expect([...gatherRows(Float32Array.from(src), 2, Int32Array.from([1]))]).toEqual([10, 11]);
    expect([...gatherLabels([7, 8, 9], Int32Array.from([2, 2, 0]))]).toEqual([9, 9, 7]);
  });
});

describe('fitScaling / applyScaling', () => {
  const train = Float32Array.from([0, 5, 2, 5, 4, 5]); // column 0: 0, 2, 4; column 1 constant

  it('min-max maps training columns onto [0, 1] and constant columns to 0', () => {
    const x = Float32Array.from(train);
    applyScaling(x, fitScaling(train, 2, 'min-max'));
    expect([...x]).toEqual([0, 0, 0.5, 0, 1, 0]);
    const other = Float32Array.from([6, 7]);
    applyScaling(other, fitScaling(train, 2, 'min-max'));
    expect([...other]).toEqual([1.5, 0]);
  });

  it('z-score gives mean 0 and standard deviation 1 on the training rows', () => {
    const x = Float32Array.from(train);
    applyScaling(x, fitScaling(train, 2, 'z-score'));
    const s = Math.sqrt(8 / 3);
    [-2 / s, 0, 0, 0, 2 / s, 0].forEach((v, i) => expect(x[i]).toBeCloseTo(v, 6));
  });

  it('none leaves values alone', () => {
    const x = Float32Array.from(train);
    applyScaling(x, fitScaling(train, 2, 'none'));
    expect([...x]).toEqual([...train]);
  });
});
