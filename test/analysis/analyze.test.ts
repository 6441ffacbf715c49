import { describe, expect, it } from 'vitest';
import { AnalysisError, analyzeCurve, ruleNames } from '../../src/analysis/index.js';
import type { Curve } from '../../src/types.js';
import { PEER_CURVES, loadPeerCurve, loadPeerSuggestions } from './peer-fixtures.js';
import { shapedCurve } from './synthetic.js';

const rawOf = (name: (typeof PEER_CURVES)[number]): Curve => {
  const curve = loadPeerCurve(name);
  return { lrs: curve.lrs, losses: curve.raw };
};

describe('analyzeCurve on the real peer curves', () => {
  it.each(PEER_CURVES)('%s: every field is consistent', (name) => {
    const curve = rawOf(name);
    const analysis = analyzeCurve(curve, { numIter: 100 });
    const n = curve.lrs.length;
    expect(analysis.curve).toEqual(curve);
    expect(analysis.smoothedLosses).toHaveLength(n);
    expect(analysis.gradient).toHaveLength(n);
    expect(analysis.regions.map((r) => r.kind)).toEqual(['too-small', 'good', 'too-large']);
    expect(analysis.divergenceIndex).not.toBeNull();
    expect(analysis.minimumIndex).toBeLessThan(analysis.divergenceIndex!);
    expect(Object.keys(analysis.picks)).toEqual(expect.arrayContaining([...ruleNames]));
    expect(analysis.curveBounds!.maxLr).toBe(analysis.picks['lrfind']!.lr);
    expect(analysis.warnings).toEqual([]);
    expect(analysis.aggregate).toBeUndefined();
    // With numIter the registry's peer rules agree with the fixtures
    const want = loadPeerSuggestions()[name];
    expect(analysis.picks['steepest']!.index).toBe(want.pytorch_lr_finder_steepest.index_in_curve);
    expect(analysis.picks['valley']!.index).toBe(want.fastai_rules_on_fastai_smoothing.valley.index_in_curve);
  });

  it('reads the digits curve: rise from above 2, good region up to it, lrfind 4× below the rise', () => {
    const analysis = analyzeCurve(rawOf('digits_mlp_sgd'));
    const good = analysis.regions.find((r) => r.kind === 'good')!;
    const tooLarge = analysis.regions.find((r) => r.kind === 'too-large')!;
    expect(tooLarge.startIndex).toBe(analysis.divergenceIndex);
    expect(good.endIndex).toBe(analysis.divergenceIndex! - 1);
    const rise = analysis.curve.lrs[analysis.divergenceIndex!]!;
    const minimum = analysis.curve.lrs[analysis.minimumIndex]!;
    expect(rise).toBeGreaterThan(2);
    expect(analysis.curveBounds!.maxLr).toBeCloseTo(rise / 4, 12);
    expect(analysis.curveBounds!.maxLr).toBeLessThan(minimum);
    expect(analysis.curveBounds!.maxLr).toBeGreaterThan(5 * analysis.picks['valley']!.lr!);
  });
});

describe('analyzeCurve with several runs', () => {
  it('reads the median of runs of one curve and keeps the spread', () => {
    const runs = [1, 2, 3].map((seed) => shapedCurve({ noise: 0.1, seed }));
    const analysis = analyzeCurve(runs);
    expect(analysis.aggregate).toBeDefined();
    expect(analysis.aggregate!.lrs).toEqual(analysis.curve.lrs);
    expect(analysis.curve.losses).toEqual(analysis.aggregate!.median);
    analysis.aggregate!.lower.forEach((low, i) => {
      expect(low).toBeLessThanOrEqual(analysis.aggregate!.median[i]!);
      expect(analysis.aggregate!.upper[i]).toBeGreaterThanOrEqual(analysis.aggregate!.median[i]!);
    });
    expect(analysis.warnings.filter((w) => w.startsWith('runs disagree'))).toEqual([]);
  });

  it('warns when runs disagree (three different models) and lowers the confidence', () => {
    const runs = PEER_CURVES.map(rawOf);
    const analysis = analyzeCurve(runs);
    expect(analysis.warnings.some((w) => /^runs disagree: their maxLr spans ×\d+/.test(w))).toBe(true);
    expect(analysis.curveBounds!.confidence).toBeLessThan(0.2);
  });

  it('skips unreadable runs with a warning, and analyses a lone survivor alone', () => {
    const good = shapedCurve();
    const analysis = analyzeCurve([{ lrs: [1], losses: [1] }, good]);
    expect(analysis.warnings[0]).toMatch(/^run 0 skipped: need at least 2/);
    expect(analysis.aggregate).toBeUndefined();
    expect(analysis.curve).toEqual(good);
    expect(() => analyzeCurve([{ lrs: [1], losses: [1] }])).toThrow(AnalysisError);
    expect(() => analyzeCurve([])).toThrow(expect.objectContaining({ code: 'no-runs' }));
  });
});

describe('analyzeCurve options and edge cases', () => {
  it('treats a curve cut at a non-finite loss as diverged there', () => {
    const curve = shapedCurve({ blowUp: null });
    curve.losses[80] = NaN;
    const analysis = analyzeCurve(curve);
    expect(analysis.curve.lrs).toHaveLength(80);
    expect(analysis.divergenceIndex).toBe(79);
    expect(analysis.warnings[0]).toMatch(/cut at step 80 \(loss NaN\)/);
    expect(analysis.warnings).not.toContain('loss still falling at the end of the sweep: raise endLr');
  });

  it('passes the tunable constants through', () => {
    const curve = shapedCurve({ noise: 0.05 });
    const base = analyzeCurve(curve).curveBounds!;
    const lower = analyzeCurve(curve, { divergencePosition: 0.2 }).curveBounds!;
    expect(lower.maxLr).toBeLessThan(base.maxLr);
    expect(analyzeCurve(curve, { divFactor: 4 }).curveBounds!.minLr).toBeCloseTo(base.maxLr / 4, 15);
    expect(analyzeCurve(curve, { rule: 'valley' }).curveBounds).toMatchObject({
      source: 'valley', maxLr: analyzeCurve(curve).picks['valley']!.lr,
    });
  });

  it('runs custom rules, turning a throwing or broken one into a null pick', () => {
    const analysis = analyzeCurve(shapedCurve(), {
      rules: {
        fixed: () => ({ rule: 'fixed', lr: 0.01, index: 3 }),
        broken: () => { throw new Error('boom'); },
        nan: () => ({ rule: 'nan', lr: NaN, index: 2 }),
      },
    });
    expect(analysis.picks['fixed']).toEqual({ rule: 'fixed', lr: 0.01, index: 3 });
    expect(analysis.picks['broken']).toMatchObject({ lr: null, warning: 'broken failed: boom' });
    expect(analysis.picks['nan']).toMatchObject({ lr: null, warning: 'nan gave an unusable pick' });
    expect(analysis.curveBounds!.source).toBe('lrfind');
  });

  it('validates options eagerly with RangeErrors', () => {
    const curve = shapedCurve();
    expect(() => analyzeCurve(curve, { rule: 'magic' })).toThrow(/rule must be one of lrfind, steepest, valley, slide, minimum, steep, got magic/);
    expect(() => analyzeCurve(curve, { numIter: 0 })).toThrow(/numIter must be an integer ≥ 1, got 0/);
    expect(() => analyzeCurve(curve, { divFactor: 0 })).toThrow(RangeError);
    expect(() => analyzeCurve(curve, { band: 'x' as 'iqr' })).toThrow(RangeError);
    expect(() => analyzeCurve(curve, { windowSize: 4 })).toThrow(RangeError);
  });

  it('throws a typed AnalysisError when there is nothing to analyse', () => {
    expect(() => analyzeCurve({ lrs: [1e-3], losses: [2] })).toThrow(expect.objectContaining({ name: 'AnalysisError', code: 'too-few-points' }));
    expect(() => analyzeCurve({ lrs: [1, 2], losses: [NaN, NaN] })).toThrow(AnalysisError);
  });
});
