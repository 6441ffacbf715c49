// What the range-test chart draws, from whatever a user has: the finder's result, its file
// (range-test.json, version 1 or 2), or a curve's reading. The one conversion every chart of a
// range test goes through: the CLI's report, the page, the study, the gallery and the web app.
import type { Analysis, Bounds, Curve, CurveAggregate, Escalation, LrFinderResult, Region, RulePick, StopReason } from '../types.js';
import { RANGE_TEST_FORMAT, type RangeTestFile } from '../range-test/file-format.js';
import { tooFewToRead } from '../range-test/result.js';

/** What the title says about the run. Every field is optional. */
export interface ReportMeta {
  /** What the loss is, when not the model's usual: e.g. 'mean squared error of mpg (min-max scaled)'. */
  loss?: string;
  model?: string;
  optimizer?: string;
  data?: string;
  backend?: string;
}

/** A confirmation probe as the report draws it: at its lr, marked trained or failed. */
export interface ReportProbe {
  lr: number;
  passed: boolean;
}

/** What the range-test chart draws. */
export interface RangeTestReportInput {
  /** The curve read (the median when several runs were aggregated). */
  curve: Curve;
  /** The report's smoothing of `curve.losses`. */
  smoothedLosses: number[];
  regions: Region[];
  /** Each rule's pick (lr null when it had nothing to say), by rule name. */
  picks: Record<string, { lr: number | null } & Partial<RulePick>>;
  /** Where the loss starts to rise; null when it never does. */
  divergenceIndex: number | null;
  /** The runs' spread around the median. */
  aggregate?: CurveAggregate;
  warnings?: string[];
  /** The bounds to draw: a finder result's `bounds` (confirmed when probes ran), or a curve's `curveBounds`. */
  bounds: Bounds | null;
  /** Confirmation probes, drawn as ticks at their lrs under the curve. */
  probes?: readonly ReportProbe[];
  /** True when the probes were stopped (Ctrl-C): the bounds are then the curve's. */
  probesStopped?: boolean;
  /** The lr confirmed when it is below the largest that trained (a lower probe trained clearly better). */
  steppedDownTo?: number;
  /** How the sweep ended, and the steps it was set to take (the subtitle says when it stopped early). */
  sweep?: { stopReason: StopReason; numIter?: number };
  /** What the finder did beyond the planned sweep (the subtitle says each). */
  escalations?: readonly Escalation[];
  /** The decoupled weight decay the sweep ran with, when it had one. */
  weightDecay?: number;
  meta?: ReportMeta;
}

/** The finder's result, its file, or a curve's reading (with the bounds to draw). */
export type RangeTestSource = LrFinderResult | RangeTestFile | RangeTestReportInput | (Analysis & { bounds?: Bounds | null });

/** The probes as the chart draws them, from a result's confirmation or a file's. */
function probeParts(c: { probes: readonly ReportProbe[]; stopped: boolean; edge: number | null; steppedDown?: boolean }): Pick<RangeTestReportInput, 'probes' | 'probesStopped' | 'steppedDownTo'> {
  return {
    probes: c.probes.map(({ lr, passed }) => ({ lr, passed })),
    probesStopped: c.stopped,
    ...(c.steppedDown && c.edge !== null ? { steppedDownTo: c.edge } : {}),
  };
}

function fromResult(found: LrFinderResult): RangeTestReportInput {
  const { analysis, confirmation, rangeTest } = found;
  if (analysis === null) throw new RangeError(tooFewToRead(rangeTest));
  return {
    ...analysis,
    bounds: found.bounds,
    ...(confirmation ? probeParts(confirmation) : {}),
    sweep: { stopReason: rangeTest.stopReason, numIter: rangeTest.settings.numIter },
    ...(found.escalations.length > 0 ? { escalations: found.escalations } : {}),
    ...(found.weightDecay ? { weightDecay: found.weightDecay.value } : {}),
    meta: { backend: rangeTest.backend, optimizer: rangeTest.optimizer },
  };
}

/** The index of `lr` in `lrs` (the file stores regions by lr). */
function indexOf(lrs: readonly number[], lr: number): number {
  const exact = lrs.indexOf(lr);
  if (exact >= 0) return exact;
  let best = 0;
  lrs.forEach((x, i) => {
    if (Math.abs(Math.log(x / lr)) < Math.abs(Math.log(lrs[best]! / lr))) best = i;
  });
  return best;
}

function fromFile(file: RangeTestFile): RangeTestReportInput {
  const { lr, loss, smoothedLoss, divergenceIndex, spread } = file.curve;
  const regions = file.regions.map((r) => ({ ...r, startIndex: indexOf(lr, r.minLr), endIndex: indexOf(lr, r.maxLr) }));
  const picks = Object.fromEntries(Object.entries(file.rules).map(([rule, pick]) => [rule, { lr: pick }]));
  const c = file.confirmation;
  const meta: ReportMeta = { ...(file.model ? { model: file.model } : {}), ...(file.data ? { data: file.data } : {}) };
  if (file.optimizer) meta.optimizer = file.optimizer;
  if (file.backend) meta.backend = file.backend;
  if (file.loss) meta.loss = file.loss;
  return {
    curve: { lrs: lr, losses: loss },
    smoothedLosses: smoothedLoss,
    regions,
    picks,
    divergenceIndex: divergenceIndex ?? null,
    ...(spread ? { aggregate: { lrs: lr, median: smoothedLoss, lower: spread.lower, upper: spread.upper } } : {}),
    warnings: file.warnings,
    bounds: file.bounds,
    ...(c ? probeParts(c) : {}),
    ...(file.stopReason ? { sweep: { stopReason: file.stopReason, ...(file.settings ? { numIter: file.settings.numIter } : {}) } } : {}),
    ...(file.escalations && file.escalations.length > 0 ? { escalations: file.escalations } : {}),
    ...(file.weightDecay ? { weightDecay: file.weightDecay.value } : {}),
    meta,
  };
}

const isResult = (s: RangeTestSource): s is LrFinderResult => 'rangeTest' in s;
const isFile = (s: RangeTestSource): s is RangeTestFile => (s as RangeTestFile).format === RANGE_TEST_FORMAT;

/**
 * The chart's input for `source`: a finder result (`recommendLearningRate`), its file, or a reading
 * (`analyzeCurve`, drawing its `curveBounds` unless `bounds` is given). `meta` adds to what the
 * source says about the run (the model's and the data's names). Throws a RangeError for a result
 * whose sweep stopped too early to be read.
 */
export function rangeTestReportInput(source: RangeTestSource, meta: ReportMeta = {}): RangeTestReportInput {
  const input = isResult(source) ? fromResult(source) : isFile(source) ? fromFile(source) : readingInput(source);
  return { ...input, meta: { ...input.meta, ...meta } };
}

function readingInput(source: RangeTestReportInput | (Analysis & { bounds?: Bounds | null })): RangeTestReportInput {
  if ('curveBounds' in source) return { ...source, bounds: source.bounds === undefined ? source.curveBounds : source.bounds };
  return source;
}
