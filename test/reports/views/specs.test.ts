// The views' specs, checked without a browser: each compiles with vega-lite and vega without a
// warning, keeps the datasets the live views insert into, and the tooltip rows say the right thing.
import * as vega from 'vega';
import { compile, type TopLevelSpec } from 'vega-lite';
import { describe, expect, it } from 'vitest';
import { rangeTestSpec } from '../../../reports/index.js';
import { oneCycle } from '../../../src/schedules/one-cycle.js';
import { LIVE_DATA, liveProbeSpec, liveSweepSpec, liveTrainingSpec } from '../../../reports/views/live-specs.js';
import { scheduleViewSpec } from '../../../reports/views/schedule-view.js';
import { tooltipRows, withTooltips } from '../../../reports/views/tooltips.js';
import { digitsInput } from '../fixture.js';

/** Compiles and parses `spec`, returning vega-lite's warnings and the vega data names. */
function check(spec: TopLevelSpec): { warnings: string[]; data: string[] } {
  const warnings: string[] = [];
  const logger = { level: () => logger, error: (...m: unknown[]) => warnings.push(m.join(' ')), warn: (...m: unknown[]) => warnings.push(m.join(' ')), info: () => logger, debug: () => logger };
  const vg = compile(structuredClone(spec), { logger: logger as never }).spec;
  vega.parse(vg);
  return { warnings, data: (vg.data ?? []).map((d) => d.name) };
}

describe('tooltips', () => {
  const input = digitsInput();
  const rows = tooltipRows(input);

  it('give every point its step, lr, losses, region and place against the bounds', () => {
    expect(rows).toHaveLength(input.curve.lrs.length);
    expect(rows[0]).toMatchObject({ step: 0, lr: input.curve.lrs[0], region: 'too small', bounds: 'below min lr' });
    expect(rows[70]).toMatchObject({ region: 'good' });
    expect(rows.at(-1)).toMatchObject({ region: 'too large', bounds: 'above max lr' });
    const inside = rows.find((r) => (r.lr as number) >= 0.02 && (r.lr as number) <= 0.2);
    expect(inside?.bounds).toBe('within the bounds');
  });

  it('add one hover layer to the report and leave the report itself as it was', () => {
    const spec = rangeTestSpec(input);
    const before = JSON.stringify(spec);
    const hovered = withTooltips(spec, rows);
    expect(JSON.stringify(spec)).toBe(before);
    expect((hovered as { layer: unknown[] }).layer.length).toBe((spec as { layer: unknown[] }).layer.length + 1);
    expect(check(hovered).warnings).toEqual([]);
  });

  it('leave a spec that is not one layered chart unchanged', () => {
    const concat = { vconcat: [] } as unknown as TopLevelSpec;
    expect(withTooltips(concat, rows)).toBe(concat);
  });
});

describe('live specs', () => {
  it.each([
    ['sweep', liveSweepSpec({ startLr: 1e-7, endLr: 10 }), [LIVE_DATA.sweep, LIVE_DATA.sweepSmoothed]],
    ['sweep without a range', liveSweepSpec(), [LIVE_DATA.sweep, LIVE_DATA.sweepSmoothed]],
    ['probes', liveProbeSpec(), [LIVE_DATA.probes]],
    ['training', liveTrainingSpec(), [LIVE_DATA.batches, LIVE_DATA.epochs]],
  ] as const)('%s compiles cleanly and keeps its named datasets', (_name, spec, names) => {
    const { warnings, data } = check(spec);
    expect(warnings).toEqual([]);
    for (const name of names) expect(data).toContain(name);
  });

  it('ticks the live sweep on the decades of its range and of how far an escalation may extend it, as the report does', () => {
    const x = (liveSweepSpec({ startLr: 1e-7, endLr: 10 }) as unknown as { layer: { encoding: { x: { axis: { values?: number[] }; scale: unknown } } }[] }).layer[0]!.encoding.x;
    expect(x.axis.values).toEqual([1e-7, 1e-6, 1e-5, 1e-4, 1e-3, 1e-2, 1e-1, 1, 10, 100, 1000]);
    expect(x.scale).toEqual({ type: 'log', domain: { unionWith: [1e-7, 10] }, nice: false });
  });
});

describe('scheduleViewSpec', () => {
  it('draws a one-cycle with its momentum panel and phases, and a plain function alone', () => {
    const cycle = oneCycle({ maxLr: 0.1, totalSteps: 100 });
    const spec = scheduleViewSpec(cycle, 100, { stepsPerEpoch: 10 });
    expect(check(spec).warnings).toEqual([]);
    expect(JSON.stringify(spec)).toContain('momentum_line');
    const plain = scheduleViewSpec((step) => 0.1 / (1 + step), 50);
    expect(JSON.stringify(plain)).not.toContain('momentum_line');
    expect(() => scheduleViewSpec(cycle, -1)).toThrow(RangeError);
  });
});
