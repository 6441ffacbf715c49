// A finder result as the range-test report draws it: the one conversion every view uses, so the
// page, the SVG it downloads and the CLI's report draw the same chart.
import type { RangeTestReportInput, ReportMeta } from '../range-test-spec.js';
import type { LrFinderResult } from '../../src/types.js';

/** The report's input for `found` (its bounds, probes and curve). Throws a RangeError when the sweep stopped too early to draw. */
export function reportInput(found: LrFinderResult, meta: ReportMeta = {}): RangeTestReportInput {
  const { analysis } = found;
  if (analysis === null) throw new RangeError(`the range test stopped after ${found.rangeTest.lrs.length} step(s): too few to draw a curve`);
  const c = found.confirmation;
  const probes = c ? { probes: c.probes.map(({ lr, passed }) => ({ lr, passed })), probesStopped: c.stopped } : {};
  const sweep = { stopReason: found.rangeTest.stopReason, plannedSteps: found.rangeTest.settings.numIter };
  return { ...analysis, bounds: found.bounds, ...probes, sweep, meta: { backend: found.rangeTest.backend, optimizer: found.rangeTest.optimizer, ...meta } };
}
