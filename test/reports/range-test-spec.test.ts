import { describe, expect, it } from 'vitest';
import { rangeTestSpec, renderSvg } from '../../reports/index.js';
import { digitsInput } from './fixture.js';
import { expectGolden, specText } from './golden.js';
import { allElements, markGroup, parseXml, type XmlElement } from './xml.js';
import { measureText } from '../../reports/text-metrics.js';
import { regionsAfterProbes } from '../../src/range-test/confirm.js';

type Spec = { title: { subtitle: string[] }; datasets: Record<string, unknown[]>; layer: Array<{ name?: string; encoding?: unknown }> };

/** The drawn items of a mark group (vega draws rects as <path>, rules as <line>, text as <text>). */
const items = (root: XmlElement, name: string): XmlElement[] => markGroup(root, name)?.children ?? [];

describe('rangeTestSpec', () => {
  it('matches the golden spec for the digits curve', () => {
    expectGolden('range-test-digits.vl.json', specText(rangeTestSpec(digitsInput())));
    expectGolden('range-test-digits-aggregate.vl.json', specText(rangeTestSpec(digitsInput(true))));
  });

  it("renders one band per region, the bounds above the curve, the rules' picks in the strip under it, and the divergence", async () => {
    const spec = rangeTestSpec(digitsInput());
    const svg = await renderSvg(spec);
    expectGolden('range-test-digits.svg', svg);
    const root = parseXml(svg);
    expect(root.name).toBe('svg');
    expect(items(root, 'region_band')).toHaveLength(3);
    // valley, slide, minimum, steep; 'none' has no lr and gets no tick.
    expect(items(root, 'suggestion_rule')).toHaveLength(4);
    expect(items(root, 'suggestion_point')).toHaveLength(4);
    expect(items(root, 'recommendation_rule')).toHaveLength(2);
    expect(items(root, 'divergence_point')).toHaveLength(1);
    expect(markGroup(root, 'spread_band')).toBeUndefined();
    const labels = [...items(root, 'suggestion_label_left'), ...items(root, 'suggestion_label_right')].map((t) => t.text);
    expect(labels.sort()).toEqual(['minimum 0.19', 'slide 0.2', 'steep 1.6', 'valley 6.6e-2']);
    const bounds = [...items(root, 'recommendation_label_left'), ...items(root, 'recommendation_label_right')].map((t) => t.text);
    expect(bounds.sort()).toEqual(['max lr 0.2', 'min lr 2e-2']);
    expect(items(root, 'divergence_label').map((t) => t.text)).toEqual(['loss rises from 3.3']);
    expect(items(root, 'peer_caption').map((t) => t.text)).toEqual(["rules' picks"]);
    expect(svg).not.toMatch(/NaN|undefined|Infinity/);
  });

  it('keeps the bounds readable: their labels on top, their lines down to the curve only, every other label in the strip', () => {
    const spec = rangeTestSpec(digitsInput()) as unknown as Spec;
    const { rules } = spec.datasets as unknown as { rules: Array<{ role: string; y: number }> };
    const layer = (name: string) => spec.layer.find((l) => l.name === name)!;
    const curveBottom = (layer('region_band').encoding as { y2: { value: number } }).y2.value;
    expect((layer('recommendation_rule').encoding as { y2: { value: number } }).y2.value).toBe(curveBottom);
    expect((layer('strip_separator').encoding as { y: { value: number } }).y.value).toBe(curveBottom);
    const curveTop = curveBottom - 360;
    for (const r of rules) {
      if (r.role === 'recommendation') expect(r.y + 13).toBeLessThanOrEqual(curveTop);
      else expect(r.y).toBeGreaterThan(curveBottom);
    }
  });

  it('draws one tick per printed lr when rules agree: "steep, steepest 1.6"', () => {
    const input = digitsInput();
    const steep = input.picks['steep']!;
    const spec = rangeTestSpec({ ...input, picks: { ...input.picks, steepest: { ...steep, rule: 'steepest' } } });
    const texts = (spec.datasets as unknown as { rules: Array<{ role: string; text: string }> }).rules.filter((r) => r.role === 'suggestion').map((r) => r.text);
    expect(texts).toEqual(['valley 6.6e-2', 'minimum 0.19', 'slide 0.2', 'steep, steepest 1.6']);
  });

  it("draws no rules' picks for a curve without bounds, and says why there are none first", async () => {
    const warnings = ['the loss never decreased: no good region, so no bounds', 'only 12 points'];
    const spec = rangeTestSpec({ ...digitsInput(), bounds: null, warnings });
    const title = (spec as unknown as Spec).title;
    expect(title.subtitle[0]).toBe('backend pytorch (peer) · 100 steps');
    expect(title.subtitle.slice(1).filter((l) => !l.startsWith('losses above'))).toEqual(['the loss never decreased: no good region, so no bounds', 'warning: only 12 points']);
    const svg = await renderSvg(spec);
    const root = parseXml(svg);
    expect(markGroup(root, 'suggestion_rule')).toBeUndefined();
    expect(markGroup(root, 'recommendation_rule')).toBeUndefined();
    // The subtitle's lines are the title's tspans.
    expect(svg).toContain('>warning: only 12 points</tspan>');
    // A reason that does not say "no bounds" gets it said; without a reason, the facts line says it.
    const other = rangeTestSpec({ ...digitsInput(), bounds: null, warnings: ['too noisy'] }) as unknown as Spec;
    expect(other.title.subtitle.at(-1)).toBe('no bounds: too noisy');
    const bare = rangeTestSpec({ ...digitsInput(), bounds: null }) as unknown as Spec;
    expect(bare.title.subtitle[0]).toBe('backend pytorch (peer) · 100 steps · no bounds');
  });

  it('says when the sweep or the probes were stopped, and shows every warning, wrapped to the chart', () => {
    const long = 'the loss rose again before it fell far enough to read, so the bounds below are a guess; '.repeat(3).trim();
    const input = { ...digitsInput(), warnings: [long], sweep: { stopReason: 'stopped' as const, numIter: 250 } };
    const spec = rangeTestSpec(input) as unknown as Spec;
    expect(spec.title.subtitle[0]).toBe('backend pytorch (peer) · sweep stopped by the user after 100 of 250 steps · bounds: max lr 0.2 · min lr 2e-2 (slide, confidence 0.72)');
    const wrapped = spec.title.subtitle.filter((l) => !l.startsWith('backend') && !l.startsWith('losses above'));
    expect(wrapped.length).toBeGreaterThan(1);
    expect(wrapped.join(' ')).toBe(`warning: ${long}`);
    for (const line of spec.title.subtitle) expect(measureText(line, 11)).toBeLessThanOrEqual(640 + 140);
    const diverged = rangeTestSpec({ ...digitsInput(), sweep: { stopReason: 'diverged', numIter: 250 } }) as unknown as Spec;
    expect(diverged.title.subtitle[0]).toContain('100 of 250 steps (stopped when the loss diverged)');
    const stopped = rangeTestSpec({ ...digitsInput(), probes: [{ lr: 0.3, passed: true }], probesStopped: true }) as unknown as Spec;
    expect(stopped.title.subtitle[1]).toBe("confirmation probes stopped by the user after 1 finished: the bounds are the curve's, unconfirmed");
  });

  it('draws confirmation probes as ticks at their lrs under the curve, one captioned row per verdict', async () => {
    const probes = [
      { lr: 1.5, endLoss: Number.NaN, passed: false },
      { lr: 1.2, endLoss: 50, passed: false },
      { lr: 0.9, endLoss: 0.2, passed: true },
      { lr: 1e-12, endLoss: 0.3, passed: true }, // off the axis: left out
    ];
    const spec = rangeTestSpec({ ...digitsInput(), probes });
    const data = spec.datasets as unknown as Record<string, Array<{ lr: number; series: string; y: number; text: string; kind?: string; role?: string }>>;
    const drawn = data['probes']!;
    expect(drawn.map((p) => [p.lr, p.series])).toEqual([[0.9, 'probe: trained'], [1.5, 'probe: failed'], [1.2, 'probe: failed']]);
    // Trained and failed on rows of their own, under the rules' picks.
    const rowOf = (series: string) => [...new Set(drawn.filter((p) => p.series === series).map((p) => p.y))];
    expect(rowOf('probe: trained')).toHaveLength(1);
    expect(rowOf('probe: failed')).toHaveLength(1);
    const trainedRow = rowOf('probe: trained')[0]!;
    expect(rowOf('probe: failed')[0]! - trainedRow).toBe(13);
    const lowestPick = Math.max(...data['rules']!.filter((r) => r.role === 'suggestion').map((r) => r.y));
    expect(trainedRow).toBeGreaterThan(lowestPick);
    expect(data['captions']!.filter((c) => c.kind !== 'peer').map((c) => c.text)).toEqual(['probe trained 0.9', 'probe failed 1.2 – 1.5']);
    expect(JSON.stringify(spec.title)).toContain('4 confirmation probes (sustained training at one lr, ticks under the curve at their lr): the largest that trained: 0.9');
    // When a lower probe trained clearly better, the subtitle says which lr was confirmed instead.
    const stepped = rangeTestSpec({ ...digitsInput(), probes: [...probes, { lr: 0.58, endLoss: 0.1, passed: true }], steppedDownTo: 0.58 });
    expect((stepped.title as unknown as { subtitle: string[] }).subtitle.join(' ')).toContain('the largest that trained: 0.9; 0.58 below it trained clearly better');
    const root = parseXml(await renderSvg(spec));
    expect(items(root, 'probe_trained')).toHaveLength(1);
    expect(items(root, 'probe_failed')).toHaveLength(2);
    expect(items(root, 'probe_caption_failed').map((t) => t.text)).toEqual(['probe failed 1.2 – 1.5']);
    // Without probes the spec is as before: no dataset or layer for them.
    const plain = rangeTestSpec(digitsInput());
    expect(plain.datasets).not.toHaveProperty('probes');
    expect(JSON.stringify(plain)).not.toContain('probe');
  });

  it('draws the regions it is given (made to agree with the probes by regionsAfterProbes), and says the sweep diverged below a probe that trained', () => {
    const input = digitsInput();
    const divLr = input.curve.lrs[93]!;
    const probes = [{ lr: divLr * 3, passed: false }, { lr: divLr * 1.5, passed: true }];
    const spec = rangeTestSpec({ ...input, regions: regionsAfterProbes(input.regions, input.curve.lrs, probes), probes });
    type Parts = { regions: Array<{ region: string; from: number; to: number }>; divergence: Array<{ text: string }> };
    const data = spec.datasets as unknown as Parts;
    const large = data.regions.find((r) => r.region === 'too large')!;
    const good = data.regions.find((r) => r.region === 'good')!;
    expect(large.from).toBeGreaterThan(divLr * 1.5);
    expect(large.from).toBeLessThan(divLr * 3);
    expect(good.to).toBe(large.from);
    expect(data.divergence[0]!.text).toBe("sweep's loss rises from 3.3");
    // A probe that trained below the divergence changes nothing.
    const below = rangeTestSpec({ ...input, probes: [{ lr: 0.5, passed: true }] }).datasets as unknown as Parts;
    expect(below.regions).toEqual((rangeTestSpec(input).datasets as unknown as Parts).regions);
    expect(below.divergence[0]!.text).toBe('loss rises from 3.3');
  });

  it('labels the log axis with decades 1e-7 … 1e-1, 1, 10 and names both axes', async () => {
    const root = parseXml(await renderSvg(rangeTestSpec(digitsInput())));
    const texts = allElements(root).filter((e) => e.name === 'text').map((e) => e.text);
    for (const tick of ['1e-7', '1e-6', '1e-5', '1e-4', '1e-3', '1e-2', '1e-1', '1', '10']) expect(texts).toContain(tick);
    expect(texts).toContain('learning rate (log scale)');
    expect(texts).toContain('loss');
    expect(texts).toContain('Learning-rate range test: mlp 64-64-10 · SGD · UCI digits');
  });

  it('writes the lr axis in one notation to the end of a wide sweep: 1e-7 … 1, 10, 100, 1e3 … 1e6', async () => {
    const input = digitsInput();
    const n = input.curve.lrs.length;
    const lrs = input.curve.lrs.map((_, i) => 1e-7 * 10 ** ((13 * i) / (n - 1)));
    const root = parseXml(await renderSvg(rangeTestSpec({ ...input, curve: { ...input.curve, lrs }, bounds: null, picks: {} })));
    const ticks = allElements(root).filter((e) => e.name === 'text').map((e) => e.text);
    for (const tick of ['1e-7', '1e-1', '1', '10', '100', '1e3', '1e4', '1e5', '1e6']) expect(ticks).toContain(tick);
    expect(ticks).not.toContain('1000');
    expect(ticks).not.toContain('100000');
  });

  it("puts each bound's label outside the span between them: min lr's left of its line, max lr's right of it", () => {
    const rules = (input: ReturnType<typeof digitsInput>) =>
      (rangeTestSpec(input).datasets as unknown as { rules: Array<{ role: string; method: string; align: string }> }).rules.filter((r) => r.role === 'recommendation');
    expect(rules(digitsInput()).map((r) => [r.method, r.align])).toEqual([['max lr', 'left'], ['min lr', 'right']]);
    // Without room on the outer side (min lr at the very start), the label goes inside rather than off the chart.
    const input = digitsInput();
    const atStart = rules({ ...input, bounds: { ...input.bounds!, minLr: input.curve.lrs[1]! } });
    expect(atStart.find((r) => r.method === 'min lr')?.align).toBe('left');
  });

  it('lists only the regions it draws in the legend', () => {
    const input = digitsInput();
    const n = input.curve.lrs.length;
    const flat = rangeTestSpec({ ...input, bounds: null, regions: [{ kind: 'too-small', minLr: input.curve.lrs[0]!, maxLr: input.curve.lrs[n - 1]!, startIndex: 0, endIndex: n - 1 }] }) as unknown as Spec;
    const band = flat.layer.find((l) => l.name === 'region_band')!.encoding as { fill: { scale: { domain: string[] } } };
    expect(band.fill.scale.domain).toEqual(['too small']);
    const full = rangeTestSpec(input) as unknown as Spec;
    expect((full.layer.find((l) => l.name === 'region_band')!.encoding as typeof band).fill.scale.domain).toEqual(['too small', 'good', 'too large']);
  });

  it('draws the spread band when runs were aggregated', async () => {
    const root = parseXml(await renderSvg(rangeTestSpec(digitsInput(true))));
    expect(items(root, 'spread_band')).toHaveLength(1);
    const legend = allElements(root).filter((e) => e.name === 'text').map((e) => e.text);
    expect(legend).toContain('spread of runs');
  });

  it('ends the loss axis at clipFactor × the first smoothed loss and counts what lies above it', () => {
    const input = digitsInput();
    const spec = rangeTestSpec(input) as unknown as Spec;
    const top = (input.smoothedLosses[0] ?? 0) * 1.5;
    const above = [...input.curve.losses, ...input.smoothedLosses].filter((v) => Number.isFinite(v) && v > top);
    expect(spec.title.subtitle[1]).toBe(`losses above ${Number(top.toPrecision(3))} are not drawn: ${above.length} of them (up to 90.6)`);
    // The raw points stop at that loss; the window has a little headroom above it, so none is cut in half.
    const raw0 = spec.layer.find((l) => l.name === 'raw_loss')! as unknown as { transform: { filter: string }[] };
    expect(raw0.transform[0]!.filter).toContain(`datum.loss <= ${Number(top.toPrecision(6))}`);
    // The axis's ticks stay inside the window, and so does the smoothed line, ending on its edge.
    const raw = spec.layer.find((l) => l.name === 'raw_loss')!;
    const ticks = (raw.encoding as { y: { axis: { values: number[] } } }).y.axis.values;
    expect(ticks.length).toBeGreaterThanOrEqual(4);
    const headroom = 0.03 * top;
    expect(Math.max(...ticks)).toBeLessThanOrEqual(top + headroom);
    const line = (spec.datasets as unknown as { smoothedLine: Array<{ smoothed: number }> }).smoothedLine;
    const edge = Math.max(...line.map((p) => p.smoothed));
    expect(edge).toBeGreaterThan(top);
    expect(edge).toBeLessThanOrEqual(top + headroom);
    // Before the explosion there is nothing to cut, and nothing is said.
    const calm = { ...input, curve: { lrs: input.curve.lrs.slice(0, 80), losses: input.curve.losses.slice(0, 80) }, smoothedLosses: input.smoothedLosses.slice(0, 80), divergenceIndex: null };
    expect((rangeTestSpec(calm) as unknown as Spec).title.subtitle).toHaveLength(1);
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

  it('draws a curve with no recommendation, no picks and no divergence', async () => {
    const input = { ...digitsInput(), recommendation: null, picks: {}, divergenceIndex: null, meta: {} };
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
