import { describe, expect, it } from 'vitest';
import { AnalysisError } from '../../src/analysis/index.js';
import { prepareCurve } from '../../src/analysis/prepare.js';
import type { Curve } from '../../src/types.js';

const codeOf = (run: () => unknown): string | undefined => {
  try {
    run();
  } catch (error) {
    if (error instanceof AnalysisError) return error.code;
    throw error;
  }
  return undefined;
};

describe('prepareCurve', () => {
  it('keeps a clean curve as it is', () => {
    const curve = { lrs: [0.1, 1, 10], losses: [3, 2, 4] };
    expect(prepareCurve(curve)).toEqual({ curve, dropped: 0, cut: false, warnings: [] });
  });

  it('cuts at the first non-finite or overflowing loss, with a warning', () => {
    for (const bad of [NaN, Infinity, -Infinity, 1e200]) {
      const prepared = prepareCurve({ lrs: [1, 2, 3, 4], losses: [3, 2, bad, 1] });
      expect(prepared.curve).toEqual({ lrs: [1, 2], losses: [3, 2] });
      expect(prepared.cut).toBe(true);
      expect(prepared.warnings[0]).toMatch(/cut at step 2 \(loss .*\): analysed the 2 points before it/);
    }
  });

  it('cuts at a non-finite lr', () => {
    const prepared = prepareCurve({ lrs: [1, 2, NaN, 4], losses: [3, 2, 1, 1] });
    expect(prepared.curve.lrs).toEqual([1, 2]);
    expect(prepared.warnings[0]).toMatch(/lr NaN/);
  });

  it('drops leading points with lr ≤ 0 (a linear sweep from 0)', () => {
    const prepared = prepareCurve({ lrs: [0, 0.5, 1], losses: [3, 2, 1] });
    expect(prepared.curve).toEqual({ lrs: [0.5, 1], losses: [2, 1] });
    expect(prepared.dropped).toBe(1);
    expect(prepared.warnings[0]).toBe('dropped the first point: an lr ≤ 0 has no log scale');
    expect(prepareCurve({ lrs: [0, 0, 0.5, 1], losses: [3, 3, 2, 1] }).warnings[0]).toBe('dropped the first 2 points: an lr ≤ 0 has no log scale');
  });

  it('throws typed errors when there is nothing to analyse', () => {
    expect(codeOf(() => prepareCurve({ lrs: [1], losses: [2] }))).toBe('too-few-points');
    expect(codeOf(() => prepareCurve({ lrs: [], losses: [] }))).toBe('too-few-points');
    expect(codeOf(() => prepareCurve({ lrs: [1, 2], losses: [NaN, 1] }))).toBe('too-few-points');
    expect(codeOf(() => prepareCurve({ lrs: [1, 2], losses: [1] }))).toBe('invalid-curve');
    expect(codeOf(() => prepareCurve({ lrs: 'x' } as unknown as Curve))).toBe('invalid-curve');
    expect(codeOf(() => prepareCurve(null as unknown as Curve))).toBe('invalid-curve');
    expect(codeOf(() => prepareCurve({ lrs: [1, 3, 2], losses: [1, 1, 1] }))).toBe('lrs-not-increasing');
    expect(codeOf(() => prepareCurve({ lrs: [1, 1], losses: [1, 1] }))).toBe('lrs-not-increasing');
    expect(() => prepareCurve({ lrs: [1, 3, 2], losses: [1, 1, 1] })).toThrow(/lrs\[2\] = 2 follows 3/);
  });
});
