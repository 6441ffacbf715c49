// Smith's reading of a weight-decay family, on hand-made validation curves with a known answer.
import { describe, expect, it } from 'vitest';
import { decayStands, pickWeightDecay, scoreMember, type FamilyMember } from '../../src/range-test/weight-decay-pick.js';
import { log10Lrs } from '../analysis/synthetic.js';

const lrs = log10Lrs(60, -6, 0);
/** A validation curve falling from 2.3 to `low` around lr `at`, then rising. */
function member(weightDecay: number, low: number, maxLr: number | null, at = -2): FamilyMember {
  const validationLosses = lrs.map((lr) => {
    const x = Math.log10(lr);
    return x < at ? 2.3 - ((2.3 - low) * (x + 6)) / (at + 6) : low + 3 * (x - at) ** 2;
  });
  return { weightDecay, lrs, validationLosses, maxLr };
}

describe('pickWeightDecay', () => {
  it('takes the decay whose validation loss falls lowest', () => {
    const pick = pickWeightDecay([member(0, 0.5, 0.1), member(1e-4, 0.4, 0.1), member(1e-2, 0.9, 0.05)]);
    expect(pick.value).toBe(1e-4);
    expect(pick.reason).toMatch(/^weight decay 1e-4 gave the lowest validation loss \(0\.4\d*; without: 0\.5\d*\)$/);
    expect(pick.scores.map((s) => s.weightDecay)).toEqual([0, 1e-4, 1e-2]);
  });

  it('breaks a tie (within 1 %) by the larger max lr', () => {
    expect(pickWeightDecay([member(0, 0.5, 0.1), member(1e-4, 0.400, 0.1), member(1e-3, 0.402, 0.3)]).value).toBe(1e-3);
  });

  it('keeps no decay unless a decay lowers the validation loss by 2 % of it', () => {
    const pick = pickWeightDecay([member(0, 0.500, 0.1), member(1e-4, 0.495, 0.2)]);
    expect(pick.value).toBe(0);
    expect(pick.reason).toMatch(/^no weight decay lowered the validation loss by 2 % or more/);
  });

  it('keeps no decay when the one with the lowest loss trains at a smaller max lr than no decay (Smith asks for both)', () => {
    const pick = pickWeightDecay([member(0, 0.5, 0.11), member(1e-3, 0.4, 0.099)]);
    expect(pick.value).toBe(0);
    expect(pick.reason).toMatch(/^weight decay 1e-3 lowered the validation loss \(0\.4\d*; without: 0\.5\d*\) but trains at a smaller max lr \(9\.9e-2 against 0\.11\), so none is chosen$/);
    // At an equal or larger max lr it is chosen.
    expect(pickWeightDecay([member(0, 0.5, 0.11), member(1e-3, 0.4, 0.167)]).value).toBe(1e-3);
  });

  it('reads the smoothed curve, skipping steps without a validation loss', () => {
    const m = member(0, 0.5, 0.1);
    const sparse = { ...m, validationLosses: m.validationLosses.map((v, i) => (i % 2 === 0 ? v : null)) };
    const score = scoreMember(sparse);
    expect(score.lowest).toBeGreaterThan(0.45);
    expect(score.lowest).toBeLessThan(0.7); // the smoothing rounds the sharp bottom off
    expect(Math.log10(score.lrAtLowest)).toBeCloseTo(-2, 0);
    expect(scoreMember({ ...m, validationLosses: [] }).lowest).toBe(Number.POSITIVE_INFINITY);
  });
});

describe('decayStands', () => {
  const bounds = (maxLr: number, source: 'confirmed' | 'lrfind' = 'confirmed') => ({ maxLr, minLr: maxLr / 10, source, confidence: 0.9 });

  it('keeps a chosen decay only when its probes confirm a max lr at least no decay\'s', () => {
    // bench:wd, digits CNN seed 3: 1e-3 confirmed 0.099, no decay 0.110.
    expect(decayStands(bounds(0.099), bounds(0.11))).toBe(false);
    expect(decayStands(bounds(0.11), bounds(0.11))).toBe(true);
    expect(decayStands(bounds(0.2), bounds(0.11))).toBe(true);
  });

  it('lets unconfirmed or missing bounds decide nothing', () => {
    expect(decayStands(bounds(0.05, 'lrfind'), bounds(0.11))).toBe(true);
    expect(decayStands(bounds(0.05), null)).toBe(true);
    expect(decayStands(null, bounds(0.11))).toBe(true);
  });
});
