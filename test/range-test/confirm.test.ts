import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  checkVerdict, confirmedBounds, DEFAULT_CONFIRM_SETTINGS, judgeProbe, relaxedEdge, trainsClearlyBetter, ladderTop, probeLadder, probeSchedule, probeTarget, regionsAfterProbes, resolveConfirmSettings, sweepBest,
} from '../../src/range-test/confirm.js';
import type { Region } from '../../src/types.js';
import { RangeTestSettingsError } from '../../src/range-test/settings.js';

describe('resolveConfirmSettings', () => {
  it('fills the defaults', () => {
    expect(resolveConfirmSettings()).toEqual({ warmupSteps: 20, holdSteps: 40, ladder: 1.25, maxProbes: 8, margin: 1.3, ceiling: 3, minDrop: 0.25, giveBack: 0.1, floor: 0.05, checkBelow: true, betterBy: 0.1 });
    expect(resolveConfirmSettings({ holdSteps: 10 }).holdSteps).toBe(10);
  });

  it.each([
    [{ warmupSteps: -1 }, 'warmupSteps must be an integer ≥ 0, got -1'],
    [{ holdSteps: 0 }, 'holdSteps must be an integer ≥ 1, got 0'],
    [{ maxProbes: 2.5 }, 'maxProbes must be an integer ≥ 1, got 2.5'],
    [{ ladder: 1 }, 'ladder must be a number > 1, got 1'],
    [{ margin: 0.5 }, 'margin must be a number ≥ 1, got 0.5'],
    [{ ceiling: Number.NaN }, 'ceiling must be a number ≥ 1, got NaN'],
    [{ minDrop: 1 }, 'minDrop must be in [0, 1), got 1'],
    [{ giveBack: -0.1 }, 'giveBack must be a number ≥ 0, got -0.1'],
    [{ checkBelow: 1 as unknown as boolean }, 'checkBelow must be true or false, got 1'],
    [{ betterBy: Number.NaN }, 'betterBy must be a number ≥ 0, got NaN'],
  ])('rejects %j with a message naming it', (input, message) => {
    expect(() => resolveConfirmSettings(input)).toThrow(RangeTestSettingsError);
    expect(() => resolveConfirmSettings(input)).toThrow(message);
  });
});

describe('ladderTop, probeLadder and probeSchedule', () => {
  it('starts at the rise, or the minimum without one, but never past ceiling × the minimum', () => {
    expect(ladderTop(0.5, 1.07, 3)).toBe(1.07);
    expect(ladderTop(0.00278, 0.115, 3)).toBeCloseTo(0.00834, 12);
    expect(ladderTop(0.2, null, 3)).toBe(0.2);
  });

  it('steps down from the top by the ladder factor', () => {
    const ladder = probeLadder(1, { ladder: 2, maxProbes: 4 });
    expect(ladder).toEqual([1, 0.5, 0.25, 0.125]);
  });

  it('warms up linearly from lr/10, then holds lr', () => {
    const lrs = probeSchedule(1, { warmupSteps: 4, holdSteps: 3 });
    expect(lrs).toHaveLength(7);
    expect(lrs.slice(0, 4).map((x) => Number(x.toFixed(12)))).toEqual([0.1, 0.325, 0.55, 0.775]);
    expect(lrs.slice(4)).toEqual([1, 1, 1]);
    expect(probeSchedule(0.5, { warmupSteps: 0, holdSteps: 2 })).toEqual([0.5, 0.5]);
  });

  it('never goes above the candidate and always ends on it (property)', () => {
    fc.assert(fc.property(fc.double({ min: 1e-8, max: 10, noNaN: true }), fc.integer({ min: 0, max: 50 }), fc.integer({ min: 1, max: 50 }), (lr, warmupSteps, holdSteps) => {
      const lrs = probeSchedule(lr, { warmupSteps, holdSteps });
      return lrs.length === warmupSteps + holdSteps && lrs.every((x) => x > 0 && x <= lr) && lrs.at(-1) === lr;
    }));
  });
});

describe('probeTarget', () => {
  it("is the sweep's best loss, or a quarter below the starting level when the sweep barely fell", () => {
    expect(probeTarget(0.94, 2.35, 0.25)).toBe(0.94); // the sweep fell far: its best decides
    expect(probeTarget(2.13, 2.3, 0.25)).toBeCloseTo(1.725, 12); // it barely fell: the drop decides
    expect(probeTarget(-3, -2, 0.25)).toBe(-3); // negative losses: the drop is a quarter of |level|
    expect(probeTarget(-1, -2, 0.25)).toBe(-2.5);
    // A sweep that took the loss to ~0: the floor (5 % of the level) decides; not for a negative level.
    expect(probeTarget(0.0029, 1.1, 0.25, 0.05)).toBeCloseTo(0.055, 12);
    expect(probeTarget(0.3, 2.3, 0.25, 0.05)).toBe(0.3);
    expect(probeTarget(-3, -2, 0.25, 0.05)).toBe(-3);
  });
});

describe('judgeProbe', () => {
  // 20 warm-up steps, then 40 held: quarters of 10; the sweep started at 2.3 and its target is 1.9.
  const judge = { target: 1.9, level: 2.3, holdSteps: DEFAULT_CONFIRM_SETTINGS.holdSteps, giveBack: DEFAULT_CONFIRM_SETTINGS.giveBack };
  /** A probe whose four held quarters have these means (constant within each). */
  const probe = (...quarters: number[]): number[] => [...Array<number>(20).fill(2.3), ...quarters.flatMap((q) => Array<number>(10).fill(q))];

  it('passes when the last quarter of the held steps ends below the target', () => {
    const losses = [...Array(50).fill(2.3), ...Array(10).fill(0.5)];
    expect(judgeProbe(losses, judge)).toEqual({ passed: true, endLoss: 0.5, keptProgress: true });
  });

  it('fails when training fell back to where it started (a dead network)', () => {
    const losses = [...Array(30).fill(1.5), ...Array(30).fill(2.31)];
    const verdict = judgeProbe(losses, judge);
    expect(verdict.passed).toBe(false);
    expect(verdict.endLoss).toBeCloseTo(2.31, 12);
  });

  it('fails a probe that got worse again: below the target, but more than giveBack of its progress lost', () => {
    // Measured on the digits CNN (momentum, seed 0): 0.27 went 1.46, 1.20, 1.30, 1.41; 0.17 went
    // 1.36, 1.13, 0.69, 0.87 (0.11 of its progress given back); held longer, both died.
    expect(judgeProbe(probe(1.46, 1.2, 1.3, 1.41), judge)).toMatchObject({ passed: false, endLoss: 1.41 });
    expect(judgeProbe(probe(1.36, 1.13, 0.69, 0.87), judge).passed).toBe(false);
    // 0.14 kept improving; Adam on Fashion wobbled by 0.015 and passes.
    expect(judgeProbe(probe(1.465, 1.091, 0.79, 0.446), judge).passed).toBe(true);
    expect(judgeProbe(probe(0.789, 0.663, 0.655, 0.67), judge).passed).toBe(true);
    // The limit: 0.1 × (2.3 − 0.5) = 0.18 above the best quarter.
    expect(judgeProbe(probe(1, 0.5, 0.6, 0.67), judge).passed).toBe(true);
    expect(judgeProbe(probe(1, 0.5, 0.6, 0.69), judge).passed).toBe(false);
    expect(judgeProbe(probe(1, 0.5, 0.6, 0.69), { ...judge, giveBack: Infinity }).passed).toBe(true);
  });

  it('fails on a non-finite loss, and on no losses', () => {
    expect(judgeProbe([2, 1, Number.NaN], judge)).toEqual({ passed: false, endLoss: NaN });
    expect(judgeProbe([2, Infinity], judge).passed).toBe(false);
    expect(judgeProbe([], judge).passed).toBe(false);
  });

  it('counts at least one loss with a short hold', () => {
    expect(judgeProbe([3, 1], { ...judge, target: 1.5, holdSteps: 1 })).toEqual({ passed: true, endLoss: 1, keptProgress: true });
  });
});

describe('sweepBest', () => {
  it('is the smoothed minimum, unless that undershoots every raw loss of the sweep', () => {
    expect(sweepBest(0.8, [2.3, 0.7, 0.9, NaN])).toBe(0.8);
    expect(sweepBest(-0.05, [2.3, 0.01, 0.002, Infinity])).toBe(0.002);
    expect(sweepBest(0.5, [NaN])).toBe(0.5);
  });
});

describe('trainsClearlyBetter', () => {
  it('says the lower probe trained clearly better when its progress beats the upper one by more than betterBy of its own', () => {
    // Level 2.3: the digits CNN's pass at 0.27 ended at 1.39 (progress 0.91); 0.17 below it at 1.21 (1.09).
    expect(trainsClearlyBetter({ passed: true, endLoss: 1.21 }, { endLoss: 1.39 }, 2.3, 0.1)).toBe(true);
    // Within a tenth of its progress: as good, so the larger lr stays.
    expect(trainsClearlyBetter({ passed: true, endLoss: 0.6 }, { endLoss: 0.69 }, 2.3, 0.1)).toBe(false);
    // A lower lr that trained less, or failed, never moves the edge down.
    expect(trainsClearlyBetter({ passed: true, endLoss: 1.2 }, { endLoss: 0.5 }, 2.3, 0.1)).toBe(false);
    expect(trainsClearlyBetter({ passed: false, endLoss: 0.1 }, { endLoss: 1.39 }, 2.3, 0.1)).toBe(false);
  });

  it('never calls a probe clearly better than itself, nor one that made more progress (property)', () => {
    fc.assert(fc.property(fc.double({ min: 0.1, max: 10, noNaN: true }), fc.double({ min: 0, max: 1, noNaN: true }), fc.double({ min: 0, max: 1, noNaN: true }), fc.double({ min: 0, max: 1, noNaN: true }),
      (level, a, b, betterBy) => {
        const [lowerEnd, upperEnd] = [level * a, level * b];
        const better = trainsClearlyBetter({ passed: true, endLoss: lowerEnd }, { endLoss: upperEnd }, level, betterBy);
        if (lowerEnd >= upperEnd) expect(better).toBe(false);
      }));
  });
});

describe('checkVerdict', () => {
  const j = { target: 0.5, level: 1, holdSteps: 4, giveBack: 0.1 };

  it('says a check trained when it lowered the loss and kept it, though slower than the target asks', () => {
    expect(judgeProbe([0.9, 0.8, 0.7, 0.7], j).passed).toBe(false); // 0.7 is not below the target 0.5
    expect(checkVerdict([0.9, 0.8, 0.7, 0.7], j)).toMatchObject({ passed: true, endLoss: 0.7, keptProgress: true });
  });

  it('fails a check that barely moved, gave its progress back, or blew up', () => {
    expect(checkVerdict([1, 0.99, 0.98, 0.97], j).passed).toBe(false); // under 5 % of the level
    expect(checkVerdict([0.9, 0.4, 0.6, 0.9], j).passed).toBe(false);
    expect(checkVerdict([0.9, Number.NaN], j)).toMatchObject({ passed: false, endLoss: Number.NaN });
  });
});

describe('relaxedEdge', () => {
  const probe = (lr: number, endLoss: number, keptProgress = true) => ({ lr, losses: [endLoss], endLoss, passed: false, keptProgress });

  it('takes the largest lr whose probe trained about as well as the best, when none reached the target', () => {
    // Level 1: the best ended at 0.84 (lr 0.076); 0.12 ended at 0.85, within a quarter of its progress; 0.29 at 0.93, not.
    const probes = [probe(0.29, 0.93), probe(0.23, 0.95, false), probe(0.12, 0.85), probe(0.095, 0.845), probe(0.076, 0.84), probe(0.05, 0.9)];
    expect(relaxedEdge(probes, 1)).toBe(0.12);
    // A probe that gave its progress back does not count, however low it ended.
    expect(relaxedEdge([probe(0.5, 0.5, false), probe(0.1, 0.9)], 1)).toBe(0.1);
  });

  it('finds nothing when no probe lowered the loss, or every one blew up', () => {
    expect(relaxedEdge([probe(0.3, 0.99), probe(0.2, 1.2)], 1)).toBeNull();
    expect(relaxedEdge([probe(0.3, Number.NaN)], 1)).toBeNull();
  });
});

describe('confirmedBounds', () => {
  const curve = { maxLr: 0.4, minLr: 0.04, source: 'lrfind', confidence: 0.6 };

  it("keeps the curve's min/max ratio and its confidence", () => {
    expect(confirmedBounds(curve, 0.1)).toEqual({ maxLr: 0.1, minLr: 0.1 * (0.04 / 0.4), source: 'confirmed', confidence: 0.6 });
    expect(confirmedBounds({ ...curve, minLr: 0.1 }, 0.2).minLr).toBeCloseTo(0.05, 15);
  });

  it('without the curve\'s bounds (probes run by an escalation): min lr = max lr / divFactor, and the probed confidence', () => {
    expect(confirmedBounds(null, 0.2, 10)).toEqual({ maxLr: 0.2, minLr: 0.02, source: 'confirmed', confidence: 0.3 });
    expect(confirmedBounds(null, 0.2, 4).minLr).toBe(0.05);
  });

  it('keeps minLr below maxLr for any input (property)', () => {
    fc.assert(
      fc.property(fc.double({ min: 1e-8, max: 10, noNaN: true }), fc.double({ min: 1.01, max: 1000, noNaN: true }), fc.double({ min: 0, max: 1, noNaN: true }), fc.double({ min: 1e-8, max: 10, noNaN: true }),
        (maxLr, divisor, confidence, confirmed) => {
          const r = confirmedBounds({ maxLr, minLr: maxLr / divisor, source: 'lrfind', confidence }, confirmed);
          return r.confidence === confidence && r.minLr < r.maxLr && r.maxLr === confirmed;
        }),
    );
  });
});

describe('regionsAfterProbes', () => {
  const lrs = Array.from({ length: 100 }, (_, i) => 1e-7 * 10 ** ((8 * i) / 99));
  const region = (kind: Region['kind'], startIndex: number, endIndex: number): Region => ({ kind, startIndex, endIndex, minLr: lrs[startIndex]!, maxLr: lrs[endIndex]! });
  const inside = (r: Region | undefined, lr: number): boolean => r !== undefined && lr >= r.minLr && lr <= r.maxLr;

  it('runs "good" through the largest lr that trained, and ends it below the lowest that failed above it', () => {
    const regions = [region('too-small', 0, 59), region('good', 60, 84), region('too-large', 85, 99)];
    // The README's session: "too large 0.11 … 1" beside "0.11 trained".
    const trainedPast = regionsAfterProbes(regions, lrs, [{ lr: lrs[88]! * 1.01, passed: true }]);
    expect(trainedPast.find((r) => r.kind === 'good')!.endIndex).toBe(88);
    expect(trainedPast.find((r) => r.kind === 'too-large')!.startIndex).toBe(89);
    // The demo: "good" up to 0.23 while probes at 0.17 and 0.22 failed.
    const failedInside = regionsAfterProbes(regions, lrs, [{ lr: lrs[83]!, passed: false }, { lr: lrs[80]! * 1.001, passed: false }, { lr: lrs[78]!, passed: true }]);
    expect(failedInside.find((r) => r.kind === 'good')!.endIndex).toBe(80);
    // No probes, or no good region: as they were.
    expect(regionsAfterProbes(regions, lrs, [])).toEqual(regions);
  });

  it('never lets a trained probe sit in "too large" nor a failed one in "good", on many generated curves and ladders', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 90 }), fc.integer({ min: 1, max: 60 }), fc.boolean(),
        fc.double({ min: 1e-6, max: 10, noNaN: true }), fc.integer({ min: 0, max: 8 }), fc.boolean(),
        (start, width, withLarge, top, failures, passes) => {
          const goodEnd = withLarge ? Math.min(98, start + width) : 99;
          const regions = [
            ...(start > 0 ? [region('too-small', 0, start - 1)] : []),
            region('good', start, goodEnd),
            ...(withLarge ? [region('too-large', goodEnd + 1, 99)] : []),
          ];
          // A ladder: candidates from the top down by 1.25, failing until one passes (or none does).
          const probes = Array.from({ length: failures + (passes ? 1 : 0) }, (_, k) => ({ lr: top / 1.25 ** k, passed: passes && k === failures }));
          const out = regionsAfterProbes(regions, lrs, probes);
          // The regions still tile the curve, in order.
          expect(out[0]!.startIndex).toBe(0);
          expect(out.at(-1)!.endIndex).toBe(99);
          out.slice(1).forEach((r, i) => expect(r.startIndex).toBe(out[i]!.endIndex + 1));
          const good = out.find((r) => r.kind === 'good');
          const large = out.find((r) => r.kind === 'too-large');
          for (const p of probes) {
            if (p.passed) expect(inside(large, p.lr) && !inside(good, p.lr)).toBe(false);
            else expect(inside(good, p.lr)).toBe(false);
          }
        },
      ),
      { numRuns: 500 },
    );
  });
});
