// The finder's one result, assembled from its parts: the sweep, its reading and the probes. Pure,
// so that every producer (recommendLearningRate, the CLI keeping a stopped run) gives the same truth:
// the bounds to train with, and regions that agree with the probes and the bounds.
import { RECOMMENDATION } from '../constants.js';
import type { Analysis, Bounds, Confirmation, Escalation, LrFinderResult, RangeTestResult, Region, WeightDecayChoice } from '../types.js';
import { plural } from '../text.js';
import { confirmedBounds, regionsAfterProbes } from './confirm.js';

const format = (lr: number): string => lr.toPrecision(2);

const ENDED: Record<string, string> = {
  stopped: 'was stopped',
  diverged: 'stopped (the loss diverged)',
  'non-finite loss': 'stopped (the loss became non-finite)',
  completed: 'ended',
};

/** "the range test stopped (the loss diverged) after 1 step: too few to read a curve": why a result has no reading. */
export function tooFewToRead(rangeTest: Pick<RangeTestResult, 'stopReason' | 'runs'>): string {
  const steps = rangeTest.runs.reduce((n, r) => n + r.lrs.length, 0);
  return `the range test ${ENDED[rangeTest.stopReason] ?? 'stopped'} after ${plural(steps, 'step')}: too few to read a curve`;
}

/** Why the min lr lies in "too small", when it does: one-cycle starts there and warms up through it. */
function minLrWarning(bounds: Bounds | null, regions: readonly Region[]): string | null {
  const small = regions.find((r) => r.kind === 'too-small');
  const good = regions.find((r) => r.kind === 'good');
  if (bounds === null || small === undefined || good === undefined || !(bounds.minLr < good.minLr)) return null;
  return `min lr ${format(bounds.minLr)} lies in the too-small region (the loss barely moved below ${format(good.minLr)}): one-cycle starts there and warms up through it; a smaller divFactor starts higher`;
}

/** Why there are no bounds when every probe failed: none trained when held at its lr. */
export function noProbeTrained(confirmation: Pick<Confirmation, 'probes' | 'target'>): string {
  const lrs = confirmation.probes.map((p) => p.lr);
  const span = lrs.length === 1 ? `at lr ${format(lrs[0]!)}` : `from lr ${format(lrs[0]!)} down to ${format(lrs.at(-1)!)}`;
  return `no probe trained (${plural(lrs.length, 'probe')} ${span}; none held its lr and ended below loss ${confirmation.target.toPrecision(3)}), so there are no bounds: check the model and its data, or probe lower`;
}

/**
 * The curve's "no bounds" warning once lrfind already did what it advises (swept on, longer, more
 * runs): what was done instead of the advice, and what is left to check.
 */
function afterEscalations(warning: string, escalations: readonly Escalation[]): string {
  const sweeps = escalations.filter((e) => e.action === 'extend' || e.action === 'lengthen' || e.action === 'repeat');
  const marker = 'so there are no bounds:';
  const at = warning.indexOf(marker);
  if (sweeps.length === 0 || at < 0) return warning;
  const done = sweeps.map((e) => e.done).join(', then ');
  return `${warning.slice(0, at + marker.length)} even after lrfind ${done}; check the model, its data and its labels`;
}

/** Why bounds from probes that all missed their target are still bounds, and how far to trust them. */
function relaxedWarning(c: Confirmation): string {
  return `no probe ended below the sweep's best loss (${c.target.toPrecision(3)}): a model already part-trained has little of a fresh one's drop left; max lr from the largest lr whose probe trained about as well as the best of them (${format(c.edge!)}): check it on a short run`;
}

/** Regions for bounds the probes found where the curve saw no good region: good from the min lr to the probes' edge. */
function regionsAroundBounds(lrs: readonly number[], from: number, to: number): Region[] {
  const n = lrs.length;
  let start = lrs.findIndex((lr) => lr >= from);
  if (start < 0) start = n - 1;
  let end = start;
  while (end + 1 < n && lrs[end + 1]! <= to) end++;
  const region = (kind: Region['kind'], a: number, b: number): Region => ({ kind, startIndex: a, endIndex: b, minLr: lrs[a]!, maxLr: lrs[b]! });
  return [
    ...(start > 0 ? [region('too-small', 0, start - 1)] : []),
    region('good', start, end),
    ...(end < n - 1 ? [region('too-large', end + 1, n - 1)] : []),
  ];
}

/** The bounds to train with and the warning that replaces the curve's "no bounds" one, if any. */
function boundsAfterProbes(analysis: Analysis, confirmation: Confirmation | null, divFactor: number): { bounds: Bounds | null; noBounds: string | null } {
  const curve = analysis.curveBounds;
  if (confirmation === null || confirmation.stopped) return { bounds: curve, noBounds: null };
  if (confirmation.maxLr !== null) {
    const bounds = confirmedBounds(curve, confirmation.maxLr, divFactor);
    return { bounds: confirmation.relaxed ? { ...bounds, source: 'probed' } : bounds, noBounds: null };
  }
  return { bounds: null, noBounds: confirmation.probes.length > 0 ? noProbeTrained(confirmation) : null };
}

export interface FinderResultOptions {
  /** What the finder did beyond the planned sweep. @default [] */
  escalations?: Escalation[];
  /** The weight decay it all ran with. */
  weightDecay?: WeightDecayChoice;
  /** minLr = maxLr / divFactor for bounds the probes found without the curve's. @default 10 */
  divFactor?: number;
}

/**
 * The result of a sweep, its reading (null under two points) and its probes (null when none ran).
 * The bounds are the confirmed ones when a probe trained, the curve's when no probes ran or they
 * were stopped, and none when every probe failed: an lr the probes could not train at is no answer.
 */
export function finderResult(rangeTest: RangeTestResult, analysis: Analysis | null, confirmation: Confirmation | null, options: FinderResultOptions = {}): LrFinderResult {
  const escalations = options.escalations ?? [];
  const wd = options.weightDecay ? { weightDecay: options.weightDecay } : {};
  if (analysis === null) return { rangeTest, analysis: null, confirmation: null, bounds: null, escalations, ...wd };
  const { bounds, noBounds } = boundsAfterProbes(analysis, confirmation, options.divFactor ?? RECOMMENDATION.divFactor);
  const probes = confirmation?.probes ?? [];
  const hasGood = analysis.regions.some((r) => r.kind === 'good');
  const edge = confirmation?.edge ?? null;
  const curveRegions = !hasGood && bounds !== null && edge !== null ? regionsAroundBounds(analysis.curve.lrs, bounds.minLr, edge) : analysis.regions;
  const regions = confirmation === null ? analysis.regions : regionsAfterProbes(curveRegions, analysis.curve.lrs, probes);
  // The curve's "no bounds" gives way to the probes' verdict: none trained, or one did where the curve could not say.
  const overruled = noBounds !== null || (bounds !== null && analysis.curveBounds === null);
  const curveWarnings = overruled
    ? analysis.warnings.filter((w) => !/no bounds/.test(w))
    : analysis.warnings.map((w) => (bounds === null ? afterEscalations(w, escalations) : w));
  const warning = minLrWarning(bounds, regions);
  const relaxed = confirmation?.relaxed && confirmation.edge !== null ? [relaxedWarning(confirmation)] : [];
  const warnings = [...(noBounds === null ? [] : [noBounds]), ...relaxed, ...curveWarnings, ...(warning === null ? [] : [warning])];
  return { rangeTest, analysis: { ...analysis, regions, warnings }, confirmation, bounds, escalations, ...wd };
}
