import { describe, expect, it } from 'vitest';
import { analyzeCurve, readCurve, recommendBounds } from '../../src/analysis/index.js';
import { regionsFromReading } from '../../src/analysis/regions.js';
import type { Curve } from '../../src/types.js';
import { PEER_CURVES, loadPeerCurve } from './peer-fixtures.js';
import { log10Lrs, shapedCurve } from './synthetic.js';
import { seededRandom } from '../../src/random.js';

function inputOf(curve: Curve) {
  const reading = readCurve(curve);
  return {
    curve,
    smoothedLosses: reading.smoothed,
    regions: regionsFromReading(reading),
    divergenceIndex: reading.divergenceIndex,
    minimumIndex: reading.minimumIndex,
  };
}

describe('recommend', () => {
  it('gives maxLr, minLr = maxLr / divisor and a high confidence on a clean curve', () => {
    const { bounds: recommendation, warnings } = recommendBounds(inputOf(shapedCurve({ noise: 0.02, seed: 1 })));
    expect(warnings).toEqual([]);
    expect(recommendation!.method).toBe('lrfind');
    expect(recommendation!.minLr).toBeCloseTo(recommendation!.maxLr / 10, 15);
    expect(recommendation!.confidence).toBeGreaterThan(0.8);
    const five = recommendBounds(inputOf(shapedCurve()), { divFactor: 5 }).bounds!;
    expect(five.minLr).toBeCloseTo(five.maxLr / 5, 15);
  });

  it.each(PEER_CURVES)('trusts the real curve %s without warnings', (name) => {
    const curve = loadPeerCurve(name);
    const { bounds: recommendation, warnings } = recommendBounds(inputOf({ lrs: curve.lrs, losses: curve.raw }));
    expect(warnings).toEqual([]);
    expect(recommendation!.confidence).toBeGreaterThan(0.7);
  });

  it('warns when the loss never decreased', () => {
    const random = seededRandom(4);
    const flat = { lrs: log10Lrs(100), losses: log10Lrs(100).map(() => 2.3 + 0.01 * random()) };
    const { bounds: recommendation, warnings } = recommendBounds(inputOf(flat));
    expect(warnings).toContain('loss never decreased: raise endLr or check the model');
    expect(recommendation!.confidence).toBeLessThan(0.3);
  });

  it('warns about a noisy curve', () => {
    const { bounds: recommendation, warnings } = recommendBounds(inputOf(shapedCurve({ noise: 1.5, seed: 3 })));
    expect(warnings).toContain('curve too noisy: use runs ≥ 3 (or a larger batch)');
    expect(recommendation!.confidence).toBeLessThan(0.5);
  });

  it('warns about an early divergence', () => {
    const curve = shapedCurve({ fallStart: -7, fallEnd: -6.8, blowUp: -6.5 });
    const { warnings } = recommendBounds(inputOf(curve));
    expect(warnings.some((w) => w.startsWith('diverged within the first 10% of the sweep'))).toBe(true);
    expect(warnings.some((w) => w.endsWith('lower startLr'))).toBe(true);
  });

  it('warns when the loss is still falling at the end', () => {
    const { warnings } = recommendBounds(inputOf(shapedCurve({ fallStart: -3, fallEnd: 2, blowUp: null })));
    expect(warnings).toContain('loss still falling at the end of the sweep: raise endLr');
  });

  it('warns about too few points', () => {
    const curve = shapedCurve({ n: 12 });
    const { bounds: recommendation, warnings } = recommendBounds(inputOf(curve));
    expect(warnings.some((w) => w.startsWith('too few points (12)'))).toBe(true);
    expect(recommendation!.confidence).toBeLessThanOrEqual(0.6);
  });

  it('can take maxLr from another rule, and falls back to lrfind when that rule has nothing', () => {
    const curve = shapedCurve({ noise: 0.02 });
    const base = inputOf(curve);
    const suggestions = { minimum: { method: 'minimum', lr: 0.004, index: 50 }, slide: { method: 'slide', lr: null, index: null } };
    expect(recommendBounds({ ...base, suggestions }, { method: 'minimum' }).bounds).toMatchObject({ maxLr: 0.004, method: 'minimum' });
    const fallback = recommendBounds({ ...base, suggestions }, { method: 'slide' });
    expect(fallback.bounds!.maxLr).toBe(recommendBounds(base).bounds!.maxLr);
    expect(fallback.warnings).toContain("slide had nothing to suggest: used lrfind's rule instead");
  });

  it('returns null for an input with nothing to read', () => {
    const empty = { curve: { lrs: [], losses: [] }, smoothedLosses: [], regions: [], divergenceIndex: null, minimumIndex: 0 };
    expect(recommendBounds(empty).bounds).toBeNull();
  });

  it('validates its options', () => {
    const input = inputOf(shapedCurve());
    expect(() => recommendBounds(input, { divFactor: 0.5 })).toThrow(/divFactor must be a number ≥ 1, got 0.5/);
    expect(() => recommendBounds(input, { method: '' })).toThrow(/method must be a rule name/);
  });

  it('is what analyzeCurve reports', () => {
    const curve = shapedCurve({ noise: 0.05, seed: 9 });
    expect(analyzeCurve(curve).curveBounds).toEqual(recommendBounds(inputOf(curve)).bounds);
  });
});
