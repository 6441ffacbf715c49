import { describe, expect, it } from 'vitest';
import {
  createSuggesters, getSuggester, lrfindSuggester, pickLrfind, readCurve, regionsFromReading,
  suggesterNames, suggesters,
} from '../../../src/analysis/index.js';
import type { Region } from '../../../src/types.js';
import { PEER_CURVES, loadPeerCurve, loadPeerSuggestions } from '../peer-fixtures.js';
import { log10Lrs, shapedCurve } from '../synthetic.js';

const lrs = log10Lrs(9, -4, 0); // 1e-4 … 1, half a decade apart
const region = (kind: Region['kind'], startIndex: number, endIndex: number): Region => ({
  kind, startIndex, endIndex, minLr: lrs[startIndex]!, maxLr: lrs[endIndex]!,
});

describe('pickLrfind', () => {
  const good = [region('too-small', 0, 1), region('good', 2, 5), region('too-large', 6, 8)];

  it('takes the top of the good region when it is a safe factor below the minimum', () => {
    // minimum at index 6 (lr 0.1): cap 0.033, floor 0.01; the region's top 10^-1.5 ≈ 0.0316 is between
    expect(pickLrfind({ lrs, minimumIndex: 6, divergenceIndex: null }, good)).toMatchObject({ lr: lrs[5], bound: 'region', index: 5 });
  });

  it('caps at minimum / minimumDivisor and at divergence / divergenceDivisor', () => {
    const wide = [region('too-small', 0, 1), region('good', 2, 7), region('too-large', 8, 8)]; // top 0.316
    expect(pickLrfind({ lrs, minimumIndex: 8, divergenceIndex: null }, wide).bound).toBe('region');
    const atMin = pickLrfind({ lrs, minimumIndex: 8, divergenceIndex: null }, wide, { minimumDivisor: 5 });
    expect(atMin.bound).toBe('minimum');
    expect(atMin.lr).toBeCloseTo(1 / 5, 12);
    const atDiv = pickLrfind({ lrs, minimumIndex: 8, divergenceIndex: 8 }, wide, { divergenceDivisor: 6 });
    expect(atDiv.bound).toBe('divergence');
    expect(atDiv.lr).toBeCloseTo(1 / 6, 12);
  });

  it('never goes below minimum / floorDivisor', () => {
    const pick = pickLrfind({ lrs, minimumIndex: 8, divergenceIndex: null }, [region('too-small', 0, 1), region('good', 2, 2), region('too-large', 3, 8)]);
    expect(pick.bound).toBe('floor');
    expect(pick.lr).toBeCloseTo(lrs[8]! / 10, 12);
  });

  it('falls back to the floor without a good region', () => {
    const pick = pickLrfind({ lrs, minimumIndex: 4, divergenceIndex: null }, [region('too-small', 0, 8)]);
    expect(pick).toMatchObject({ bound: 'floor' });
    expect(pick.lr).toBeCloseTo(lrs[4]! / 10, 12);
  });

  it('regionPosition moves the candidate along the good region on a log scale', () => {
    const pick = pickLrfind({ lrs, minimumIndex: 8, divergenceIndex: null }, good, { regionPosition: 0.5, floorDivisor: 1000 });
    expect(Math.log10(pick.lr)).toBeCloseTo((Math.log10(lrs[2]!) + Math.log10(lrs[5]!)) / 2, 12);
  });
});

describe('lrfindSuggester', () => {
  it.each(PEER_CURVES)('on %s stays within [minimum/10, minimum] and below the divergence edge', (name) => {
    const curve = loadPeerCurve(name);
    const raw = { lrs: curve.lrs, losses: curve.raw };
    const pick = lrfindSuggester()(raw);
    const reading = readCurve(raw);
    const atMinimum = curve.lrs[reading.minimumIndex]!;
    expect(pick.lr!).toBeGreaterThanOrEqual(atMinimum / 10 - 1e-15);
    expect(pick.lr!).toBeLessThanOrEqual(atMinimum / 3 + 1e-15);
    // pytorch-lr-finder's steepest sits on the divergence edge; lrfind stays well below it
    expect(pick.lr!).toBeLessThan(loadPeerSuggestions()[name].pytorch_lr_finder_steepest.lr);
    expect(curve.lrs[pick.index!]).toBeCloseTo(pick.lr!, -1);
  });

  it('on the digits curve keeps 3× below the 1.56 where training fails', () => {
    const curve = loadPeerCurve('digits_mlp_sgd');
    expect(lrfindSuggester()({ lrs: curve.lrs, losses: curve.raw }).lr!).toBeLessThan(1.56 / 2.5);
  });

  it('lands in the good region of a hand-built curve', () => {
    const curve = shapedCurve({ noise: 0.05, seed: 2 });
    const pick = lrfindSuggester()(curve);
    const good = regionsFromReading(readCurve(curve)).find((r) => r.kind === 'good')!;
    expect(pick.lr!).toBeGreaterThanOrEqual(good.minLr);
    expect(pick.lr!).toBeLessThanOrEqual(good.maxLr * 1.0001);
  });

  it('returns a null pick with the reason instead of throwing', () => {
    expect(lrfindSuggester()({ lrs: [1], losses: [2] })).toMatchObject({ lr: null, index: null, warning: expect.stringMatching(/at least 2/) });
  });

  it('counts indices on the curve it was given, dropped points included', () => {
    const curve = shapedCurve();
    const shifted = { lrs: [0, ...curve.lrs], losses: [2.3, ...curve.losses] };
    expect(lrfindSuggester()(shifted).index).toBe(lrfindSuggester()(curve).index! + 1);
  });

  it('validates its options eagerly', () => {
    expect(() => lrfindSuggester({ regionPosition: 2 })).toThrow(/regionPosition must be in \[0, 1\], got 2/);
    expect(() => lrfindSuggester({ minimumDivisor: 0.5 })).toThrow(/minimumDivisor must be a number ≥ 1, got 0.5/);
    expect(() => lrfindSuggester({ floorDivisor: 2 })).toThrow(/floorDivisor must be ≥ minimumDivisor \(3\), got 2/);
    expect(() => lrfindSuggester({ medianWindow: 4 })).toThrow(RangeError);
    expect(() => lrfindSuggester({ slopeFraction: 0 })).toThrow(RangeError);
  });
});

describe('the registry', () => {
  it('holds lrfind and the five peer rules', () => {
    expect(suggesterNames).toEqual(['lrfind', 'steepest', 'valley', 'slide', 'minimum', 'steep']);
    expect(Object.isFrozen(suggesters)).toBe(true);
    expect(getSuggester('valley')).toBe(suggesters['valley']);
  });

  it('names the rules it has when asked for another', () => {
    expect(() => getSuggester('toString')).toThrow(/suggester must be one of lrfind, steepest, valley, slide, minimum, steep, got toString/);
  });

  it('createSuggesters passes numIt to the fastai rules', () => {
    const curve = loadPeerCurve('fashion_mlp_adam'); // stopped at 83 of 100 iterations
    const raw = { lrs: curve.lrs, losses: curve.raw };
    const want = loadPeerSuggestions().fashion_mlp_adam.fastai_rules_on_fastai_smoothing.valley.index_in_curve;
    expect(createSuggesters({ numIt: 100 })['valley']!(raw).index).toBe(want);
  });
});
