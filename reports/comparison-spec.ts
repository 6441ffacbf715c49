// Comparison report: loss and accuracy per epoch for several runs, one colour per run, train solid
// and validation dashed, with each run's final score in its legend label. With many runs (24 lines
// a panel for 12) the best few keep their colour and are drawn on top; the rest fade behind them.
import { formatValue, roundSig } from '../src/format.js';
import type { Datum, TopLevelSpec } from './spec-types.js';
import { CONFIG, RUN_SHAPES, runStyle, VEGA_LITE_SCHEMA } from './theme.js';
import { maxOf } from '../src/numbers.js';

/** One epoch of a training history (what tfjs's `model.fit` history gives, per epoch). */
export interface ComparedEpoch {
  epoch: number;
  loss: number;
  accuracy: number;
  valLoss?: number;
  valAccuracy?: number;
}

export interface ComparedRun {
  name: string;
  /** Shown before the name, e.g. the schedule family. */
  group?: string;
  /**
   * Which run look (`runStyle`) it takes: its place in a larger comparison, so a run keeps its
   * colour in a chart of a few of them. Distinct integers ≥ 0. @default its index in `runs`
   */
  styleIndex?: number;
  history: ComparedEpoch[];
}

export interface ComparisonReportInput {
  /** @default 'Training runs compared' */
  title?: string;
  runs: ComparedRun[];
}

export interface ComparisonSpecOptions {
  /** Width of each metric panel in px. @default 320 */
  width?: number;
  /** Height of each metric panel in px. @default 240 */
  height?: number;
  /**
   * With more runs than `fadeAbove`, only the best `highlight` by final score (validation accuracy
   * when there is one) keep full colour and weight. @default 3
   */
  highlight?: number;
  /** @default 6 */
  fadeAbove?: number;
}

const METRICS = ['loss', 'accuracy'] as const;

function validate(input: ComparisonReportInput, width: number, height: number): void {
  if (input.runs.length === 0) throw new RangeError('runs must hold at least 1 run, got 0');
  for (const run of input.runs) {
    if (run.history.length === 0) throw new RangeError(`runs[].history must hold at least 1 epoch, got 0 for ${run.name}`);
    const bad = run.history.find((h) => !Number.isFinite(h.epoch));
    if (bad !== undefined) throw new RangeError(`runs[].history[].epoch must be finite, got ${bad.epoch} for ${run.name}`);
  }
  const styles = new Set<number>();
  for (const run of input.runs) {
    const k = run.styleIndex;
    if (k === undefined) continue;
    if (!Number.isInteger(k) || k < 0) throw new RangeError(`runs[].styleIndex must be an integer ≥ 0, got ${k} for ${run.name}`);
    if (styles.has(k)) throw new RangeError(`runs[].styleIndex must differ between runs, got ${k} twice (${run.name})`);
    styles.add(k);
  }
  if (!(width > 0)) throw new RangeError(`width must be > 0, got ${width}`);
  if (!(height > 0)) throw new RangeError(`height must be > 0, got ${height}`);
}

/** Each run's look: its own `styleIndex`, else its index (runs with none never reuse an index a run asked for). */
function runStyles(runs: readonly ComparedRun[]): ReturnType<typeof runStyle>[] {
  const taken = new Set(runs.flatMap((r) => (r.styleIndex === undefined ? [] : [r.styleIndex])));
  let next = 0;
  return runs.map((run) => {
    if (run.styleIndex !== undefined) return runStyle(run.styleIndex);
    while (taken.has(next)) next++;
    taken.add(next);
    return runStyle(next);
  });
}

/** The run's final score: its last validation accuracy, else its last accuracy; NaN without one. */
function finalScore(run: ComparedRun): number {
  const last = run.history[run.history.length - 1];
  if (last === undefined) return Number.NaN;
  if (last.valAccuracy !== undefined && Number.isFinite(last.valAccuracy)) return last.valAccuracy;
  return last.accuracy;
}

/** Indices of the `count` best runs by final score (ties keep the input order). */
function bestRuns(runs: readonly ComparedRun[], count: number): Set<number> {
  const ranked = runs.map((run, i) => ({ i, score: finalScore(run) })).filter((r) => Number.isFinite(r.score));
  ranked.sort((a, b) => b.score - a.score || a.i - b.i);
  return new Set(ranked.slice(0, count).map((r) => r.i));
}

/** "adam — val acc 0.981": the run's name and its last accuracy (validation when it has one). */
function legendLabel(run: ComparedRun): string {
  const name = run.group === undefined || run.group === '' ? run.name : `${run.group}: ${run.name}`;
  const last = run.history[run.history.length - 1];
  if (last === undefined) return name;
  if (last.valAccuracy !== undefined && Number.isFinite(last.valAccuracy)) return `${name} — val acc ${formatValue(last.valAccuracy)}`;
  if (Number.isFinite(last.accuracy)) return `${name} — acc ${formatValue(last.accuracy)}`;
  return name;
}

/** A vega-lite spec comparing runs: one panel per metric, marks named `run_line`. */
export function comparisonSpec(input: ComparisonReportInput, options: ComparisonSpecOptions = {}): TopLevelSpec {
  const width = options.width ?? 320;
  const height = options.height ?? 240;
  validate(input, width, height);
  const labels = uniqueLabels(input.runs);
  const fade = input.runs.length > (options.fadeAbove ?? 6);
  const best = fade ? bestRuns(input.runs, options.highlight ?? 3) : new Set(input.runs.map((_, i) => i));
  const rows = historyRows(input.runs, labels, best);
  const maxEpochs = maxOf(input.runs.map((r) => r.history.length));
  const encoding = runEncoding(input.runs, labels, rows);
  return {
    $schema: VEGA_LITE_SCHEMA,
    title: {
      text: input.title ?? 'Training runs compared',
      subtitle: [
        `${input.runs.length} run${input.runs.length === 1 ? '' : 's'}`,
        ...(fade ? [`the ${best.size} best by final ${input.runs.some((r) => r.history.some((h) => h.valAccuracy !== undefined)) ? 'validation ' : ''}accuracy in full colour`] : []),
        'solid: train, dashed: validation',
      ].join(' · '),
    },
    config: CONFIG,
    datasets: { history: rows },
    data: { name: 'history' },
    facet: { column: { field: 'metric', type: 'nominal', sort: [...METRICS], title: null, header: { labelFontSize: 13 } } },
    spec: {
      width,
      height,
      layer: [
        ...(fade ? [runLayer('faded_run_line', 'datum.best === false', encoding, { strokeWidth: 1.2, opacity: 0.22, point: false })] : []),
        runLayer('run_line', 'datum.best === true', encoding, {
          strokeWidth: 2,
          opacity: 1,
          point: encoding.shape !== undefined ? { size: 30, filled: true } : maxEpochs <= 30 ? { size: 18 } : false,
        }),
      ],
    },
    resolve: { scale: { y: 'independent' } },
  };
}

/** The legend's labels, made unique: they are the colour domain. */
function uniqueLabels(runs: readonly ComparedRun[]): string[] {
  const seen = new Map<string, number>();
  return runs.map((run) => {
    const base = legendLabel(run);
    const count = (seen.get(base) ?? 0) + 1;
    seen.set(base, count);
    return count === 1 ? base : `${base} (#${count})`;
  });
}

/** One row per run, epoch, metric and split. */
function historyRows(runs: readonly ComparedRun[], labels: readonly string[], best: ReadonlySet<number>): Datum[] {
  const rows: Datum[] = [];
  runs.forEach((run, r) => {
    for (const h of run.history) {
      const values: Array<[(typeof METRICS)[number], string, number | undefined]> = [
        ['loss', 'train', h.loss],
        ['loss', 'validation', h.valLoss],
        ['accuracy', 'train', h.accuracy],
        ['accuracy', 'validation', h.valAccuracy],
      ];
      for (const [metric, split, value] of values) {
        if (value !== undefined && Number.isFinite(value)) {
          rows.push({ run: labels[r] ?? run.name, epoch: h.epoch, metric, split, value: roundSig(value), best: best.has(r) });
        }
      }
    }
  });
  return rows;
}

/** The encoding every run line shares: colour (and shape past the palette) by run, dash by split. */
function runEncoding(runs: readonly ComparedRun[], labels: readonly string[], rows: readonly Datum[]) {
  const splits = ['train', 'validation'].filter((s) => rows.some((d) => d.split === s));
  const styles = runStyles(runs);
  // Best first, so the legend reads as a ranking; each run keeps its own look.
  const order = runs.map((run, i) => ({ score: finalScore(run), i }))
    .sort((a, b) => (Number.isFinite(b.score) ? b.score : -Infinity) - (Number.isFinite(a.score) ? a.score : -Infinity) || a.i - b.i)
    .map((r) => r.i);
  const domain = order.map((i) => labels[i]!);
  // Past the palette colours repeat: the point shape tells those runs apart, so points are always drawn.
  const shaped = styles.some((s) => s.shape !== RUN_SHAPES[0]);
  return {
    x: { field: 'epoch', type: 'quantitative' as const, title: 'epoch', axis: { tickMinStep: 1 }, scale: { nice: false } },
    y: { field: 'value', type: 'quantitative' as const, title: null, scale: { zero: false } },
    color: {
      field: 'run',
      type: 'nominal' as const,
      title: 'run (final score)',
      scale: { domain, range: order.map((i) => styles[i]!.color) },
      legend: { orient: 'bottom' as const, direction: 'vertical' as const, labelLimit: 400 },
    },
    // The same field and title as the colour: vega-lite draws one legend of coloured shapes.
    shape: shaped ? { field: 'run', type: 'nominal' as const, title: 'run (final score)', scale: { domain, range: order.map((i) => styles[i]!.shape) } } : undefined,
    strokeDash: {
      field: 'split',
      type: 'nominal' as const,
      title: null,
      scale: { domain: splits, range: splits.map((s) => (s === 'train' ? [1, 0] : [5, 3])) },
      legend: null,
    },
    detail: { field: 'split' },
  };
}

/** One layer of run lines: `filter` picks the runs, `look` how they are drawn (the faded ones first, under the best). */
function runLayer(
  name: string,
  filter: string,
  encoding: ReturnType<typeof runEncoding>,
  look: { strokeWidth: number; opacity: number; point: false | { size: number; filled?: boolean } },
) {
  const { shape, ...rest } = encoding;
  return {
    name,
    transform: [{ filter }],
    // Points only when there are few epochs: they show where each measurement lies.
    mark: { type: 'line' as const, strokeWidth: look.strokeWidth, opacity: look.opacity, point: look.point },
    encoding: { x: rest.x, y: rest.y, color: rest.color, ...(shape === undefined ? {} : { shape }), strokeDash: rest.strokeDash, detail: rest.detail },
  };
}
