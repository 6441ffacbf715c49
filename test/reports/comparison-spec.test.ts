import { describe, expect, it } from 'vitest';
import { comparisonSpec, renderSvg, type ComparedRun } from '../../reports/index.js';
import { RUN_COLORS } from '../../reports/theme.js';
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
    // Best first: the legend reads as a ranking.
    expect(labels).toEqual(['lrfind: sgd one-cycle 0.2 — val acc 0.98', 'default: adam lr 1e-3 — val acc 0.939', 'default: sgd lr 0.01 — val acc 0.748']);
  });

  it('falls back to training accuracy and keeps duplicate names apart', () => {
    const history = [{ epoch: 1, loss: 1, accuracy: 0.5 }];
    const spec = comparisonSpec({ runs: [{ name: 'a', history }, { name: 'a', history }] }) as unknown as {
      spec: { layer: Array<{ encoding: { color: { scale: { domain: string[] } } } }> };
    };
    // Equal scores keep the input order.
    expect(spec.spec.layer[0]?.encoding.color.scale.domain).toEqual(['a — acc 0.5', 'a — acc 0.5 (#2)']);
  });

  it('rejects empty input, naming the argument', () => {
    expect(() => comparisonSpec({ runs: [] })).toThrow(/runs must hold at least 1 run, got 0/);
    expect(() => comparisonSpec({ runs: [{ name: 'x', history: [] }] })).toThrow(/history must hold at least 1 epoch, got 0 for x/);
  });

  it('with many runs, keeps the best three in full colour on top and fades the rest behind them', () => {
    const many: ComparedRun[] = Array.from({ length: 12 }, (_, r) => ({
      name: `run ${r + 1}`,
      history: [{ epoch: 1, loss: 1, accuracy: 0.5, valLoss: 1, valAccuracy: [0.9, 0.5, 0.95, 0.6, 0.7, 0.97, 0.1, 0.2, 0.3, 0.4, 0.55, 0.65][r]! }],
    }));
    const spec = comparisonSpec({ runs: many }) as unknown as { title: { subtitle: string }; datasets: { history: { run: string; best: boolean }[] }; spec: { layer: { name: string; mark: { opacity: number } }[] } };
    expect(spec.spec.layer.map((l) => l.name)).toEqual(['faded_run_line', 'run_line']);
    expect(spec.spec.layer[0]!.mark.opacity).toBeLessThan(0.5);
    const best = new Set(spec.datasets.history.filter((d) => d.best).map((d) => d.run.split(' — ')[0]));
    expect(best).toEqual(new Set(['run 6', 'run 3', 'run 1']));
    expect(spec.title.subtitle).toBe('12 runs · the 3 best by final validation accuracy in full colour · solid: train, dashed: validation');
    // A few runs are all drawn in full.
    const few = comparisonSpec({ runs: many.slice(0, 4) }) as unknown as typeof spec;
    expect(few.spec.layer.map((l) => l.name)).toEqual(['run_line']);
  });

  describe('a look per run', () => {
    const runs = (n: number): ComparedRun[] =>
      Array.from({ length: n }, (_, r) => ({
        name: `run ${r + 1}`,
        history: [1, 2, 3].map((epoch) => ({ epoch, loss: 2 / (epoch + r), accuracy: 0.5, valLoss: 2.1 / (epoch + r), valAccuracy: 0.4 + r / 100 })),
      }));
    type Encoding = { color: { scale: { domain: string[]; range: string[] } }; shape?: { field: string; scale: { domain: string[]; range: string[] } } };
    type Mark = { point: false | { size: number }; opacity: number; strokeWidth: number };
    type Layer = { name: string; mark: Mark; encoding: Encoding; transform: { filter: string }[] };
    const layers = (spec: unknown) => (spec as { spec: { layer: Layer[] } }).spec.layer;
    const layer = (spec: unknown) => layers(spec).find((l) => l.name === 'run_line')!;
    /** The colour (and shape) of run number `n` (1-based), read off the scales' domain. */
    const lookOf = (encoding: Encoding, n: number): { color: string; shape?: string } => {
      const i = encoding.color.scale.domain.findIndex((label) => label.startsWith(`run ${n} `));
      return { color: encoding.color.scale.range[i]!, ...(encoding.shape ? { shape: encoding.shape.scale.range[i]! } : {}) };
    };

    it('draws twelve runs in twelve colours: no two lines share colour and dash', async () => {
      const spec = comparisonSpec({ runs: runs(12) });
      expect(Array.from({ length: 12 }, (_, r) => lookOf(layer(spec).encoding, r + 1).color)).toEqual(RUN_COLORS);
      expect(layer(spec).encoding.shape).toBeUndefined();
      const root = parseXml(await renderSvg(spec));
      const lines = allElements(root)
        .filter((e) => e.name === 'g' && (e.attrs.class ?? '').startsWith('mark-line') && (e.attrs.class ?? '').includes('run_line_marks'))
        .flatMap((g) => g.children);
      // 2 panels × 12 runs × (train, validation), each look once per panel.
      expect(lines).toHaveLength(48);
      const looks = new Map<string, number>();
      for (const l of lines) {
        const look = `${l.attrs.stroke} ${l.attrs['stroke-dasharray'] ?? 'solid'}`;
        looks.set(look, (looks.get(look) ?? 0) + 1);
      }
      expect(looks.size).toBe(24);
      expect([...looks.values()].every((count) => count === 2)).toBe(true);
      expect(new Set(lines.map((l) => l.attrs.stroke)).size).toBe(12);
    });

    it('past the palette, gives the repeated colours another point shape, and draws points even for long runs', () => {
      const many = runs(15).map((r) => ({ ...r, history: Array.from({ length: 40 }, (_, i) => ({ ...r.history[0]!, epoch: i + 1 })) }));
      const { mark, encoding } = layer(comparisonSpec({ runs: many }));
      expect(mark.point).not.toBe(false);
      expect(encoding.shape?.field).toBe('run');
      const looks = encoding.color.scale.range.map((color, i) => `${color} ${encoding.shape!.scale.range[i]}`);
      expect(new Set(looks).size).toBe(15);
      expect([12, 13, 14].map((n) => lookOf(encoding, n).shape)).toEqual(['circle', 'square', 'square']);
      expect(lookOf(encoding, 13).color).toBe(RUN_COLORS[0]);
    });

    it('keeps the look a run asks for (its place among more runs), and refuses one asked twice', () => {
      const [a, b] = runs(2);
      const { encoding } = layer(comparisonSpec({ runs: [{ ...a!, styleIndex: 10 }, { ...b! }] }));
      expect([lookOf(encoding, 1).color, lookOf(encoding, 2).color]).toEqual([RUN_COLORS[10], RUN_COLORS[0]]);
      const taken = layer(comparisonSpec({ runs: [{ ...a! }, { ...b!, styleIndex: 0 }] }));
      expect([lookOf(taken.encoding, 1).color, lookOf(taken.encoding, 2).color]).toEqual([RUN_COLORS[1], RUN_COLORS[0]]);
      expect(() => comparisonSpec({ runs: [{ ...a!, styleIndex: 3 }, { ...b!, styleIndex: 3 }] })).toThrow('runs[].styleIndex must differ between runs, got 3 twice (run 2)');
      expect(() => comparisonSpec({ runs: [{ ...a!, styleIndex: -1 }] })).toThrow('runs[].styleIndex must be an integer ≥ 0, got -1 for run 1');
    });
  });
});
