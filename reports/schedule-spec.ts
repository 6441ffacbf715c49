// Schedule report: the learning rate (and momentum, in its own panel) against the step, with the
// phase boundaries marked and, when the epoch length is known, epochs on a second axis.
import { keepIndices } from './downsample.js';
import { formatLr, formatValue, roundSig } from '../src/format.js';
import { layoutRuleLabels } from './label-layout.js';
import type { Datum, LayerSpec, TopLevelSpec } from './spec-types.js';
import { COLORS, CONFIG, LABEL_FONT_SIZE, VEGA_LITE_SCHEMA } from './theme.js';
import type { ScheduleReportInput } from '../src/present/schedule-input.js';
import { maxOf, minOf } from '../src/numbers.js';

export type { ScheduleReportInput } from '../src/present/schedule-input.js';

export interface ScheduleSpecOptions {
  /** Panel width in px. @default 640 */
  width?: number;
  /** Height of the lr panel in px (the momentum panel gets 60 % of it). @default 240 */
  height?: number;
  /** Most points drawn per line; longer schedules are thinned, keeping jumps and boundaries. @default 1000 */
  maxPoints?: number;
}

const ROW_HEIGHT = 14;
const LABEL_TOP = 4;

function validate(input: ScheduleReportInput, width: number, height: number, maxPoints: number): void {
  const n = input.lr.length;
  if (n < 1) throw new RangeError('lr must hold at least 1 value, got 0');
  const bad = input.lr.find((v) => !Number.isFinite(v));
  if (bad !== undefined) throw new RangeError(`lr must hold finite numbers, got ${bad}`);
  const m = input.momentum;
  if (m != null) {
    if (m.length !== n) throw new RangeError(`momentum must have lr's length ${n}, got ${m.length}`);
    const badM = m.find((v) => !Number.isFinite(v));
    if (badM !== undefined) throw new RangeError(`momentum must hold finite numbers, got ${badM}`);
  }
  for (const p of input.phases ?? []) {
    if (!(p.startStep >= 0 && p.startStep <= p.endStep && p.endStep <= n)) {
      throw new RangeError(`phases must satisfy 0 <= startStep <= endStep <= ${n}, got ${p.name} ${p.startStep}..${p.endStep}`);
    }
  }
  const spe = input.stepsPerEpoch;
  if (spe !== undefined && !(spe > 0 && Number.isFinite(spe))) throw new RangeError(`stepsPerEpoch must be > 0, got ${spe}`);
  if (!(width > 0)) throw new RangeError(`width must be > 0, got ${width}`);
  if (!(height > 0)) throw new RangeError(`height must be > 0, got ${height}`);
  if (!(maxPoints >= 2)) throw new RangeError(`maxPoints must be >= 2, got ${maxPoints}`);
}

function subtitleOf(input: ScheduleReportInput): string {
  const lr = input.lr;
  const facts = [`${lr.length} steps`, `peak lr ${formatLr(maxOf(lr))}`, `final lr ${formatLr(lr[lr.length - 1] ?? 0)}`];
  const m = input.momentum;
  if (m != null && m.length > 0) facts.push(`momentum ${formatValue(minOf(m))} to ${formatValue(maxOf(m))}`);
  const spe = input.stepsPerEpoch;
  if (spe !== undefined) facts.push(`${formatValue(lr.length / spe)} epochs of ${formatValue(spe)} steps`);
  return facts.join(' · ');
}

/** A vega-lite spec of a schedule. Marks: `lr_line`, `momentum_line`, `lr_phase_rule`,
 * `momentum_phase_rule`, `phase_label_left|right`. */
export function scheduleSpec(input: ScheduleReportInput, options: ScheduleSpecOptions = {}): TopLevelSpec {
  const width = options.width ?? 640;
  const height = options.height ?? 240;
  const maxPoints = options.maxPoints ?? 1000;
  validate(input, width, height, maxPoints);
  const momentum = input.momentum ?? null;
  const phases = input.phases ?? [];
  const keep = keepIndices(momentum === null ? [input.lr] : [input.lr, momentum], maxPoints, phases.flatMap((p) => [p.startStep, p.endStep - 1]));
  const schedule: Datum[] = keep.map((i) => ({
    step: i,
    lr: roundSig(input.lr[i] ?? 0),
    ...(momentum === null ? {} : { momentum: roundSig(momentum[i] ?? 0) }),
  }));
  const axes = stepAxes(input, width);
  const lr = lrPanel(input, axes, width, height);
  const panels = momentum === null ? [lr.panel] : [lr.panel, momentumPanel(momentum, phases.length > 0, axes, width, Math.round(height * 0.6))];
  return {
    $schema: VEGA_LITE_SCHEMA,
    title: { text: input.title ?? 'Learning-rate schedule', subtitle: subtitleOf(input) },
    config: CONFIG,
    datasets: { schedule, phases: lr.phaseData },
    vconcat: panels,
    spacing: 12,
  };
}

interface StepAxes {
  lastStep: number;
  stepsPerEpoch: number | undefined;
  /** The step encoding's field and scale, shared by both panels. */
  step: { field: 'step'; type: 'quantitative'; scale: { domain: [number, number]; nice: false; zero: true } };
  px(step: number): number;
}

function stepAxes(input: ScheduleReportInput, width: number): StepAxes {
  const lastStep = Math.max(1, input.lr.length - 1);
  return {
    lastStep,
    stepsPerEpoch: input.stepsPerEpoch,
    step: { field: 'step', type: 'quantitative', scale: { domain: [0, lastStep], nice: false, zero: true } },
    px: (step) => (width * step) / lastStep,
  };
}

type Panel = { width: number; height: number; layer: LayerSpec[]; resolve?: TopLevelSpec['resolve'] };

/** The lr panel: the line, a rule where each phase starts (not at step 0) and the phases' names,
 * stacked in rows above the line so they never overlap. */
function lrPanel(input: ScheduleReportInput, axes: StepAxes, width: number, height: number): { panel: Panel; phaseData: Datum[] } {
  const phases = input.phases ?? [];
  const placed = layoutRuleLabels(phases.map((p) => ({ x: axes.px(p.startStep), text: p.name })), { width, fontSize: LABEL_FONT_SIZE });
  const rows = placed.reduce((m, p) => Math.max(m, p.row + 1), 0);
  const lrMax = Math.max(maxOf(input.lr), 0);
  const lrMin = Math.min(minOf(input.lr), 0);
  const headroom = Math.min(0.45, (rows * ROW_HEIGHT + (rows > 0 ? LABEL_TOP + 4 : 0)) / height);
  const lrTop = roundSig(lrMax + ((lrMax - lrMin || 1) * headroom) / (1 - headroom));
  // Label rows as lr values (vega-lite fails on a pixel `scale: null` y next to a second x axis).
  const lrDomain: [number, number] = [roundSig(lrMin), lrTop];
  const lrAtPx = (y: number): number => roundSig(lrTop - (y / height) * (lrTop - lrMin));
  const phaseData: Datum[] = phases.map((p, i) => ({
    phase: p.name,
    step: p.startStep,
    endStep: p.endStep,
    align: placed[i]?.align ?? 'left',
    y: lrAtPx(LABEL_TOP + (placed[i]?.row ?? 0) * ROW_HEIGHT),
  }));
  const spe = axes.stepsPerEpoch;
  const stepLayers: LayerSpec[] = [
    ...(phases.length > 0 ? [phaseRules('lr', lrDomain)] : []),
    {
      name: 'lr_line',
      data: { name: 'schedule' },
      mark: { type: 'line', color: COLORS.lr, strokeWidth: 2 },
      encoding: {
        x: { ...axes.step, title: input.momentum == null ? 'step' : null, axis: { grid: spe === undefined } },
        y: { field: 'lr', type: 'quantitative', title: 'learning rate', scale: { domain: lrDomain, nice: false }, axis: { format: '~g' } },
      },
    },
    ...phaseLabelLayers(phaseData),
  ];
  // The epoch axis needs its own x scale; the step layers are nested so they keep sharing theirs.
  const panel: Panel =
    spe === undefined
      ? { width, height, layer: stepLayers }
      : { width, height, layer: [epochAxis(axes.lastStep, spe), { layer: stepLayers }], resolve: { scale: { x: 'independent' }, axis: { x: 'independent' } } };
  return { panel, phaseData };
}

function phaseLabelLayers(phaseData: readonly Datum[]): LayerSpec[] {
  return (['left', 'right'] as const)
    .filter((align) => phaseData.some((d) => d.align === align))
    .map((align) => ({
      name: `phase_label_${align}`,
      data: { name: 'phases' },
      transform: [{ filter: `datum.align === '${align}'` }],
      mark: { type: 'text', align, baseline: 'top', dx: align === 'left' ? 4 : -4, fontSize: LABEL_FONT_SIZE, color: COLORS.phase },
      encoding: { x: { field: 'step', type: 'quantitative' }, y: { field: 'y', type: 'quantitative' }, text: { field: 'phase' } },
    }));
}

/** The rules span the panel's y domain explicitly: a full-height rule next to the epoch axis makes
 * vega-lite 6.4 emit a duplicate "height" signal. */
function phaseRules(panel: string, [lo, hi]: [number, number]): LayerSpec {
  return {
    name: `${panel}_phase_rule`,
    data: { name: 'phases' },
    transform: [{ filter: 'datum.step > 0' }],
    mark: { type: 'rule', color: COLORS.phase, strokeDash: [4, 3], strokeWidth: 1 },
    encoding: { x: { field: 'step', type: 'quantitative' }, y: { datum: lo, type: 'quantitative' }, y2: { datum: hi } },
  };
}

/** Invisible marks that carry the epoch scale for the top axis (same span as the steps). */
function epochAxis(lastStep: number, stepsPerEpoch: number): LayerSpec {
  const lastEpoch = roundSig(lastStep / stepsPerEpoch);
  return {
    name: 'epoch_axis',
    data: { values: [{ epoch: 0 }, { epoch: lastEpoch }] },
    mark: { type: 'point', opacity: 0 },
    encoding: {
      x: {
        field: 'epoch',
        type: 'quantitative',
        title: 'epoch',
        scale: { domain: [0, lastEpoch], nice: false, zero: true },
        axis: { orient: 'top', grid: true, gridDash: [2, 2], tickMinStep: 1, format: '~g' },
      },
    },
  };
}

function momentumPanel(momentum: readonly number[], withPhases: boolean, axes: StepAxes, width: number, height: number): Panel {
  const mMin = minOf(momentum);
  const mMax = maxOf(momentum);
  const pad = (mMax - mMin || Math.abs(mMax) || 1) * 0.08;
  const mDomain: [number, number] = [roundSig(mMin - pad), roundSig(mMax + pad)];
  return {
    width,
    height,
    layer: [
      ...(withPhases ? [phaseRules('momentum', mDomain)] : []),
      {
        name: 'momentum_line',
        data: { name: 'schedule' },
        mark: { type: 'line', color: COLORS.momentum, strokeWidth: 2 },
        encoding: {
          x: { ...axes.step, title: 'step', axis: { grid: axes.stepsPerEpoch === undefined } },
          y: { field: 'momentum', type: 'quantitative', title: 'momentum', scale: { domain: mDomain, nice: false, zero: false } },
        },
      },
    ],
  };
}
