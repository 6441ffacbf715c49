// The finder's one result: the bounds after the probes, and regions that agree with them.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { analyzeCurve } from '../../src/analysis/analyze.js';
import { finderResult } from '../../src/range-test/result.js';
import type { Analysis, Confirmation, RangeTestResult, Region } from '../../src/types.js';
import { shapedCurve } from '../analysis/synthetic.js';

const RANGE_TEST = { runs: [], stopReason: 'completed' } as unknown as RangeTestResult;

function confirmation(probes: { lr: number; passed: boolean }[]): Confirmation {
  const edge = probes.find((p) => p.passed)?.lr ?? null;
  return { maxLr: edge === null ? null : edge / 1.3, edge, target: 1, probes: probes.map((p) => ({ ...p, losses: [1], endLoss: 1 })), stopped: false };
}

const inside = (r: Region | undefined, lr: number): boolean => r !== undefined && lr >= r.minLr && lr <= r.maxLr;

describe('finderResult', () => {
  const readable = analyzeCurve(shapedCurve({ seed: 1 }));

  it('confirms the bounds a probe trained at; with every probe failed it gives none, and says why first', () => {
    const top = readable.curve.lrs[readable.divergenceIndex!]!;
    const passed = finderResult(RANGE_TEST, readable, confirmation([{ lr: top, passed: false }, { lr: top / 1.25, passed: true }]));
    expect(passed.bounds).toMatchObject({ maxLr: top / 1.25 / 1.3, source: 'confirmed' });
    const failed = finderResult(RANGE_TEST, readable, confirmation([{ lr: top, passed: false }, { lr: top / 1.25, passed: false }]));
    expect(failed.bounds).toBeNull();
    expect(failed.analysis!.warnings[0]).toMatch(/^no probe trained \(2 probes from lr .* down to .*\), so there are no bounds: /);
    // Stopped probes confirm nothing and refuse nothing: the curve's bounds, unconfirmed.
    const stopped = finderResult(RANGE_TEST, readable, { ...confirmation([]), stopped: true });
    expect(stopped.bounds).toBe(readable.curveBounds);
    expect(finderResult(RANGE_TEST, readable, null, { escalations: [] }).escalations).toEqual([]);
  });

  it('gives bounds a probe found where the curve gave none: good from max lr / divFactor to the probe', () => {
    const weak: Analysis = { ...analyzeCurve(shapedCurve({ low: 2.2, noise: 0.05, seed: 2 })) };
    const noBounds = { ...weak, curveBounds: null, regions: [{ kind: 'too-small' as const, startIndex: 0, endIndex: 99, minLr: weak.curve.lrs[0]!, maxLr: weak.curve.lrs[99]! }], warnings: ['no good region (the loss barely fell), so there are no bounds: run more steps'] };
    const lr = weak.curve.lrs[80]!;
    const found = finderResult(RANGE_TEST, noBounds, confirmation([{ lr: lr * 1.25, passed: false }, { lr, passed: true }]), { divFactor: 10 });
    expect(found.bounds).toEqual({ maxLr: lr / 1.3, minLr: lr / 13, source: 'confirmed', confidence: 0.3 });
    const good = found.analysis!.regions.find((r) => r.kind === 'good')!;
    expect(good.minLr).toBeGreaterThanOrEqual(lr / 13);
    expect(good.maxLr).toBeLessThanOrEqual(lr);
    expect(found.analysis!.warnings.some((w) => /no bounds/.test(w))).toBe(false);
  });

  it('never lets a trained probe sit in "too large" nor a failed one in "good", nor the min lr in "too small" unsaid, on many generated curves and ladders', () => {
    fc.assert(
      fc.property(
        fc.double({ min: -6, max: -2, noNaN: true }), fc.double({ min: 0.5, max: 3, noNaN: true }), fc.double({ min: 0.05, max: 2.2, noNaN: true }),
        fc.option(fc.double({ min: -2, max: 0.9, noNaN: true }), { nil: null }), fc.double({ min: 0, max: 0.3, noNaN: true }), fc.integer({ min: 0, max: 1000 }),
        fc.integer({ min: 0, max: 16 }), fc.boolean(), fc.double({ min: 0.05, max: 0.95, noNaN: true }),
        (fallStart, fallWidth, low, blowUp, noise, seed, failures, passes, topAt) => {
          const analysis = analyzeCurve(shapedCurve({ fallStart, fallEnd: fallStart + fallWidth, low, blowUp, noise, seed }));
          const lrs = analysis.curve.lrs;
          const top = lrs[Math.floor(topAt * (lrs.length - 1))]!;
          const probes = Array.from({ length: failures + (passes ? 1 : 0) }, (_, k) => ({ lr: top / 1.25 ** k, passed: passes && k === failures }));
          const found = finderResult(RANGE_TEST, analysis, probes.length > 0 ? confirmation(probes) : null);
          const regions = found.analysis!.regions;
          expect(regions[0]!.startIndex).toBe(0);
          expect(regions.at(-1)!.endIndex).toBe(lrs.length - 1);
          regions.slice(1).forEach((r, i) => expect(r.startIndex).toBe(regions[i]!.endIndex + 1));
          const good = regions.find((r) => r.kind === 'good');
          const large = regions.find((r) => r.kind === 'too-large');
          for (const p of probes) {
            if (p.passed) expect(inside(large, p.lr) && !inside(good, p.lr)).toBe(false);
            else expect(inside(good, p.lr)).toBe(false);
          }
          const small = regions.find((r) => r.kind === 'too-small');
          if (found.bounds !== null && good !== undefined && inside(small, found.bounds.minLr) && found.bounds.minLr < good.minLr) {
            expect(found.analysis!.warnings.some((w) => w.startsWith(`min lr`))).toBe(true);
          }
          if (probes.length > 0 && !passes) expect(found.bounds).toBeNull();
        },
      ),
      { numRuns: 300 },
    );
  });
});
