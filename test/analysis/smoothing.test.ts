import { describe, expect, it } from 'vitest';
import { emaSmooth, pytorchLrFinderSmooth } from '../../src/analysis/index.js';
import { medianFilter } from '../../src/analysis/smoothing.js';
import { PEER_CURVES, loadPeerCurve } from './peer-fixtures.js';

describe('emaSmooth (fastai recorder)', () => {
  it('is bias-corrected: a constant stays constant from the first point', () => {
    expect(emaSmooth([3, 3, 3, 3])).toEqual([3, 3, 3, 3].map((v) => expect.closeTo(v, 12)));
  });

  it('follows avg = β·avg + (1-β)·x, out = avg / (1 - β^(i+1))', () => {
    const beta = 0.5;
    // avg: 0.5, 1.25, 0.625 → out: 0.5/0.5, 1.25/0.75, 0.625/0.875
    expect(emaSmooth([1, 2, 0], beta)).toEqual([1, 1.25 / 0.75, 0.625 / 0.875].map((v) => expect.closeTo(v, 12)));
  });

  it('with β = 0 returns the losses', () => {
    expect(emaSmooth([1, 5, 2], 0)).toEqual([1, 5, 2]);
  });

  it.each(PEER_CURVES)('reproduces fastai_smoothed_loss of %s', (name) => {
    const curve = loadPeerCurve(name);
    const ours = emaSmooth(curve.raw);
    ours.forEach((v, i) => expect(v).toBeCloseTo(curve.fastai[i]!, 6));
  });

  it('rejects β outside [0, 1)', () => {
    expect(() => emaSmooth([1], 1)).toThrow(/beta must be in \[0, 1\), got 1/);
    expect(() => emaSmooth([1], -0.1)).toThrow(RangeError);
    expect(() => emaSmooth([1], NaN)).toThrow(RangeError);
  });
});

describe('pytorchLrFinderSmooth', () => {
  it('starts at the first loss and is not bias-corrected', () => {
    expect(pytorchLrFinderSmooth([2, 4], 0.5)).toEqual([2, 3]);
    expect(pytorchLrFinderSmooth([2, 4, 4], 0.05)[1]).toBeCloseTo(0.05 * 4 + 0.95 * 2, 12);
  });

  it('with smoothF = 0 returns the losses, as pytorch-lr-finder skips smoothing', () => {
    expect(pytorchLrFinderSmooth([1, 5, 2], 0)).toEqual([1, 5, 2]);
  });

  it.each(PEER_CURVES)('reproduces torchlrfinder_smoothed_loss of %s', (name) => {
    const curve = loadPeerCurve(name);
    const ours = pytorchLrFinderSmooth(curve.raw);
    ours.forEach((v, i) => expect(v).toBeCloseTo(curve.torch[i]!, 9));
  });

  it('rejects smoothF outside [0, 1)', () => {
    expect(() => pytorchLrFinderSmooth([1], 1.5)).toThrow(/smoothF must be in \[0, 1\), got 1.5/);
  });
});

describe('medianFilter', () => {
  it('removes an isolated spike and keeps a step', () => {
    expect(medianFilter([1, 1, 1, 90, 1, 1, 1], 5)).toEqual([1, 1, 1, 1, 1, 1, 1]);
    expect(medianFilter([1, 1, 1, 1, 5, 5, 5, 5], 5)).toEqual([1, 1, 1, 1, 5, 5, 5, 5]);
  });

  it('shrinks the window symmetrically at the ends (no lag, ends kept)', () => {
    expect(medianFilter([9, 1, 2, 3, 0], 5)).toEqual([9, 2, 2, 2, 0]);
  });

  it('with window 1 returns the values; empty stays empty', () => {
    expect(medianFilter([3, 1, 2], 1)).toEqual([3, 1, 2]);
    expect(medianFilter([], 5)).toEqual([]);
  });

  it('rejects even or non-positive windows', () => {
    expect(() => medianFilter([1], 4)).toThrow(/window must be an odd integer ≥ 1, got 4/);
    expect(() => medianFilter([1], 0)).toThrow(RangeError);
  });
});
