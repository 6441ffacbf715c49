// Invariants of every schedule, checked on random parameters and steps (fast-check).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Schedule } from '../../src/types.js';
import {
  cosineAnnealing,
  cyclic,
  exponentialDecay,
  fastaiOneCycle,
  oneCycle,
  sgdr,
  stepDecay,
  warmupCosineTail,
  type CycleSchedule,
} from '../../src/schedules/index.js';

const RUNS = { numRuns: 200, seed: 20240601 };
const lrArb = fc.double({ min: 1e-6, max: 10, noNaN: true });
const anyStep = fc.oneof(
  fc.integer({ min: 0, max: 1_000_000 }),
  fc.constantFrom(0, 1, Number.MAX_SAFE_INTEGER),
  fc.double({ noNaN: false }), // negative, fractional, ±Infinity, NaN
);

const oneCycleArb = fc
  .record({
    maxLr: lrArb,
    totalSteps: fc.integer({ min: 1, max: 5000 }),
    pctStart: fc.double({ min: 0.01, max: 0.99, noNaN: true }),
    annealStrategy: fc.constantFrom('cos' as const, 'linear' as const),
    divFactor: fc.double({ min: 1, max: 1e3, noNaN: true }),
    finalDivFactor: fc.double({ min: 1, max: 1e5, noNaN: true }),
    baseMomentum: fc.double({ min: 0, max: 0.9, noNaN: true }),
    maxMomentum: fc.double({ min: 0.9, max: 0.999, noNaN: true }),
  });

const seedArb = fc.record({
  minLr: fc.double({ min: 1e-5, max: 1, noNaN: true }),
  ratio: fc.double({ min: 1, max: 1e3, noNaN: true }),
  warmupSteps: fc.integer({ min: 1, max: 500 }),
  annealSteps: fc.integer({ min: 1, max: 500 }),
  tailSteps: fc.integer({ min: 0, max: 200 }),
});

/** Any schedule the library builds, with its bounds. */
const scheduleArb: fc.Arbitrary<{ name: string; s: Schedule; lo: number; hi: number }> = fc.oneof(
  oneCycleArb.map((o) => {
    const c = oneCycle(o);
    return { name: 'oneCycle', s: c.lr, lo: o.maxLr / o.divFactor / o.finalDivFactor, hi: o.maxLr };
  }),
  seedArb.map((o) => {
    const c = warmupCosineTail({ ...o, maxLr: o.minLr * o.ratio });
    return { name: 'seed', s: c.lr, lo: o.minLr / 100, hi: o.minLr * o.ratio };
  }),
  fc.record({ baseLr: lrArb, t0: fc.integer({ min: 1, max: 100 }), tMult: fc.integer({ min: 1, max: 4 }), etaMin: fc.double({ min: 0, max: 1e-6, noNaN: true }) })
    .map((o) => ({ name: 'sgdr', s: sgdr(o), lo: o.etaMin, hi: o.baseLr })),
  fc.record({ baseLr: lrArb, extra: lrArb, stepSizeUp: fc.integer({ min: 1, max: 100 }), stepSizeDown: fc.integer({ min: 1, max: 100 }), mode: fc.constantFrom('triangular' as const, 'triangular2' as const, 'exp_range' as const), gamma: fc.double({ min: 0.5, max: 1, noNaN: true }) })
    .map((o) => ({ name: 'cyclic', s: cyclic({ ...o, maxLr: o.baseLr + o.extra }), lo: o.baseLr, hi: o.baseLr + o.extra })),
  fc.record({ baseLr: lrArb, stepSize: fc.integer({ min: 1, max: 50 }), gamma: fc.double({ min: 0.01, max: 1, noNaN: true }) })
    .map((o) => ({ name: 'stepDecay', s: stepDecay(o), lo: 0, hi: o.baseLr })),
  fc.record({ baseLr: lrArb, gamma: fc.double({ min: 0.5, max: 1, noNaN: true }) })
    .map((o) => ({ name: 'exponentialDecay', s: exponentialDecay(o), lo: 0, hi: o.baseLr })),
  fc.record({ baseLr: lrArb, tMax: fc.integer({ min: 1, max: 1000 }) })
    .map((o) => ({ name: 'cosineAnnealing', s: cosineAnnealing(o), lo: 0, hi: o.baseLr })),
);

/** Slack for rounding in comparisons between values of order `x`. */
const eps = (x: number) => Math.abs(x) * 1e-12;

describe('schedule invariants', () => {
  it('never throw or return NaN, and stay within [min, max] for any step', () => {
    fc.assert(
      fc.property(scheduleArb, anyStep, ({ s, lo, hi }, step) => {
        const v = s(step);
        expect(Number.isFinite(v)).toBe(true);
        expect(v).toBeGreaterThanOrEqual(lo - eps(lo));
        expect(v).toBeLessThanOrEqual(hi + eps(hi));
      }),
      RUNS,
    );
  });

  it('read negative steps (and NaN) as step 0', () => {
    fc.assert(
      fc.property(scheduleArb, fc.double({ max: -Number.MIN_VALUE, noNaN: true }), ({ s }, neg) => {
        expect(s(neg)).toBe(s(0));
        expect(s(Number.NaN)).toBe(s(0));
      }),
      RUNS,
    );
  });

  const warmups: fc.Arbitrary<CycleSchedule> = fc.oneof(
    oneCycleArb.map((o) => oneCycle(o)),
    oneCycleArb.map((o) => fastaiOneCycle({ maxLr: o.maxLr, totalSteps: o.totalSteps })),
    seedArb.map((o) => warmupCosineTail({ ...o, maxLr: o.minLr * o.ratio })),
  );

  it('warm-up is monotone non-decreasing and peaks at its end; the rest never exceeds the peak', () => {
    fc.assert(
      fc.property(warmups, (c) => {
        const warm = c.phases[0];
        if (!warm) throw new Error('no phases');
        const peak = warm.endLr;
        // Plain loops with one expect each: expect() per step is slow over thousands of steps.
        let prev = -Infinity;
        let firstDrop = -1;
        for (let t = 0; t <= Math.max(0, Math.floor(warm.endStep)) && firstDrop < 0; t++) {
          const v = c.lr(t);
          if (v < prev - eps(v)) firstDrop = t;
          prev = v;
        }
        expect(firstDrop).toBe(-1);
        if (Number.isInteger(warm.endStep) && warm.endStep >= 0) expect(c.lr(warm.endStep)).toBeCloseTo(peak, 12);
        let above = -1;
        for (let t = 0; t < c.totalSteps + 3 && above < 0; t++) if (c.lr(t) > peak + eps(peak)) above = t;
        expect(above).toBe(-1);
      }),
      { numRuns: 60, seed: 7 },
    );
  });

  it('is continuous at every phase join (lr and momentum)', () => {
    fc.assert(
      fc.property(warmups, (c) => {
        for (const p of c.phases.slice(1)) {
          const b = p.startStep;
          const scale = Math.abs(c.lr(b)) + 1e-300;
          // Left limit vs value at the join: a jump would show at this resolution.
          expect(Math.abs(c.lr(b - 1e-9) - c.lr(b)) / scale).toBeLessThan(1e-6);
          if (c.momentum) expect(Math.abs(c.momentum(b - 1e-9) - c.momentum(b))).toBeLessThan(1e-6);
        }
      }),
      { numRuns: 100, seed: 11 },
    );
  });

  it('one-cycle momentum moves against the learning rate within [baseMomentum, maxMomentum]', () => {
    fc.assert(
      fc.property(oneCycleArb, fc.integer({ min: 0, max: 5000 }), (o, t) => {
        const c = oneCycle(o);
        const m = c.momentum?.(t) ?? Number.NaN;
        expect(m).toBeGreaterThanOrEqual(o.baseMomentum - 1e-12);
        expect(m).toBeLessThanOrEqual(o.maxMomentum + 1e-12);
        // Warm-up: as lr goes up, momentum goes down.
        if (t + 1 <= c.phases[0]!.endStep) {
          expect(c.momentum!(t + 1)).toBeLessThanOrEqual(m + 1e-12);
        }
      }),
      RUNS,
    );
  });
});
