import { describe, expect, it } from 'vitest';
import { comparisonSpec, rangeTestSpec, renderSvg, scheduleSpec, type AnySpec, type TopLevelSpec } from '../../reports/index.js';
import { renumberDefIds } from '../../reports/render-svg.js';
import { measureText } from '../../reports/text-metrics.js';
import { VEGA_LITE_SCHEMA } from '../../reports/theme.js';
import { comparisonInput, digitsInput, oneCycleInput } from './fixture.js';
import { allElements, parseXml } from './xml.js';

const specs = (): TopLevelSpec[] => [rangeTestSpec(digitsInput(true)), scheduleSpec(oneCycleInput()), comparisonSpec(comparisonInput())];

describe('renderSvg', () => {
  it('gives byte-identical SVG for the same spec, run after run and when renders interleave', async () => {
    const sequential: string[] = [];
    for (const spec of specs()) sequential.push(await renderSvg(spec));
    // The second round runs after vega's global id counters have moved on, and interleaved.
    const concurrent = await Promise.all(specs().map((spec) => renderSvg(spec)));
    expect(concurrent).toEqual(sequential);
    // Across processes: the golden SVGs (written by another process) pin the bytes, see *-spec.test.ts.
  });

  it('numbers clip paths from 1 in every SVG, whatever vega’s global counter says', async () => {
    const clipped = {
      $schema: VEGA_LITE_SCHEMA,
      data: { values: [{ x: 1, y: 1 }, { x: 2, y: 5 }, { x: 3, y: 2 }] },
      mark: { type: 'line', clip: true },
      encoding: { x: { field: 'x', type: 'quantitative' }, y: { field: 'y', type: 'quantitative', scale: { domain: [0, 3] } } },
    } as TopLevelSpec;
    await renderSvg(clipped);
    const svg = await renderSvg(clipped);
    const ids = [...svg.matchAll(/<clipPath id="([^"]+)"/g)].map((m) => m[1]);
    expect(ids.length).toBeGreaterThan(0);
    expect(ids).toEqual(ids.map((_, i) => `clip${i + 1}`));
    for (const id of ids) expect(svg).toContain(`url(#${id})`);
  });

  it('renumbers ids in order of appearance and rewrites their references', () => {
    const svg = '<svg><g clip-path="url(#clip7)"/><defs><clipPath id="clip7"/><clipPath id="clip9"/><linearGradient id="gradient_4"/></defs><path fill="url(#gradient_4)" clip-path="url(#clip9)"/></svg>';
    expect(renumberDefIds(svg)).toBe(
      '<svg><g clip-path="url(#clip1)"/><defs><clipPath id="clip1"/><clipPath id="clip2"/><linearGradient id="gradient_1"/></defs><path fill="url(#gradient_1)" clip-path="url(#clip2)"/></svg>',
    );
  });

  it('renders a plain vega spec too', async () => {
    const vega: AnySpec = {
      $schema: 'https://vega.github.io/schema/vega/v6.json',
      width: 50,
      height: 20,
      marks: [{ type: 'text' as const, encode: { enter: { text: { value: 'hello' }, x: { value: 5 }, y: { value: 10 } } } }],
    };
    const root = parseXml(await renderSvg(vega));
    expect(allElements(root).some((e) => e.name === 'text' && e.text === 'hello')).toBe(true);
  });

  it('measures text with DejaVu Sans widths, not vega’s 0.8 em guess', () => {
    // DejaVu Sans: 'l' 278, 'm' 974, 'W' 989 per 1000 em.
    expect(measureText('l', 10)).toBeCloseTo(2.78, 5);
    expect(measureText('mW', 10)).toBeCloseTo(19.63, 5);
    expect(measureText('1e-7', 11, true)).toBeGreaterThan(measureText('1e-7', 11));
    // A legend label ends where its text ends: the legend is exactly as wide as the widest label needs.
    const width = measureText('learning rate (log scale)', 12);
    expect(width).toBeGreaterThan(120);
    expect(width).toBeLessThan(0.8 * 25 * 12);
  });
});

describe('renderSvg and its input', () => {
  it('leaves the spec exactly as it was (vega tags data rows in place)', async () => {
    const spec = rangeTestSpec(digitsInput());
    const before = JSON.stringify(spec);
    const curve = (spec as unknown as { datasets: { curve: object[] } }).datasets.curve;
    await renderSvg(spec);
    expect(JSON.stringify(spec)).toBe(before);
    expect(Object.getOwnPropertySymbols(curve[0] ?? {})).toEqual([]);
  });
});
