import { describe, expect, it } from 'vitest';
import { fastaiOneCycle, oneCycle, scheduleTable, scheduleToCsv, scheduleToJson, warmupCosineTail } from '../../src/schedules/index.js';

describe('oneCycle', () => {
  it('uses PyTorch defaults: start maxLr/25, peak at pctStart·N − 1, end start/1e4', () => {
    const s = oneCycle({ maxLr: 1, totalSteps: 100 });
    expect(s.totalSteps).toBe(100);
    expect(s.lr(0)).toBeCloseTo(1 / 25, 15);
    expect(s.lr(29)).toBe(1);
    expect(s.lr(99)).toBeCloseTo(1 / 25 / 1e4, 18);
    expect(s.momentum?.(0)).toBe(0.95);
    expect(s.momentum?.(29)).toBeCloseTo(0.85, 15);
    expect(s.momentum?.(99)).toBeCloseTo(0.95, 15);
    expect(s.phases.map((p) => [p.name, p.startStep, p.endStep])).toEqual([
      ['warmup', 0, 29],
      ['anneal', 29, 99],
    ]);
  });
  it('holds the final values past the end and the first value before the start', () => {
    const s = oneCycle({ maxLr: 1, epochs: 2, stepsPerEpoch: 10 });
    expect(s.totalSteps).toBe(20);
    expect(s.lr(1000)).toBe(s.lr(19));
    expect(s.lr(-1)).toBe(s.lr(0));
    expect(s.momentum?.(Infinity)).toBe(s.momentum?.(19));
  });
  it('threePhase goes up, back to the start rate, then annihilates', () => {
    const s = oneCycle({ maxLr: 1, totalSteps: 100, threePhase: true, pctStart: 0.25, divFactor: 10, finalDivFactor: 100 });
    expect(s.phases.map((p) => p.name)).toEqual(['warmup', 'cooldown', 'annihilation']);
    expect(s.lr(24)).toBe(1);
    expect(s.lr(48)).toBeCloseTo(0.1, 15);
    expect(s.lr(99)).toBeCloseTo(0.001, 15);
    expect(s.momentum?.(60)).toBeCloseTo(0.95, 15);
  });
  it('cycleMomentum false gives no momentum schedule', () => {
    expect(oneCycle({ maxLr: 1, totalSteps: 10, cycleMomentum: false }).momentum).toBeNull();
  });
  it('never returns NaN for a one-step run or a warm-up shorter than a step', () => {
    for (const totalSteps of [1, 2, 3]) {
      const s = oneCycle({ maxLr: 1, totalSteps });
      for (let t = -1; t <= totalSteps + 1; t++) {
        expect(Number.isFinite(s.lr(t))).toBe(true);
        expect(s.lr(t)).toBeLessThanOrEqual(1);
      }
    }
  });
  it('validates eagerly', () => {
    expect(() => oneCycle({ maxLr: 1, totalSteps: 10, pctStart: 1.5 })).toThrow(new RangeError('pctStart must be in (0, 1), got 1.5'));
    expect(() => oneCycle({ maxLr: 0, totalSteps: 10 })).toThrow('maxLr must be a finite number > 0, got 0');
    expect(() => oneCycle({ maxLr: 1 })).toThrow('totalSteps must be given (or epochs and stepsPerEpoch), got undefined');
    expect(() => oneCycle({ maxLr: 1, epochs: 3 })).toThrow('stepsPerEpoch must be an integer ≥ 1, got undefined');
    expect(() => oneCycle({ maxLr: 1, totalSteps: 10.5 })).toThrow('totalSteps must be an integer ≥ 1, got 10.5');
    expect(() => oneCycle({ maxLr: 1, totalSteps: 10, annealStrategy: 'exp' as 'cos' })).toThrow("annealStrategy must be one of 'cos', 'linear', got \"exp\"");
    expect(() => oneCycle({ maxLr: 1, totalSteps: 10, baseMomentum: 1 })).toThrow('baseMomentum must be in [0, 1), got 1');
    expect(() => oneCycle({ maxLr: 1, totalSteps: 100, threePhase: true, pctStart: 0.6 })).toThrow('pctStart must be ≤ 0.5 when threePhase is true, got 0.6');
  });
});

describe('fastaiOneCycle', () => {
  it('has fastai defaults: pctStart 0.25, start maxLr/25, end maxLr/1e5, moms 0.95/0.85/0.95', () => {
    const s = fastaiOneCycle({ maxLr: 1, totalSteps: 200 });
    expect(s.lr(0)).toBeCloseTo(1 / 25, 15);
    expect(s.lr(49)).toBe(1);
    expect(s.lr(199)).toBeCloseTo(1e-5, 15);
    expect(s.momentum?.(0)).toBe(0.95);
    expect(s.momentum?.(49)).toBeCloseTo(0.85, 15);
    expect(s.momentum?.(199)).toBeCloseTo(0.95, 15);
    expect(fastaiOneCycle({ maxLr: 1, totalSteps: 200, divFactor: 10 }).lr(199)).toBeCloseTo(1e-5, 15);
  });
});

describe('warmupCosineTail (the seed variant)', () => {
  const spe = 5;
  const s = warmupCosineTail({ minLr: 0.01, maxLr: 0.1, warmupSteps: 18 * spe, annealSteps: 18 * spe, tailSteps: 4 * spe });
  it('warms up linearly, anneals by cosine, then decays exponentially to minLr/100', () => {
    expect(s.totalSteps).toBe(200);
    expect(s.momentum).toBeNull();
    expect(s.lr(0)).toBe(0.01);
    expect(s.lr(89)).toBe(0.1);
    expect(s.lr(44.5)).toBeCloseTo(0.055, 15); // linear midpoint
    expect(s.lr(179)).toBeCloseTo(0.01, 15);
    expect(s.lr(199)).toBeCloseTo(0.0001, 15);
    expect(s.lr(189)).toBeCloseTo(0.001, 15); // geometric midpoint of the tail
    expect(s.phases.map((p) => [p.name, p.startStep, p.endStep])).toEqual([
      ['warmup', 0, 89],
      ['anneal', 89, 179],
      ['tail', 179, 199],
    ]);
  });
  it('takes the tail target as an option and can drop the tail', () => {
    const t = warmupCosineTail({ minLr: 0.01, maxLr: 0.1, warmupSteps: 2, annealSteps: 2, tailSteps: 3, tailLr: 0.005 });
    expect(t.lr(6)).toBeCloseTo(0.005, 15);
    const none = warmupCosineTail({ minLr: 0.01, maxLr: 0.1, warmupSteps: 2, annealSteps: 2, tailSteps: 0 });
    expect(none.phases).toHaveLength(2);
    expect(none.lr(3)).toBeCloseTo(0.01, 15);
    expect(() => warmupCosineTail({ minLr: 0.01, maxLr: 0.1, warmupSteps: 2, annealSteps: 2, tailSteps: 1, tailLr: 0.02 })).toThrow(
      'tailLr must be in (0, 0.01], got 0.02',
    );
  });
});

describe('schedule export', () => {
  const s = oneCycle({ maxLr: 0.1, totalSteps: 4 });
  it('tabulates lr and momentum per step', () => {
    const rows = scheduleTable(s.lr, s.momentum, 4);
    expect(rows.map((r) => r.step)).toEqual([0, 1, 2, 3]);
    expect(rows[0]).toEqual({ step: 0, lr: s.lr(0), momentum: 0.95 });
    expect(scheduleTable(s.lr, null, 2)[1]).toEqual({ step: 1, lr: s.lr(1) });
    expect(() => scheduleTable(s.lr, null, -1)).toThrow('totalSteps must be an integer ≥ 0, got -1');
  });
  it('writes CSV with a header and round-trip precision', () => {
    const csv = scheduleToCsv(scheduleTable(s.lr, s.momentum, 4));
    const lines = csv.trimEnd().split('\n');
    expect(lines[0]).toBe('step,lr,momentum');
    expect(lines).toHaveLength(5);
    expect(Number(lines[4]?.split(',')[1])).toBe(s.lr(3));
    expect(scheduleToCsv(scheduleTable(s.lr, null, 1))).toBe(`step,lr\n0,${s.lr(0)}\n`);
  });
  it('writes JSON {lr, momentum?} indexed by step', () => {
    const json = JSON.parse(scheduleToJson(scheduleTable(s.lr, s.momentum, 4))) as { lr: number[]; momentum: number[] };
    expect(json.lr).toEqual([0, 1, 2, 3].map(s.lr));
    expect(json.momentum).toEqual([0, 1, 2, 3].map((t) => s.momentum?.(t)));
    expect(JSON.parse(scheduleToJson(scheduleTable(s.lr, null, 2)))).toEqual({ lr: [s.lr(0), s.lr(1)] });
  });
});
