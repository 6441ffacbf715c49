import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  minimumRule, slideRule, steepRule, steepestRule, valleyRule,
} from '../../../src/analysis/index.js';
import type { Curve } from '../../../src/types.js';
import { log10Lrs } from '../synthetic.js';

const raw = { smoothing: 'none', skipStart: 0, skipEnd: 0 } as const;
const curveOf = (losses: number[]): Curve => ({ lrs: losses.length === 1 ? [1e-3] : log10Lrs(losses.length), losses });

/** fastai's valley exactly as written in fastai/callback/schedule.py: the O(n²) double loop. */
function naiveValley(losses: number[]): number {
  const n = losses.length;
  let maxStart = 0;
  let maxEnd = 0;
  const lds = new Array<number>(n).fill(1);
  for (let i = 1; i < n; i++) {
    for (let j = 0; j < i; j++) {
      if (losses[i]! < losses[j]! && lds[i]! < lds[j]! + 1) lds[i] = lds[j]! + 1;
      if (lds[maxEnd]! < lds[i]!) {
        maxEnd = i;
        maxStart = maxEnd - lds[maxEnd]!;
      }
    }
  }
  const sections = (maxEnd - maxStart) / 3;
  const idx = maxStart + Math.trunc(sections) + Math.trunc(sections / 2);
  return idx < 0 ? idx + n : idx;
}

describe('valleyRule', () => {
  it('picks the same index as the O(n²) original on any curve (ties included)', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 20 }), { minLength: 1, maxLength: 120 }), (ints) => {
        const losses = ints.map((v) => v / 4);
        expect(valleyRule(raw)(curveOf(losses)).index).toBe(naiveValley(losses));
      }),
      { numRuns: 300 },
    );
  });

  it('lands about half-way into the longest valley', () => {
    const losses = [5, 5, 5, 4, 3, 2, 1, 0, 5, 6];
    // lds peaks at index 7 (length 6, from index 2): start 1, sections 2 → 1 + 2 + 1 = 4
    expect(valleyRule(raw)(curveOf(losses)).index).toBe(4);
  });

  it('wraps a negative index like Python when the valley starts at the first point', () => {
    // [4, 3]: the valley is the whole curve, max_start = -1, idx = -1 + 0 + 0 → the last point.
    expect(valleyRule(raw)(curveOf([4, 3])).index).toBe(1);
    // No decrease at all: max_end never moves and max_start stays 0.
    expect(valleyRule(raw)(curveOf([3, 4])).index).toBe(0);
    expect(valleyRule(raw)(curveOf([7])).index).toBe(0);
  });
});

describe('slideRule', () => {
  it('walks left while the gradients lrDiff apart differ by more than thresh', () => {
    // Flat, then a steep linear fall from index 10: gradients differ across the kink only.
    const losses = Array.from({ length: 40 }, (_, i) => (i < 10 ? 2 : 2 - 0.05 * (i - 10)));
    const pick = slideRule({ ...raw, lrDiff: 5 })(curveOf(losses));
    // right end at 39: gradient -0.05 everywhere from 11 on; equal → stops at once: left = 34
    expect(pick.index).toBe(34);
    const bent = losses.map((v, i) => v + (i > 30 ? 0.01 * (i - 30) ** 2 : 0));
    expect(slideRule({ ...raw, lrDiff: 5 })(curveOf(bent)).index).toBeLessThan(34);
  });

  it('applies adjustValue and needs more than lrDiff points', () => {
    const losses = Array.from({ length: 30 }, (_, i) => 2 - i * 0.01);
    const curve = curveOf(losses);
    const base = slideRule(raw)(curve);
    expect(slideRule({ ...raw, adjustValue: 2 })(curve).lr).toBeCloseTo(base.lr! * 2, 12);
    const short = slideRule(raw)(curveOf(losses.slice(0, 15)));
    expect(short).toMatchObject({ lr: null, index: null });
    expect(short.warning).toMatch(/more than 15 points/);
  });
});

describe('minimumRule and steepRule', () => {
  it('minimum: a tenth of the lr at the first lowest loss', () => {
    const curve = curveOf([3, 2, 1, 1, 4]);
    expect(minimumRule(raw)(curve)).toEqual({ rule: 'minimum', lr: curve.lrs[2]! / 10, index: 2 });
  });

  it('steep: the left end of the steepest segment in ln(lr)', () => {
    const curve = curveOf([3, 2.9, 2.0, 1.9, 1.8]);
    expect(steepRule(raw)(curve)).toEqual({ rule: 'steep', lr: curve.lrs[1]!, index: 1 });
  });
});

describe('the cut of fastai lr_find and of pytorch-lr-finder', () => {
  const losses = Array.from({ length: 100 }, (_, i) => 3 - Math.tanh((i - 60) / 8));

  it("fastai drops numIter // 10 points first (the curve's length by default) and 5 at the end", () => {
    expect(minimumRule({ smoothing: 'none' })(curveOf(losses)).index).toBe(94);
    expect(minimumRule({ smoothing: 'none', numIter: 100 })(curveOf(losses.slice(0, 50))).index).toBe(44);
    expect(minimumRule({ smoothing: 'none', skipStart: 96 })(curveOf(losses))).toMatchObject({ lr: null });
  });

  it('stops at the first non-finite loss in the window, as lr_find does with NaN', () => {
    const broken = [...losses];
    broken[70] = NaN;
    expect(minimumRule({ smoothing: 'none' })(curveOf(broken)).index).toBe(69);
    // fastai's EMA carries the NaN on, so smoothing first gives the same cut.
    expect(minimumRule()(curveOf(broken)).index).toBeLessThanOrEqual(69);
  });

  it('steepest skips 10 and 5 points and needs 2 left', () => {
    const pick = steepestRule({ smoothing: 'none' })(curveOf(losses));
    expect(pick.index).toBe(60);
    expect(steepestRule()(curveOf(losses.slice(0, 16)))).toMatchObject({ lr: null, index: null });
    expect(steepestRule({ skipStart: 0, skipEnd: 0 })(curveOf([1, 0])).index).toBe(0);
  });
});

describe('peer rules never throw', () => {
  it('on garbage input they return a null pick', () => {
    const rules = [steepestRule(), valleyRule(), slideRule(), minimumRule(), steepRule()];
    const garbage = [
      { lrs: [], losses: [] },
      { lrs: [1, 2], losses: [1] },
      null,
      { lrs: 'x', losses: 3 },
    ] as unknown as Curve[];
    for (const rule of rules) {
      for (const curve of garbage) {
        const pick = rule(curve);
        expect(pick.lr).toBeNull();
        expect(pick.warning).toBeTypeOf('string');
      }
    }
  });

  it('validate their options eagerly', () => {
    expect(() => steepestRule({ skipStart: -1 })).toThrow(/skipStart must be an integer ≥ 0, got -1/);
    expect(() => valleyRule({ numIter: 0 })).toThrow(/numIter must be an integer ≥ 1, got 0/);
    expect(() => slideRule({ thresh: -1 })).toThrow(/thresh must be ≥ 0, got -1/);
    expect(() => slideRule({ adjustValue: 0 })).toThrow(/adjustValue must be a positive number, got 0/);
    expect(() => steepRule({ smoothing: 'ema' as 'none' })).toThrow(/smoothing must be/);
  });
});
