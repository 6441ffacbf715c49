// The specs of the live views: empty named datasets that the views fill with changesets as the
// steps come in, so vega recomputes only what a new row changes. Pure: no vega, no DOM.
import type { TopLevelSpec } from '../spec-types.js';
import { decades, LR_AXIS_LABEL } from '../format.js';
import { COLORS, CONFIG, VEGA_LITE_SCHEMA } from '../theme.js';
import { ESCALATION } from '../../src/constants.js';

/** The datasets the live views insert into (`sweepSmoothed`: the smoothed line, redrawn per frame). */
export const LIVE_DATA = { sweep: 'sweep', sweepSmoothed: 'sweep_smoothed', probes: 'probes', batches: 'batches', epochs: 'epochs' } as const;

export interface LiveSweepSpecOptions {
  /** The sweep's lr range, fixing the x axis from the first step on (else it grows with the data). */
  startLr?: number;
  endLr?: number;
  /** @default 640 */
  width?: number;
  /** @default 300 */
  height?: number;
}

/** Axes and legends grow as data streams in; vega lays the padding out again on every update only when told. */
const AUTOSIZE = { type: 'pad', resize: true } as const;

/** Labels on powers of ten only: a log axis also ticks 2, 3, … 9 × 10^k, and those would read as 1e-7, 1e-7, … */
const DECADE_LABEL = `abs(log(datum.value) / LN10 - round(log(datum.value) / LN10)) > 1e-6 ? '' : ${LR_AXIS_LABEL}`;

/** Loss against lr as the sweep runs: raw points and the smoothed line, one line per run. */
export function liveSweepSpec(options: LiveSweepSpecOptions = {}): TopLevelSpec {
  const { startLr, endLr } = options;
  const known = startLr !== undefined && endLr !== undefined && startLr > 0 && endLr > startLr;
  // The planned span at least, and more as a sweep goes on past endLr (lrfind's escalation extends it up to 100×).
  const domain = known ? { domain: { unionWith: [startLr, endLr] }, nice: false } : {};
  // With the range known, ticks and grid lines sit on the decades, as in the report.
  const axis = { labelExpr: DECADE_LABEL, ...(known ? { values: decades(startLr, endLr * ESCALATION.extendFactor) } : {}) };
  const x = { field: 'lr', type: 'quantitative' as const, scale: { type: 'log' as const, ...domain }, title: 'learning rate (log scale)', axis };
  // The smoothed line's lrs are the raw points': its layer adds nothing to the domain (two explicit ones conflict).
  const lineX = { field: 'lr', type: 'quantitative' as const, scale: { type: 'log' as const } };
  const tooltip = [
    { field: 'step', type: 'quantitative' as const },
    { field: 'lr', type: 'quantitative' as const, format: '.3~e' },
    { field: 'loss', type: 'quantitative' as const, format: '.4~f' },
  ];
  return {
    $schema: VEGA_LITE_SCHEMA,
    title: { text: 'Range test (live)', subtitle: 'raw loss per step (points) and the smoothed loss so far, as the report smooths it (line); losses above the top are drawn at the top' },
    width: options.width ?? 640,
    height: options.height ?? 300,
    config: CONFIG,
    autosize: AUTOSIZE,
    layer: [
      {
        name: 'live_raw_loss',
        data: { name: LIVE_DATA.sweep },
        mark: { type: 'point', filled: false, size: 14, opacity: 0.6, color: COLORS.raw },
        encoding: { x, y: { field: 'shown', type: 'quantitative', title: 'loss', scale: { zero: false } }, tooltip },
      },
      {
        name: 'live_smoothed_loss',
        data: { name: LIVE_DATA.sweepSmoothed },
        mark: { type: 'line', strokeWidth: 2.2, color: COLORS.smoothed },
        encoding: { x: lineX, y: { field: 'smoothedShown', type: 'quantitative' }, detail: { field: 'run', type: 'nominal' }, order: { field: 'step', type: 'quantitative' } },
      },
    ],
  } as TopLevelSpec;
}

/** Each confirmation probe's loss against its step, one line per candidate lr. */
export function liveProbeSpec(options: { width?: number; height?: number } = {}): TopLevelSpec {
  return {
    $schema: VEGA_LITE_SCHEMA,
    title: { text: 'Confirmation probes (live)', subtitle: 'each probe warms up to its lr, then holds it; it passes when the loss keeps falling' },
    width: options.width ?? 640,
    height: options.height ?? 200,
    config: CONFIG,
    autosize: AUTOSIZE,
    data: { name: LIVE_DATA.probes },
    mark: { type: 'line', strokeWidth: 1.6 },
    encoding: {
      x: { field: 'step', type: 'quantitative', title: 'probe step' },
      y: { field: 'shown', type: 'quantitative', title: 'loss', scale: { zero: false } },
      color: { field: 'probe', type: 'nominal', title: 'probe at lr', sort: null },
      order: { field: 'step', type: 'quantitative' },
      tooltip: [
        { field: 'probe', type: 'nominal', title: 'probe at lr' },
        { field: 'step', type: 'quantitative' },
        { field: 'loss', type: 'quantitative', format: '.4~f' },
      ],
    },
  } as TopLevelSpec;
}

/** Training under the schedule: the batch loss, and accuracy per batch (training) and per epoch (validation). */
export function liveTrainingSpec(options: { width?: number; height?: number } = {}): TopLevelSpec {
  const width = options.width ?? 640;
  const height = options.height ?? 160;
  const step = { field: 'step', type: 'quantitative' as const, title: 'step' };
  return {
    $schema: VEGA_LITE_SCHEMA,
    title: { text: 'Training (live)', subtitle: 'loss and accuracy per batch; validation accuracy after each epoch' },
    config: CONFIG,
    autosize: AUTOSIZE,
    vconcat: [
      {
        width, height,
        data: { name: LIVE_DATA.batches },
        mark: { type: 'line', color: COLORS.smoothed, strokeWidth: 1.2 },
        encoding: { x: step, y: { field: 'loss', type: 'quantitative', title: 'training loss' } },
      },
      {
        width, height,
        layer: [
          {
            data: { name: LIVE_DATA.batches },
            mark: { type: 'line', color: COLORS.raw, opacity: 0.5, strokeWidth: 1 },
            encoding: { x: step, y: { field: 'acc', type: 'quantitative', title: 'accuracy', scale: { domain: [0, 1] } } },
          },
          {
            data: { name: LIVE_DATA.epochs },
            mark: { type: 'line', color: COLORS.good, strokeWidth: 2, point: true },
            encoding: {
              x: step,
              y: { field: 'valAcc', type: 'quantitative' },
              tooltip: [
                { field: 'epoch', type: 'quantitative' },
                { field: 'valAcc', type: 'quantitative', title: 'validation accuracy', format: '.3f' },
                { field: 'valLoss', type: 'quantitative', title: 'validation loss', format: '.4f' },
              ],
            },
          },
        ],
      },
    ],
  } as TopLevelSpec;
}
