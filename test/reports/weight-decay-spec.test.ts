// The weight-decay family's chart: one line per decay, the chosen one on top and bold, each lowest
// point, the max lr; compiled by vega-lite without a warning and drawn to SVG.
import * as vega from 'vega';
import { compile, type TopLevelSpec } from 'vega-lite';
import { describe, expect, it } from 'vitest';
import { renderSvg } from '../../reports/index.js';
import { weightDecaySpec } from '../../reports/weight-decay-spec.js';
import { scoreMember } from '../../src/range-test/weight-decay-pick.js';
import type { WeightDecayChoice, WeightDecayMember } from '../../src/types.js';
import { log10Lrs } from '../analysis/synthetic.js';
import { allElements, markGroup, parseXml } from './xml.js';

const lrs = log10Lrs(60, -6, 0);
function member(weightDecay: number, low: number, maxLr: number | null): WeightDecayMember {
  const curve = lrs.map((lr) => {
    const x = Math.log10(lr);
    return x < -2 ? 2.3 - ((2.3 - low) * (x + 6)) / 4 : low + 3 * (x + 2) ** 2;
  });
  const base = { weightDecay, lrs, losses: curve.map((v) => v * 0.95), validationLosses: curve, maxLr };
  const { lowest, lrAtLowest } = scoreMember(base);
  return { ...base, lowest, lrAtLowest };
}

const CHOICE: WeightDecayChoice = {
  value: 1e-4, how: 'chosen', reason: 'weight decay 1e-4 gave the lowest validation loss (0.40; without: 0.50)',
  family: [member(0, 0.5, 0.1), member(1e-4, 0.4, 0.1), member(1e-2, 0.9, 0.05)],
};
const BOUNDS = { maxLr: 0.08, minLr: 0.008, source: 'confirmed', confidence: 0.9 };

describe('weightDecaySpec', () => {
  it('compiles without a warning, draws the chosen decay last, and names it with its max lr', async () => {
    const spec = weightDecaySpec(CHOICE, BOUNDS);
    const warnings: string[] = [];
    const logger = { level: () => logger, error: (...m: unknown[]) => warnings.push(m.join(' ')), warn: (...m: unknown[]) => warnings.push(m.join(' ')), info: () => logger, debug: () => logger };
    vega.parse(compile(structuredClone(spec) as TopLevelSpec, { logger: logger as never }).spec);
    expect(warnings).toEqual([]);
    const curves = (spec as unknown as { datasets: { curves: { decay: string }[] } }).datasets.curves;
    expect(curves.at(-1)!.decay).toBe('wd 1e-4');
    expect(JSON.stringify(spec)).toContain('max lr 8e-2 (wd 1e-4)');
    const root = parseXml(await renderSvg(spec));
    for (const mark of ['validation_line', 'training_line', 'lowest_point']) expect(markGroup(root, mark), mark).toBeDefined();
    expect(allElements(root).some((e) => e.text === 'max lr 8e-2 (wd 1e-4)')).toBe(true);
  });

  it('needs a family to draw', () => {
    expect(() => weightDecaySpec({ value: 1e-3, how: 'given' }, BOUNDS)).toThrow('weightDecaySpec needs a weight decay chosen from a family of range tests');
  });
});
