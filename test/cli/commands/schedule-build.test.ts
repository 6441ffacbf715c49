import { describe, expect, it } from 'vitest';
import { applyBounds, buildSchedule, totalStepsOf, type BuiltSchedule } from '../../../cli/commands/schedule-build.js';
import type { CycleSchedule } from '../../../src/schedules/index.js';
import type { Schedule } from '../../../src/types.js';
import { phaseRanges as reportPhases } from '../../../src/schedules/index.js';
import { oneCycle } from '../../../src/schedules/index.js';

describe('totalStepsOf', () => {
  it('prefers --total-steps, else --epochs × --steps-per-epoch', () => {
    expect(totalStepsOf('cosine', { 'total-steps': 7, epochs: 2, 'steps-per-epoch': 3 })).toBe(7);
    expect(totalStepsOf('cosine', { epochs: 2, 'steps-per-epoch': 3 })).toBe(6);
    expect(() => totalStepsOf('cosine', { epochs: 2 })).toThrow('the cosine schedule needs --total-steps (or --epochs and --steps-per-epoch)');
    expect(() => totalStepsOf('cosine', { 'total-steps': 0 })).toThrow('--total-steps must be an integer ≥ 1, got 0');
  });
});

describe('applyBounds', () => {
  it('fills only the flags a schedule reads, never over an explicit one', () => {
    const bounds = { maxLr: 0.1, minLr: 0.01 };
    // One-cycle starts at the lower bound, --min-lr (unless --max-lr or --div-factor was given).
    expect(applyBounds('onecycle', {}, bounds)).toEqual({ 'max-lr': 0.1, 'min-lr': 0.01 });
    expect(applyBounds('onecycle', { 'max-lr': 0.5 }, bounds)).toEqual({ 'max-lr': 0.5 });
    expect(applyBounds('onecycle', { 'min-lr': 0.02 }, bounds)).toEqual({ 'max-lr': 0.1, 'min-lr': 0.02 });
    expect(applyBounds('onecycle', { 'div-factor': 25 }, bounds)).toEqual({ 'max-lr': 0.1, 'div-factor': 25 });
    expect(applyBounds('cyclic', {}, bounds)).toEqual({ 'max-lr': 0.1, 'base-lr': 0.01 });
    expect(applyBounds('cosine', {}, bounds)).toEqual({ 'base-lr': 0.1 });
    expect(applyBounds('warmup-cosine-tail', { 'min-lr': 0.05 }, bounds)).toEqual({ 'max-lr': 0.1, 'min-lr': 0.05 });
  });

  it('builds one-cycle from typed bounds as from --from: it starts at --min-lr', () => {
    const typed = buildSchedule('onecycle', { 'max-lr': 0.1, 'min-lr': 0.01, 'total-steps': 100 });
    const fromFile = buildSchedule('onecycle', { ...applyBounds('onecycle', {}, { maxLr: 0.1, minLr: 0.01 }), 'total-steps': 100 });
    const lrOf = (b: BuiltSchedule): Schedule => (typeof b.schedule === 'function' ? b.schedule : b.schedule.lr);
    expect(lrOf(typed)(0)).toBeCloseTo(0.01, 15);
    for (const step of [0, 10, 30, 60, 99]) expect(lrOf(typed)(step)).toBe(lrOf(fromFile)(step));
    expect(() => buildSchedule('onecycle', { 'max-lr': 0.1, 'min-lr': 0.01, 'div-factor': 5, 'total-steps': 100 })).toThrow(/--min-lr and --div-factor both set/);
    expect(() => buildSchedule('onecycle', { 'max-lr': 0.1, 'min-lr': 0.2, 'total-steps': 100 })).toThrow(/--min-lr must be below --max-lr/);
  });
});

describe('reportPhases', () => {
  it('turns PyTorch phase ends into whole-step ranges that tile the run', () => {
    expect(reportPhases(oneCycle({ maxLr: 1, totalSteps: 100 }))).toEqual([
      { name: 'warmup', startStep: 0, endStep: 30 },
      { name: 'anneal', startStep: 30, endStep: 100 },
    ]);
    const three = reportPhases(oneCycle({ maxLr: 1, totalSteps: 10, threePhase: true, pctStart: 0.25 }));
    expect(three.map((p) => [p.startStep, p.endStep])).toEqual([[0, 2], [2, 4], [4, 10]]);
  });
});

describe('buildSchedule', () => {
  it('splits warmup-cosine-tail 45 / 45 / 10 % of the run by default', () => {
    const built = buildSchedule('warmup-cosine-tail', { 'max-lr': 0.1, 'min-lr': 0.01, 'total-steps': 40 });
    expect(built.totalSteps).toBe(40);
    expect(reportPhases(built.schedule as CycleSchedule).map((p) => p.endStep - p.startStep)).toEqual([18, 18, 4]);
  });

  it('rejects phase lengths that do not add up', () => {
    expect(() => buildSchedule('warmup-cosine-tail', { 'max-lr': 0.1, 'min-lr': 0.01, 'total-steps': 40, 'warmup-steps': 30 })).toThrow(
      '--warmup-steps + --anneal-steps + --tail-steps must add up to the 40 total steps, got 30 + 18 + -8',
    );
  });

  it("linear follows PyTorch's LinearLR factors", () => {
    const lr = buildSchedule('linear', { 'base-lr': 0.3, 'total-steps': 10, 'total-iters': 4 }).schedule as Schedule;
    expect(lr(0)).toBeCloseTo(0.1, 15);
    expect(lr(4)).toBeCloseTo(0.3, 15);
    expect(lr(9)).toBeCloseTo(0.3, 15);
  });
});
