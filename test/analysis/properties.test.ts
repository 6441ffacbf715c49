// Robustness: whatever the curve, analyzeCurve returns finite numbers (with warnings) or throws a
// typed AnalysisError; it never throws anything else and never returns NaN.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { AnalysisError, analyzeCurve } from '../../src/analysis/index.js';
import type { Analysis, Curve } from '../../src/types.js';

const CODES = ['invalid-curve', 'too-few-points', 'lrs-not-increasing', 'no-runs'];

/** Every number anywhere in the value, with its path. */
function numbersIn(value: unknown, path = 'analysis', out: [string, number][] = []): [string, number][] {
  if (typeof value === 'number') out.push([path, value]);
  else if (Array.isArray(value)) value.forEach((item, i) => numbersIn(item, `${path}[${i}]`, out));
  else if (value !== null && typeof value === 'object') {
    for (const [key, item] of Object.entries(value)) numbersIn(item, `${path}.${key}`, out);
  }
  return out;
}

function check(analysis: Analysis): void {
  for (const [path, v] of numbersIn(analysis)) {
    if (!Number.isFinite(v)) throw new Error(`${path} is ${v}`);
  }
  const n = analysis.curve.lrs.length;
  expect(analysis.smoothedLosses).toHaveLength(n);
  expect(analysis.gradient).toHaveLength(n);
  expect(analysis.regions[0]!.startIndex).toBe(0);
  expect(analysis.regions[analysis.regions.length - 1]!.endIndex).toBe(n - 1);
  expect(analysis.minimumIndex).toBeGreaterThanOrEqual(0);
  expect(analysis.minimumIndex).toBeLessThan(n);
  const r = analysis.curveBounds;
  // No bounds without a good region, and then the warnings say why; never contradicting warnings.
  if (r === null) expect(analysis.warnings.some((w) => /so there are no bounds|too few points/.test(w))).toBe(true);
  else {
    expect(analysis.regions.some((region) => region.kind === 'good')).toBe(true);
    expect(r.maxLr).toBeGreaterThan(0);
    expect(r.minLr).toBeLessThanOrEqual(r.maxLr);
    expect(r.confidence).toBeGreaterThanOrEqual(0);
    expect(r.confidence).toBeLessThanOrEqual(1);
  }
  const said = (pattern: RegExp): boolean => analysis.warnings.some((w) => pattern.test(w));
  expect(said(/never decreased/) && said(/still falling/)).toBe(false);
  for (const s of Object.values(analysis.picks)) {
    if (s.lr !== null) expect(s.lr).toBeGreaterThan(0);
    else expect(s.warning).toBeTypeOf('string');
  }
}

function analyzeSafely(input: Curve | Curve[]): void {
  let analysis: Analysis;
  try {
    analysis = analyzeCurve(input);
  } catch (error) {
    if (!(error instanceof AnalysisError)) throw error;
    expect(CODES).toContain(error.code);
    expect(error.message).not.toContain('\n');
    return;
  }
  check(analysis);
}

const sweep = (n: number, start: number, factor: number): number[] =>
  Array.from({ length: n }, (_, i) => start * Math.pow(factor, i));

const special = fc.constantFrom(NaN, Infinity, -Infinity, 1e150, -1e150);
const finite = fc.double({ min: -1e6, max: 1e6, noNaN: true });
const shapes = {
  random: (n: number) => fc.array(finite, { minLength: n, maxLength: n }),
  constant: (n: number) => finite.map((v) => new Array<number>(n).fill(v)),
  monotone: (n: number) => fc.tuple(finite, fc.double({ min: -10, max: 10, noNaN: true })).map(([a, b]) => sweep(n, 1, 1).map((_, i) => a + b * i)),
  spiky: (n: number) =>
    fc.tuple(fc.array(fc.double({ min: 0, max: 3, noNaN: true }), { minLength: n, maxLength: n }), fc.array(fc.nat({ max: Math.max(0, n - 1) }), { maxLength: 5 }))
      .map(([base, spikes]) => { const out = [...base]; for (const i of spikes) if (i < n) out[i] = 1e6; return out; }),
  negative: (n: number) => fc.array(fc.double({ min: -1e3, max: -1e-3, noNaN: true }), { minLength: n, maxLength: n }),
  tiny: (n: number) => fc.array(fc.double({ min: -1e-300, max: 1e-300, noNaN: true }), { minLength: n, maxLength: n }),
  nonFinite: (n: number) =>
    fc.tuple(fc.array(finite, { minLength: n, maxLength: n }), fc.array(fc.tuple(fc.nat({ max: Math.max(0, n - 1) }), special), { maxLength: 4 }))
      .map(([base, holes]) => { const out = [...base]; for (const [i, v] of holes) if (i < n) out[i] = v; return out; }),
};

const curveArb = fc.oneof(
  ...Object.values(shapes).map((shape) =>
    fc.tuple(fc.integer({ min: 0, max: 120 }), fc.double({ min: 1e-9, max: 1, noNaN: true }), fc.double({ min: 1.001, max: 3, noNaN: true }))
      .chain(([n, start, factor]) => shape(n).map((losses): Curve => ({ lrs: sweep(n, start, factor), losses }))),
  ),
);

describe('analyzeCurve never fails unlabelled and never returns NaN', () => {
  it('on single curves of every kind', () => {
    fc.assert(fc.property(curveArb, (curve) => analyzeSafely(curve)), { numRuns: 400 });
  });

  it('on very short curves (0–5 points)', () => {
    const short = fc.integer({ min: 0, max: 5 }).chain((n) =>
      fc.array(fc.oneof(finite, special), { minLength: n, maxLength: n }).map((losses): Curve => ({ lrs: sweep(n, 1e-4, 10), losses })));
    fc.assert(fc.property(short, (curve) => analyzeSafely(curve)), { numRuns: 300 });
  });

  it('on several runs', () => {
    fc.assert(fc.property(fc.array(curveArb, { minLength: 0, maxLength: 4 }), (runs) => analyzeSafely(runs)), { numRuns: 150 });
  });

  it('on linear sweeps from 0 and unsorted or malformed lrs', () => {
    const linear = fc.tuple(fc.integer({ min: 2, max: 80 }), fc.double({ min: 1e-4, max: 1, noNaN: true }))
      .chain(([n, step]) => shapes.random(n).map((losses): Curve => ({ lrs: losses.map((_, i) => i * step), losses })));
    fc.assert(fc.property(linear, (curve) => analyzeSafely(curve)), { numRuns: 150 });
    const messy = fc.record({
      lrs: fc.array(fc.oneof(fc.double({ noNaN: false }), special), { maxLength: 20 }),
      losses: fc.array(fc.oneof(finite, special), { maxLength: 20 }),
    });
    fc.assert(fc.property(messy, (curve) => analyzeSafely(curve)), { numRuns: 200 });
  });

  it('on curves that are not curves at all', () => {
    for (const bad of [null, undefined, 3, 'x', {}, { lrs: [1, 2] }, { lrs: 'ab', losses: 'cd' }]) {
      analyzeSafely(bad as unknown as Curve);
    }
  });
});
