import { describe, expect, it } from 'vitest';
import { renderSvg, scheduleSpec } from '../../reports/index.js';
import { oneCycleInput } from './fixture.js';
import { expectGolden, specText } from './golden.js';
import { allElements, markGroup, parseXml } from './xml.js';

describe('scheduleSpec', () => {
  it('matches the golden spec and SVG for a one-cycle schedule', async () => {
    const spec = scheduleSpec(oneCycleInput());
    expectGolden('schedule-one-cycle.vl.json', specText(spec));
    expectGolden('schedule-one-cycle.svg', await renderSvg(spec));
  });

  it('draws lr and momentum panels, a rule per inner phase boundary, phase labels and an epoch axis', async () => {
    const root = parseXml(await renderSvg(scheduleSpec(oneCycleInput())));
    expect(markGroup(root, 'lr_line')?.children).toHaveLength(1);
    expect(markGroup(root, 'momentum_line')?.children).toHaveLength(1);
    expect(markGroup(root, 'lr_phase_rule')?.children).toHaveLength(1);
    expect(markGroup(root, 'momentum_phase_rule')?.children).toHaveLength(1);
    const texts = allElements(root).filter((e) => e.name === 'text').map((e) => e.text);
    expect(texts).toEqual(expect.arrayContaining(['warm-up', 'annealing', 'epoch', 'step', 'learning rate', 'momentum']));
    for (const epoch of ['1', '5', '9']) expect(texts).toContain(epoch);
  });

  it('draws a bare lr list with one panel and no epoch axis', async () => {
    const root = parseXml(await renderSvg(scheduleSpec({ lr: [0.1, 0.1, 0.01, 0.01] })));
    expect(markGroup(root, 'momentum_line')).toBeUndefined();
    expect(markGroup(root, 'epoch_axis')).toBeUndefined();
    expect(allElements(root).some((e) => e.text === 'Learning-rate schedule')).toBe(true);
  });

  it('thins long schedules but keeps both sides of every jump', () => {
    // SGDR-like: 3 cosine cycles of 4000 steps with warm restarts.
    const lr = Array.from({ length: 12_000 }, (_, s) => 0.05 * (1 + Math.cos((Math.PI * (s % 4000)) / 4000)));
    const spec = scheduleSpec({ lr }, { maxPoints: 500 }) as unknown as { datasets: { schedule: Array<{ step: number }> } };
    const steps = spec.datasets.schedule.map((d) => d.step);
    expect(steps.length).toBeLessThan(600);
    for (const s of [0, 3999, 4000, 7999, 8000, 11_999]) expect(steps).toContain(s);
  });

  it('rejects inconsistent input, naming the argument', () => {
    expect(() => scheduleSpec({ lr: [] })).toThrow(/lr must hold at least 1 value, got 0/);
    expect(() => scheduleSpec({ lr: [1, 2], momentum: [0.9] })).toThrow(/momentum must have lr's length 2, got 1/);
    expect(() => scheduleSpec({ lr: [1, 2], phases: [{ name: 'x', startStep: 0, endStep: 3 }] })).toThrow(RangeError);
    expect(() => scheduleSpec({ lr: [1, 2], stepsPerEpoch: 0 })).toThrow(/stepsPerEpoch must be > 0, got 0/);
    expect(() => scheduleSpec({ lr: [1, Number.NaN] })).toThrow(/lr must hold finite numbers, got NaN/);
  });
});
