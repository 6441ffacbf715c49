// The finder's one result, assembled from its parts: the sweep, its reading and the probes. Pure,
// so that every producer (recommendLearningRate, the CLI keeping a stopped run) gives the same truth:
// the bounds to train with, and regions that agree with the probes and the bounds.
import type { Analysis, Bounds, Confirmation, LrFinderResult, RangeTestResult, Region } from '../types.js';
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

/** The result of a sweep, its reading (null under two points) and its probes (null when none ran). */
export function finderResult(rangeTest: RangeTestResult, analysis: Analysis | null, confirmation: Confirmation | null): LrFinderResult {
  if (analysis === null) return { rangeTest, analysis: null, confirmation: null, bounds: null };
  const curve = analysis.curveBounds;
  const bounds = curve === null || confirmation === null ? curve : confirmedBounds(curve, confirmation.maxLr);
  const regions = confirmation === null ? analysis.regions : regionsAfterProbes(analysis.regions, analysis.curve.lrs, confirmation.probes);
  const warning = minLrWarning(bounds, regions);
  const warnings = warning === null ? analysis.warnings : [...analysis.warnings, warning];
  return { rangeTest, analysis: { ...analysis, regions, warnings }, confirmation, bounds };
}
