import { describe, expect, it } from 'vitest';
import { analyzeCurve } from '../../src/analysis/index.js';
import { readCurve } from '../../src/analysis/reading.js';
import { recommendBounds } from '../../src/analysis/recommend.js';
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
    expect(recommendation!.source).toBe('lrfind');
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

  it('gives no bounds when the loss never decreased, and says only that, with what to change', () => {
    const random = seededRandom(4);
    const flat = { lrs: log10Lrs(100), losses: log10Lrs(100).map(() => 2.3 + 0.01 * random()) };
    expect(recommendBounds(inputOf(flat))).toEqual({
      bounds: null, warnings: ['loss never decreased, so there are no bounds: raise endLr, run more steps, or check the model and its data'], diagnosis: 'flat',
    });
  });

  it('gives no bounds for a curve too noisy to read, and says so', () => {
    expect(recommendBounds(inputOf(shapedCurve({ noise: 1.5, seed: 3 })))).toEqual({
      bounds: null, warnings: ['curve too noisy to tell whether the loss decreased, so there are no bounds: use runs ≥ 3 (or a larger batch)'], diagnosis: 'noisy',
    });
    // With 3 runs behind the curve, more runs are not the advice.
    expect(recommendBounds(inputOf(shapedCurve({ noise: 1.5, seed: 3 })), { runs: 3 }).warnings).toEqual([
      'curve too noisy to tell whether the loss decreased, so there are no bounds: use a larger batch',
    ]);
  });

  it('warns about a noisy curve it can still read', () => {
    const { curveBounds: bounds, warnings } = analyzeCurve(shapedCurve({ noise: 0.8, seed: 3 }));
    expect(warnings).toContain('no steady descent: the good region is read coarsely; use runs ≥ 3 (or a larger batch)');
    expect(bounds!.confidence).toBeLessThan(0.5);
  });

  it('gives no bounds when the loss diverged early, and says to lower startLr', () => {
    const { bounds, warnings } = recommendBounds(inputOf(shapedCurve({ fallStart: -7, fallEnd: -6.8, blowUp: -6.5 })));
    expect(bounds).toBeNull();
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatch(/^loss never decreased, so there are no bounds: it diverged early \(at lr [\d.e-]+\): lower startLr$/);
  });

  it('gives no bounds for a curve of fewer than 10 points', () => {
    const { bounds, warnings } = recommendBounds(inputOf(shapedCurve({ n: 9 })));
    expect(bounds).toBeNull();
    expect(warnings).toEqual(['too few points (9): a curve needs at least 10 to be read; use numIter ≥ 50']);
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
    const picks = { minimum: { rule: 'minimum', lr: 0.004, index: 50 }, slide: { rule: 'slide', lr: null, index: null } };
    expect(recommendBounds({ ...base, picks }, { rule: 'minimum' }).bounds).toMatchObject({ maxLr: 0.004, source: 'minimum' });
    const fallback = recommendBounds({ ...base, picks }, { rule: 'slide' });
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
    expect(() => recommendBounds(input, { rule: '' })).toThrow(/rule must be a rule name/);
  });

  it('is what analyzeCurve reports', () => {
    const curve = shapedCurve({ noise: 0.05, seed: 9 });
    expect(analyzeCurve(curve).curveBounds).toEqual(recommendBounds(inputOf(curve)).bounds);
  });
});
