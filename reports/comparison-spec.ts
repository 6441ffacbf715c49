// Comparison report: loss and accuracy per epoch for several runs, one colour per run, train solid
// and validation dashed, with each run's final score in its legend label.
import { formatValue, roundSig } from './format.js';
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

  // Labels must be unique: they are the colour domain.
  const seen = new Map<string, number>();
  const labels = input.runs.map((run) => {
    const base = legendLabel(run);
    const count = (seen.get(base) ?? 0) + 1;
    seen.set(base, count);
    return count === 1 ? base : `${base} (#${count})`;
  });

  const rows: Datum[] = [];
  input.runs.forEach((run, r) => {
    for (const h of run.history) {
      const values: Array<[(typeof METRICS)[number], string, number | undefined]> = [
        ['loss', 'train', h.loss],
        ['loss', 'validation', h.valLoss],
        ['accuracy', 'train', h.accuracy],
        ['accuracy', 'validation', h.valAccuracy],
      ];
      for (const [metric, split, value] of values) {
        if (value !== undefined && Number.isFinite(value)) {
          rows.push({ run: labels[r] ?? run.name, epoch: h.epoch, metric, split, value: roundSig(value) });
        }
      }
    }
  });
  const maxEpochs = maxOf(input.runs.map((r) => r.history.length));
  const splits = ['train', 'validation'].filter((s) => rows.some((d) => d.split === s));
  const styles = runStyles(input.runs);
  // Past the palette colours repeat: the point shape tells those runs apart, so points are always drawn.
  const shaped = styles.some((s) => s.shape !== RUN_SHAPES[0]);

  return {
    $schema: VEGA_LITE_SCHEMA,
    title: {
      text: input.title ?? 'Training runs compared',
      subtitle: `${input.runs.length} run${input.runs.length === 1 ? '' : 's'} · solid: train, dashed: validation`,
    },
    config: CONFIG,
    datasets: { history: rows },
    data: { name: 'history' },
    facet: { column: { field: 'metric', type: 'nominal', sort: [...METRICS], title: null, header: { labelFontSize: 13 } } },
    spec: {
      width,
      height,
      layer: [
        {
          name: 'run_line',
          // Points only when there are few epochs: they show where each measurement lies.
          mark: { type: 'line', strokeWidth: 2, point: shaped ? { size: 30, filled: true } : maxEpochs <= 30 ? { size: 18 } : false },
          encoding: {
            x: { field: 'epoch', type: 'quantitative', title: 'epoch', axis: { tickMinStep: 1 }, scale: { nice: false } },
            y: { field: 'value', type: 'quantitative', title: null, scale: { zero: false } },
            color: {
              field: 'run',
              type: 'nominal',
              title: 'run (final score)',
              scale: { domain: labels, range: styles.map((s) => s.color) },
              legend: { orient: 'bottom', direction: 'vertical', labelLimit: 400 },
            },
            ...(shaped
              ? {
                  // The same field and title as the colour: vega-lite draws one legend of coloured shapes.
                  shape: { field: 'run', type: 'nominal', title: 'run (final score)', scale: { domain: labels, range: styles.map((s) => s.shape) } },
                }
              : {}),
            strokeDash: {
              field: 'split',
              type: 'nominal',
              title: null,
              scale: { domain: splits, range: splits.map((s) => (s === 'train' ? [1, 0] : [5, 3])) },
              legend: null,
            },
            detail: { field: 'split' },
          },
        },
      ],
    },
    resolve: { scale: { y: 'independent' } },
  };
}
