import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { classifyRegions } from '../../src/analysis/index.js';
import type { Region } from '../../src/types.js';
import { log10Lrs, shapedCurve } from './synthetic.js';

const log = Math.log10;
const kinds = (regions: Region[]): string[] => regions.map((r) => r.kind);

function expectCover(regions: Region[], n: number): void {
  expect(regions[0]!.startIndex).toBe(0);
  expect(regions[regions.length - 1]!.endIndex).toBe(n - 1);
  regions.forEach((region, i) => {
    expect(region.startIndex).toBeLessThanOrEqual(region.endIndex);
    if (i > 0) expect(region.startIndex).toBe(regions[i - 1]!.endIndex + 1);
    expect(region.minLr).toBeLessThanOrEqual(region.maxLr);
  });
  const order = ['too-small', 'good', 'too-large'];
  const seen = kinds(regions).map((kind) => order.indexOf(kind));
  expect(seen).toEqual([...seen].sort((a, b) => a - b));
  expect(new Set(seen).size).toBe(seen.length);
}

describe('classifyRegions on hand-built curves', () => {
  it.each([
    { label: 'clean', noise: 0, n: 100 },
    { label: 'noisy', noise: 0.08, n: 100 },
    { label: 'long and noisy', noise: 0.15, n: 400 },
  ])('finds the good stretch of a $label curve (known: falls 1e-4 … 3e-2, flat, rises from 0.3)', ({ noise, n }) => {
    const curve = shapedCurve({ n, noise, seed: 7 });
    const regions = classifyRegions(curve);
    expectCover(regions, n);
    expect(kinds(regions)).toEqual(['too-small', 'good', 'too-large']);
    const good = regions[1]!;
    expect(Math.abs(log(good.minLr) - -4)).toBeLessThan(0.5);
    // The flat bottom is good up to where the rise starts; too-large begins there.
    expect(Math.abs(log(good.maxLr) - -0.5)).toBeLessThan(0.25);
    expect(Math.abs(log(regions[2]!.minLr) - -0.5)).toBeLessThan(0.25);
  });

  it('moves with the curve: a later descent gives a later good region', () => {
    const good = classifyRegions(shapedCurve({ fallStart: -2, fallEnd: -1, blowUp: 0 })).find((r) => r.kind === 'good')!;
    expect(Math.abs(log(good.minLr) - -2)).toBeLessThan(0.5);
    expect(Math.abs(log(good.maxLr) - 0)).toBeLessThan(0.25);
  });

  it('merges a pause inside a descent, but not a rise', () => {
    const lrs = log10Lrs(120);
    const pause = lrs.map((lr) => {
      const x = log(lr);
      if (x < -5) return 2.3;
      if (x < -3.5) return 2.3 - (x + 5) * 0.6; // to 1.4
      if (x < -3.1) return 1.4; // a short pause
      if (x < -1.5) return 1.4 - (x + 3.1) * 0.6; // to 0.44
      return 0.44 + (x > 0 ? 10 ** (3 * x) - 1 : 0);
    });
    const good = classifyRegions({ lrs, losses: pause }).find((r) => r.kind === 'good')!;
    expect(log(good.minLr)).toBeLessThan(-4.5);
    expect(log(good.maxLr)).toBeGreaterThan(-2);
  });

  it('calls a flat curve too-small all along', () => {
    const curve = { lrs: log10Lrs(100), losses: log10Lrs(100).map(() => 2.3) };
    expect(classifyRegions(curve).map((r) => [r.kind, r.startIndex, r.endIndex])).toEqual([['too-small', 0, 99]]);
  });

  it('calls a flat curve that then blows up too-small, then too-large', () => {
    const curve = shapedCurve({ low: 2.3 });
    const regions = classifyRegions(curve);
    expect(kinds(regions)).toEqual(['too-small', 'too-large']);
    expect(Math.abs(log(regions[1]!.minLr) - -0.5)).toBeLessThan(0.2);
  });

  it('gives a curve still falling at the end a good region up to its end', () => {
    const regions = classifyRegions(shapedCurve({ fallStart: -3, fallEnd: 2, blowUp: null }));
    expect(kinds(regions)).toEqual(['too-small', 'good']);
    expect(regions[1]!.endIndex).toBe(99);
  });

  it('absorbs tiny fragments at the start', () => {
    const regions = classifyRegions(shapedCurve({ fallStart: -7, fallEnd: -2 }));
    expect(regions[0]!.kind).toBe('good');
  });

  it('validates its options', () => {
    const curve = shapedCurve();
    expect(() => classifyRegions(curve, { slopeFraction: 1 })).toThrow(/slopeFraction must be in \(0, 1\), got 1/);
    expect(() => classifyRegions(curve, { mergeGap: -1 })).toThrow(/mergeGap must be in \[0, 1\], got -1/);
    expect(() => classifyRegions(curve, { minRegionPoints: 0 })).toThrow(/minRegionPoints must be an integer ≥ 1, got 0/);
  });
});

describe('classifyRegions invariants', () => {
  it('covers every index once, in lr order, for any finite curve', () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ min: -1e3, max: 1e3, noNaN: true }), { minLength: 2, maxLength: 150 }),
        (losses) => {
          const regions = classifyRegions({ lrs: log10Lrs(losses.length), losses });
          expectCover(regions, losses.length);
        },
      ),
      { numRuns: 150 },
    );
  });
});
