// The weight-decay family in one chart (Smith's figure): each decay's smoothed validation loss
// against the lr, one colour per decay, its training loss faint behind it; the chosen decay drawn
// bold, its lowest validation loss marked, and the max lr the finder recommends with it.
import { smoothLosses } from '../src/analysis/reading.js';
import { defaultWindowSize } from '../src/analysis/savitzky-golay.js';
import { formatLr, roundSig } from '../src/format.js';
import { maxOf, minOf } from '../src/numbers.js';
import type { Bounds, WeightDecayChoice, WeightDecayMember } from '../src/types.js';
import { decades, LR_AXIS_LABEL } from './format.js';
import type { Datum, TopLevelSpec } from './spec-types.js';
import { COLORS, CONFIG, RUN_COLORS, VEGA_LITE_SCHEMA } from './theme.js';

export interface WeightDecaySpecOptions {
  /** @default 640 */
  width?: number;
  /** @default 320 */
  height?: number;
  /** The chart's title. @default 'Weight decay: a range test at each' */
  title?: string;
}

const label = (wd: number): string => (wd === 0 ? 'no decay' : `wd ${formatLr(wd)}`);

/** A member's smoothed curve of `values` (nulls skipped) as rows, within the y window. */
function smoothedRows(m: WeightDecayMember, values: readonly (number | null)[], series: string, top: number): Datum[] {
  const points = m.lrs.map((lr, i) => [lr, values[i]] as const).filter((p): p is readonly [number, number] => typeof p[1] === 'number' && Number.isFinite(p[1]));
  if (points.length < 3) return [];
  const smoothed = smoothLosses(points.map((p) => p[1]), { windowSize: defaultWindowSize(points.length) });
  return points.flatMap(([lr], i) => (smoothed[i]! <= top ? [{ lr: roundSig(lr), loss: roundSig(smoothed[i]!), decay: label(m.weightDecay), series }] : []));
}

/** The loss window: from the lowest validation loss to a little above the highest start, so blow-ups do not squash the curves. */
function lossWindow(family: readonly WeightDecayMember[]): [number, number] {
  const lows = family.map((m) => m.lowest).filter(Number.isFinite);
  const starts = family.flatMap((m) => m.validationLosses.slice(0, 5).filter((v): v is number => typeof v === 'number' && Number.isFinite(v)));
  const lo = lows.length > 0 ? minOf(lows) : 0;
  const hi = starts.length > 0 ? maxOf(starts) : lo + 1;
  return [lo - 0.05 * (hi - lo), hi + 0.3 * (hi - lo)];
}

/** A vega-lite spec of a weight-decay family; marks: `validation_line`, `training_line`, `lowest_point`, `max_lr_rule`. */
export function weightDecaySpec(choice: WeightDecayChoice, bounds: Bounds | null, options: WeightDecaySpecOptions = {}): TopLevelSpec {
  const family = choice.family ?? [];
  if (family.length === 0) throw new RangeError('weightDecaySpec needs a weight decay chosen from a family of range tests');
  const [lo, hi] = lossWindow(family);
  const chosen = label(choice.value);
  // The chosen decay drawn last, on top: the family's curves often lie on one another.
  const inOrder = [...family.filter((m) => label(m.weightDecay) !== chosen), ...family.filter((m) => label(m.weightDecay) === chosen)];
  const rows = inOrder.flatMap((m) => [...smoothedRows(m, m.validationLosses, 'validation', hi), ...smoothedRows(m, m.losses, 'training', hi)]);
  const lowest: Datum[] = family.filter((m) => Number.isFinite(m.lowest)).map((m) => ({ lr: roundSig(m.lrAtLowest), loss: roundSig(m.lowest), decay: label(m.weightDecay), chosen: label(m.weightDecay) === chosen }));
  const lrs = family.flatMap((m) => m.lrs);
  const domain = [minOf(lrs), maxOf(lrs)] as [number, number];
  const color = {
    field: 'decay', type: 'nominal' as const, title: 'weight decay', legend: { symbolOpacity: 1, symbolType: 'stroke', symbolStrokeWidth: 3 },
    scale: { domain: family.map((m) => label(m.weightDecay)), range: family.map((_, i) => RUN_COLORS[i % RUN_COLORS.length]!) },
  };
  const x = { field: 'lr', type: 'quantitative' as const, title: 'learning rate (log scale)', scale: { type: 'log' as const, domain, nice: false }, axis: { values: decades(domain[0], domain[1]), labelExpr: LR_AXIS_LABEL } };
  const y = { field: 'loss', type: 'quantitative' as const, title: 'smoothed loss', scale: { domain: [roundSig(lo), roundSig(hi)], nice: false, zero: false } };
  const line = (series: 'validation' | 'training', name: string, look: object) => ({
    name, transform: [{ filter: `datum.series === '${series}'` }],
    mark: { type: 'line' as const, ...look },
    encoding: { x, y, color, detail: { field: 'decay' }, strokeWidth: { condition: { test: `datum.decay === '${chosen}'`, value: series === 'validation' ? 3 : 1.2 }, value: series === 'validation' ? 1.4 : 0.8 } },
  });
  const maxLr = bounds?.maxLr;
  return {
    $schema: VEGA_LITE_SCHEMA,
    title: {
      text: options.title ?? 'Weight decay: a range test at each',
      subtitle: [`chosen: ${chosen}${maxLr !== undefined ? `, max lr ${formatLr(maxLr)}` : ''}`, ...(choice.reason ? [choice.reason] : []), 'solid: validation loss (smoothed) · faint: training loss · dots: each decay\'s lowest validation loss'],
    },
    config: CONFIG,
    width: options.width ?? 640,
    height: options.height ?? 320,
    datasets: { curves: rows, lowest },
    data: { name: 'curves' },
    layer: [
      line('training', 'training_line', { opacity: 0.35 }),
      line('validation', 'validation_line', { opacity: 0.95 }),
      {
        name: 'lowest_point', data: { name: 'lowest' },
        mark: { type: 'point', filled: true, size: 70 },
        encoding: { x: { field: 'lr', type: 'quantitative' }, y: { field: 'loss', type: 'quantitative' }, color, shape: { condition: { test: 'datum.chosen', value: 'diamond' }, value: 'circle' } },
      },
      ...(maxLr !== undefined ? [{
        name: 'max_lr_rule', data: { values: [{ lr: roundSig(maxLr), text: `max lr ${formatLr(maxLr)} (${chosen})` }] },
        layer: [
          { mark: { type: 'rule' as const, color: COLORS.recommendation, strokeWidth: 1.6 }, encoding: { x: { field: 'lr', type: 'quantitative' as const } } },
          // Left of the rule: the max lr sits right of the curves' bottom, and the legend is on the right.
          { mark: { type: 'text' as const, align: 'right' as const, baseline: 'top' as const, dx: -4, y: 4, fontWeight: 'bold' as const, color: COLORS.recommendation }, encoding: { x: { field: 'lr', type: 'quantitative' as const }, text: { field: 'text' } } },
        ],
      }] : []),
    ],
  } as TopLevelSpec;
}

