import { describe, expect, it } from 'vitest';
import { rangeTestSpec, renderSvg } from '../../reports/index.js';
import { digitsInput } from './fixture.js';
import { expectGolden, specText } from './golden.js';
import { allElements, markGroup, parseXml, type XmlElement } from './xml.js';

/** The drawn items of a mark group (vega draws rects as <path>, rules as <line>, text as <text>). */
const items = (root: XmlElement, name: string): XmlElement[] => markGroup(root, name)?.children ?? [];

describe('rangeTestSpec', () => {
  it('matches the golden spec for the digits curve', () => {
    expectGolden('range-test-digits.vl.json', specText(rangeTestSpec(digitsInput())));
    expectGolden('range-test-digits-aggregate.vl.json', specText(rangeTestSpec(digitsInput(true))));
  });

  it('renders one band per region, one rule per usable suggestion, both bounds and the divergence', async () => {
    const svg = await renderSvg(rangeTestSpec(digitsInput()));
    expectGolden('range-test-digits.svg', svg);
    const root = parseXml(svg);
    expect(root.name).toBe('svg');
    expect(items(root, 'region_band')).toHaveLength(3);
    // valley, slide, minimum, steep; 'none' has no lr and gets no rule.
    expect(items(root, 'suggestion_rule')).toHaveLength(4);
    expect(items(root, 'recommendation_rule')).toHaveLength(2);
    expect(items(root, 'divergence_point')).toHaveLength(1);
    expect(markGroup(root, 'spread_band')).toBeUndefined();
    const labels = [...items(root, 'suggestion_label_left'), ...items(root, 'suggestion_label_right')].map((t) => t.text);
    expect(labels.sort()).toEqual(['minimum 0.19', 'slide 0.2', 'steep 1.6', 'valley 6.6e-2']);
    const bounds = [...items(root, 'recommendation_label_left'), ...items(root, 'recommendation_label_right')].map((t) => t.text);
    expect(bounds.sort()).toEqual(['max lr 0.2', 'min lr 2e-2']);
    expect(items(root, 'divergence_label').map((t) => t.text)).toEqual(['diverges at 3.3']);
    expect(svg).not.toMatch(/NaN|undefined|Infinity/);
  });

  it('draws confirmation probes as a rug at their lrs, in the curve legend, and names the one that trained', async () => {
    const probes = [
      { lr: 1.5, endLoss: Number.NaN, passed: false },
      { lr: 1.2, endLoss: 50, passed: false },
      { lr: 0.9, endLoss: 0.2, passed: true },
      { lr: 1e-12, endLoss: 0.3, passed: true }, // off the axis: left out
    ];
    const spec = rangeTestSpec({ ...digitsInput(), probes });
    const data = spec.datasets as unknown as Record<string, { lr: number; loss: number; series: string }[]>;
    const drawn = data['probes']!;
    expect(drawn.map((p) => [p.lr, p.series])).toEqual([[1.5, 'probe: failed'], [1.2, 'probe: failed'], [0.9, 'probe: trained']]);
    // One height, just inside the bottom of the window, whatever the end loss.
    type YLayer = { name?: string; encoding?: { y?: { scale?: { domain?: [number, number] } } } };
    const raw = (spec as unknown as { layer: YLayer[] }).layer.find((l) => l.name === 'raw_loss')!;
    const [lo, hi] = raw.encoding!.y!.scale!.domain!;
    expect(new Set(drawn.map((p) => p.loss)).size).toBe(1);
    expect(drawn[0]!.loss).toBeGreaterThan(lo);
    expect(drawn[0]!.loss).toBeLessThan(lo + 0.1 * (hi - lo));
    expect(JSON.stringify(spec.title)).toContain('4 confirmation probes (sustained training at one lr): the largest that trained: 0.9');
    const root = parseXml(await renderSvg(spec));
    expect(items(root, 'probe_point')).toHaveLength(3);
    const texts = allElements(root).filter((e) => e.name === 'text').map((e) => e.text);
    expect(texts).toEqual(expect.arrayContaining(['probe: trained', 'probe: failed', 'raw loss', 'smoothed loss']));
    // Without probes the spec is as before: no dataset, layer or legend entry for them.
    const plain = rangeTestSpec(digitsInput());
    expect(plain.datasets).not.toHaveProperty('probes');
    expect(JSON.stringify(plain)).not.toContain('probe');
  });

  it('labels the log axis with decades 1e-7 … 1e-1, 1, 10 and names both axes', async () => {
    const root = parseXml(await renderSvg(rangeTestSpec(digitsInput())));
    const texts = allElements(root).filter((e) => e.name === 'text').map((e) => e.text);
    for (const tick of ['1e-7', '1e-6', '1e-5', '1e-4', '1e-3', '1e-2', '1e-1', '1', '10']) expect(texts).toContain(tick);
    expect(texts).toContain('learning rate (log scale)');
    expect(texts).toContain('loss');
    expect(texts).toContain('Learning-rate range test: mlp 64-64-10 · SGD · UCI digits');
  });

  it('draws the spread band when runs were aggregated', async () => {
    const root = parseXml(await renderSvg(rangeTestSpec(digitsInput(true))));
    expect(items(root, 'spread_band')).toHaveLength(1);
    const legend = allElements(root).filter((e) => e.name === 'text').map((e) => e.text);
    expect(legend).toContain('spread of runs');
  });

  it('cuts the loss axis at clipFactor × the first smoothed loss and says so', () => {
    const spec = rangeTestSpec(digitsInput()) as { datasets: Record<string, unknown[]>; title: { subtitle: string[] } };
    const first = digitsInput().smoothedLosses[0] ?? 0;
    expect(spec.title.subtitle[1]).toBe(`loss axis cut at ${Number((first * 1.5).toPrecision(3))} (the loss reaches 90.6)`);
    // Before the explosion there is nothing to cut.
    const input = digitsInput();
    const calm = { ...input, curve: { lrs: input.curve.lrs.slice(0, 80), losses: input.curve.losses.slice(0, 80) }, smoothedLosses: input.smoothedLosses.slice(0, 80), divergenceIndex: null };
    expect((rangeTestSpec(calm) as { title: { subtitle: string[] } }).title.subtitle).toHaveLength(1);
  });

  it('stacks rule labels so that no two in a row overlap', () => {
    const spec = rangeTestSpec(digitsInput()) as unknown as { datasets: { labelBoxes: Array<{ from: number; to: number; y: number }> } };
    const boxes = spec.datasets.labelBoxes;
    for (const [i, a] of boxes.entries()) {
      for (const b of boxes.slice(i + 1)) {
        if (a.y === b.y) expect(a.to <= b.from || b.to <= a.from).toBe(true);
      }
    }
  });

  it('draws a curve with no recommendation, no suggestions and no divergence', async () => {
    const input = { ...digitsInput(), recommendation: null, suggestions: {}, divergenceIndex: null, meta: {} };
    const root = parseXml(await renderSvg(rangeTestSpec(input)));
    expect(markGroup(root, 'suggestion_rule')).toBeUndefined();
    expect(markGroup(root, 'divergence_point')).toBeUndefined();
    expect(allElements(root).some((e) => e.text === 'Learning-rate range test')).toBe(true);
  });

  it('drops non-finite losses instead of writing null points', async () => {
    const input = digitsInput();
    input.curve.losses[99] = Number.NaN;
    input.smoothedLosses[99] = Number.POSITIVE_INFINITY;
    const svg = await renderSvg(rangeTestSpec(input));
    expect(svg).not.toMatch(/NaN|Infinity/);
    parseXml(svg);
  });

  it('rejects what it cannot draw, naming the argument', () => {
    const input = digitsInput();
    expect(() => rangeTestSpec({ ...input, curve: { lrs: [1e-3], losses: [1] }, smoothedLosses: [1] })).toThrow(/curve.lrs must hold at least 2 points, got 1/);
    expect(() => rangeTestSpec({ ...input, smoothedLosses: [1, 2] })).toThrow(RangeError);
    expect(() => rangeTestSpec({ ...input, curve: { lrs: [0, ...input.curve.lrs.slice(1)], losses: input.curve.losses } })).toThrow(/> 0 for a log axis, got 0/);
    expect(() => rangeTestSpec(input, { clipFactor: 1 })).toThrow(/clipFactor must be > 1, got 1/);
    expect(() => rangeTestSpec(input, { width: 0 })).toThrow(/width must be > 0, got 0/);
  });
});
