import { describe, expect, it } from 'vitest';
import { comparisonSpec, renderSvg } from '../../reports/index.js';
import { comparisonInput } from './fixture.js';
import { expectGolden, specText } from './golden.js';
import { allElements, parseXml } from './xml.js';

describe('comparisonSpec', () => {
  it('matches the golden spec and SVG', async () => {
    const spec = comparisonSpec(comparisonInput());
    expectGolden('comparison.vl.json', specText(spec));
    expectGolden('comparison.svg', await renderSvg(spec));
  });

  it('draws a loss and an accuracy panel with a train and a validation line per run', async () => {
    const root = parseXml(await renderSvg(comparisonSpec(comparisonInput())));
    const groups = allElements(root).filter((e) => e.name === 'g' && (e.attrs.class ?? '').includes('run_line_marks'));
    // 2 panels × 3 runs × (train, validation): vega draws each series as its own line group.
    const lines = groups.filter((g) => g.attrs.class?.startsWith('mark-line')).flatMap((g) => g.children);
    expect(lines).toHaveLength(12);
    expect(lines.every((l) => l.name === 'path')).toBe(true);
    const dashed = lines.filter((l) => l.attrs['stroke-dasharray'] !== undefined && l.attrs['stroke-dasharray'] !== '1,0');
    expect(dashed).toHaveLength(6);
    const texts = allElements(root).filter((e) => e.name === 'text').map((e) => e.text);
    expect(texts).toEqual(expect.arrayContaining(['loss', 'accuracy']));
  });

  it('puts each run’s final validation accuracy in its legend label', async () => {
    const root = parseXml(await renderSvg(comparisonSpec(comparisonInput())));
    const labels = allElements(root).filter((e) => e.name === 'g' && e.attrs.class?.includes('role-legend-label')).flatMap((g) => g.children.map((t) => t.text));
    expect(labels).toEqual(['default: sgd lr 0.01 — val acc 0.748', 'default: adam lr 1e-3 — val acc 0.939', 'lrfind: sgd one-cycle 0.2 — val acc 0.98']);
  });

  it('falls back to training accuracy and keeps duplicate names apart', () => {
    const history = [{ epoch: 1, loss: 1, accuracy: 0.5 }];
    const spec = comparisonSpec({ runs: [{ name: 'a', history }, { name: 'a', history }] }) as unknown as {
      spec: { layer: Array<{ encoding: { color: { scale: { domain: string[] } } } }> };
    };
    expect(spec.spec.layer[0]?.encoding.color.scale.domain).toEqual(['a — acc 0.5', 'a — acc 0.5 (#2)']);
  });

  it('rejects empty input, naming the argument', () => {
    expect(() => comparisonSpec({ runs: [] })).toThrow(/runs must hold at least 1 run, got 0/);
    expect(() => comparisonSpec({ runs: [{ name: 'x', history: [] }] })).toThrow(/history must hold at least 1 epoch, got 0 for x/);
  });
});
