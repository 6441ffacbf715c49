import { describe, expect, it } from 'vitest';
import { createRules, getRule, lrfindRule, ruleNames, rules } from '../../../src/analysis/index.js';
import { DEFAULT_SAFETY_DIVISOR } from '../../../src/analysis/rules/lrfind.js';
import { readCurve } from '../../../src/analysis/reading.js';
import { regionsFromReading } from '../../../src/analysis/regions.js';
import { pickLrfind } from '../../../src/analysis/rules/lrfind.js';
import type { Region } from '../../../src/types.js';
import { PEER_CURVES, loadPeerCurve, loadPeerSuggestions } from '../peer-fixtures.js';
import { log10Lrs, shapedCurve } from '../synthetic.js';

const lrs = log10Lrs(9, -4, 0); // 1e-4 … 1, half a decade apart
const region = (kind: Region['kind'], startIndex: number, endIndex: number): Region => ({
  kind, startIndex, endIndex, minLr: lrs[startIndex]!, maxLr: lrs[endIndex]!,
});

describe('pickLrfind', () => {
  it('takes the start of the rise divided by the safety divisor (4)', () => {
    expect(DEFAULT_SAFETY_DIVISOR).toBe(4);
    // minimum at lr 0.1 (index 6), rise from lr 1 (index 8)
    const pick = pickLrfind({ lrs, minimumIndex: 6, divergenceIndex: 8 });
    expect(pick).toMatchObject({ bound: 'divergence', index: 7 });
    expect(pick.lr).toBeCloseTo(1 / 4, 12);
  });

  it('divergencePosition slides the reference from the minimum (0) to the rise (1); safetyDivisor divides it', () => {
    const reading = { lrs, minimumIndex: 6, divergenceIndex: 8 };
    const exact = { safetyDivisor: 1 };
    expect(pickLrfind(reading, { ...exact, divergencePosition: 0 }).lr).toBeCloseTo(0.1, 12);
    expect(pickLrfind(reading, { ...exact, divergencePosition: 1 }).lr).toBeCloseTo(1, 12);
    expect(Math.log10(pickLrfind(reading, { ...exact, divergencePosition: 0.25 }).lr)).toBeCloseTo(-0.75, 12);
    expect(pickLrfind(reading, { divergencePosition: 0.5, safetyDivisor: 2 }).lr).toBeCloseTo(10 ** -0.5 / 2, 12);
  });

  it('without a rise, keeps minimumDivisor below the minimum', () => {
    const pick = pickLrfind({ lrs, minimumIndex: 8, divergenceIndex: null });
    expect(pick).toMatchObject({ bound: 'minimum' });
    expect(pick.lr).toBeCloseTo(0.5, 12);
    expect(pickLrfind({ lrs, minimumIndex: 8, divergenceIndex: null }, { minimumDivisor: 4 }).lr).toBeCloseTo(0.25, 12);
  });

  it('a rise that starts at the minimum itself counts as no rise', () => {
    expect(pickLrfind({ lrs, minimumIndex: 6, divergenceIndex: 6 }).bound).toBe('minimum');
  });

  it('lands in the good region, which reaches up to the rise', () => {
    const regions = [region('too-small', 0, 1), region('good', 2, 7), region('too-large', 8, 8)];
    const pick = pickLrfind({ lrs, minimumIndex: 6, divergenceIndex: 8 });
    expect(pick.index).toBeGreaterThanOrEqual(regions[1]!.startIndex);
    expect(pick.index).toBeLessThanOrEqual(regions[1]!.endIndex);
  });
});

describe('lrfindRule', () => {
  it.each(PEER_CURVES)('on %s lands at the start of the rise ÷ the safety divisor, inside the good region', (name) => {
    const curve = loadPeerCurve(name);
    const raw = { lrs: curve.lrs, losses: curve.raw };
    const pick = lrfindRule()(raw);
    const reading = readCurve(raw);
    expect(reading.divergenceIndex).not.toBeNull();
    expect(pick.lr!).toBeCloseTo(curve.lrs[reading.divergenceIndex!]! / DEFAULT_SAFETY_DIVISOR, 12);
    const good = regionsFromReading(reading).find((r) => r.kind === 'good')!;
    expect(pick.index!).toBeGreaterThanOrEqual(good.startIndex);
    expect(pick.index!).toBeLessThanOrEqual(good.endIndex);
  });

  it('on the digits curve stays well below the 3.9 where training ends at chance', () => {
    const curve = loadPeerCurve('digits_mlp_sgd');
    expect(lrfindRule()({ lrs: curve.lrs, losses: curve.raw }).lr!).toBeLessThan(3.9 / 1.5);
  });

  it('lands a safe factor below the rise of a hand-built curve (rise from 10^-0.5)', () => {
    const curve = shapedCurve({ noise: 0.05, seed: 2 });
    const pick = lrfindRule()(curve);
    expect(Math.abs(Math.log10(pick.lr!) - (-0.5 - Math.log10(4)))).toBeLessThan(0.15);
  });

  it('returns a null pick with the reason instead of throwing', () => {
    expect(lrfindRule()({ lrs: [1], losses: [2] })).toMatchObject({ lr: null, index: null, warning: expect.stringMatching(/at least 2/) });
  });

  it('counts indices on the curve it was given, dropped points included', () => {
    const curve = shapedCurve();
    const shifted = { lrs: [0, ...curve.lrs], losses: [2.3, ...curve.losses] };
    expect(lrfindRule()(shifted).index).toBe(lrfindRule()(curve).index! + 1);
  });

  it('validates its options eagerly', () => {
    expect(() => lrfindRule({ divergencePosition: 2 })).toThrow(/divergencePosition must be in \[0, 1\], got 2/);
    expect(() => lrfindRule({ minimumDivisor: 0.5 })).toThrow(/minimumDivisor must be a number ≥ 1, got 0.5/);
    expect(() => lrfindRule({ safetyDivisor: 0 })).toThrow(/safetyDivisor must be a number ≥ 1, got 0/);
    expect(() => lrfindRule({ medianWindow: 4 })).toThrow(RangeError);
    expect(() => lrfindRule({ slopeFraction: 0 })).toThrow(RangeError);
  });
});

describe('the registry', () => {
  it('holds lrfind and the five peer rules', () => {
    expect(ruleNames).toEqual(['lrfind', 'steepest', 'valley', 'slide', 'minimum', 'steep']);
    expect(Object.isFrozen(rules)).toBe(true);
    expect(getRule('valley')).toBe(rules['valley']);
  });

  it('names the rules it has when asked for another', () => {
    expect(() => getRule('toString')).toThrow(/suggester must be one of lrfind, steepest, valley, slide, minimum, steep, got toString/);
  });

  it('createRules passes numIter to the fastai rules', () => {
    const curve = loadPeerCurve('fashion_mlp_adam'); // stopped at 83 of 100 iterations
    const raw = { lrs: curve.lrs, losses: curve.raw };
    const want = loadPeerSuggestions().fashion_mlp_adam.fastai_rules_on_fastai_smoothing.valley.index_in_curve;
    expect(createRules({ numIter: 100 })['valley']!(raw).index).toBe(want);
  });
});
