// Writing the finder's file (range-test.json) from a result or a curve's reading.
import type { Analysis, Bounds, Confirmation, LrFinderResult, RangeTestResult } from '../types.js';
import {
  RANGE_TEST_FORMAT, RANGE_TEST_VERSION, RULE_NAMES, type ConfirmationPart, type CurvePart, type RangeTestFile, type RunPart,
} from './file-format.js';
import { tooFewToRead } from './result.js';

export * from './file-format.js';
export { parseRangeTestFile, RangeTestFileError } from './file-parse.js';

/** The probes' part of a file, given the curve's bounds they started from and the bounds they led to. */
export function confirmationPart(curve: Bounds | null, confirmation: Confirmation, bounds: Bounds | null): ConfirmationPart {
  const confirmed = bounds?.source === 'confirmed' || bounds?.source === 'probed' ? bounds : null;
  return {
    maxLr: confirmed?.maxLr ?? null,
    minLr: confirmed?.minLr ?? null,
    edge: confirmation.edge,
    curveBounds: curve ? { maxLr: curve.maxLr, minLr: curve.minLr } : null,
    target: confirmation.target,
    probes: confirmation.probes.map(({ lr, endLoss, passed, check, unbacked }) => ({ lr, endLoss, passed, ...(check ? { check } : {}), ...(unbacked ? { unbacked } : {}) })),
    stopped: confirmation.stopped,
    ...(confirmation.relaxed ? { relaxed: true } : {}),
    ...(confirmation.steppedDown ? { steppedDown: true } : {}),
  };
}

function curvePart(analysis: Analysis): CurvePart {
  const part: CurvePart = {
    lr: [...analysis.curve.lrs],
    loss: [...analysis.curve.losses],
    smoothedLoss: [...analysis.smoothedLosses],
    divergenceIndex: analysis.divergenceIndex,
  };
  const spread = analysis.aggregate;
  // The spread is on the median's grid; the curve is that grid, less what cleaning dropped or cut.
  const from = spread === undefined ? -1 : spread.lrs.indexOf(part.lr[0]!);
  if (spread !== undefined && from >= 0 && from + part.lr.length <= spread.lrs.length) {
    part.spread = { lower: spread.lower.slice(from, from + part.lr.length), upper: spread.upper.slice(from, from + part.lr.length) };
  }
  return part;
}

/** The file of a curve's reading alone (`lrfind analyze`); `bounds` defaults to the curve's. */
export function analysisFile(analysis: Analysis, bounds: Bounds | null = analysis.curveBounds): RangeTestFile {
  const rules: Record<string, number | null> = {};
  for (const name of RULE_NAMES) rules[name] = null;
  for (const [rule, pick] of Object.entries(analysis.picks)) rules[rule] = pick.lr;
  return {
    format: RANGE_TEST_FORMAT,
    version: RANGE_TEST_VERSION,
    curve: curvePart(analysis),
    regions: analysis.regions.map(({ kind, minLr, maxLr }) => ({ kind, minLr, maxLr })),
    bounds: bounds ? { ...bounds } : null,
    rules,
    warnings: [...analysis.warnings],
  };
}

function runPart(rangeTest: RangeTestResult): RunPart {
  return {
    backend: rangeTest.backend,
    // The first run's reason, unless a stop cut a later run short.
    stopReason: rangeTest.runs.some((r) => r.stopReason === 'stopped') ? 'stopped' : rangeTest.stopReason,
    seconds: rangeTest.timing.seconds,
    optimizer: rangeTest.optimizer,
    settings: { ...rangeTest.settings },
  };
}

/**
 * The file of a finder result (`recommendLearningRate`). Throws a RangeError when the sweep
 * stopped too early to be read (`analysis` null): there is no curve to write.
 */
export function rangeTestFile(found: LrFinderResult, labels: { model?: string; data?: string; loss?: string } = {}): RangeTestFile {
  const { rangeTest, analysis, confirmation, bounds } = found;
  if (analysis === null) throw new RangeError(tooFewToRead(rangeTest));
  const file: RangeTestFile = { ...analysisFile(analysis, bounds), ...runPart(rangeTest), ...labels };
  if (confirmation) file.confirmation = confirmationPart(analysis.curveBounds, confirmation, bounds);
  if (found.escalations.length > 0) file.escalations = found.escalations.map((e) => ({ ...e }));
  if (found.weightDecay) file.weightDecay = { ...found.weightDecay };
  if (found.momentum) file.momentum = { ...found.momentum };
  const layers = rangeTest.layers;
  if (layers !== undefined && layers.frozen.length > 0) file.layers = { trained: [...layers.trained], frozen: [...layers.frozen] };
  if (rangeTest.runs.length > 1) {
    file.runs = rangeTest.runs.map((run) => ({
      lr: run.lrs, loss: run.losses, emaLoss: run.emaLosses, stopReason: run.stopReason, seed: run.seed,
    }));
  }
  return file;
}

/** JSON text with non-finite numbers written as null (JSON has neither NaN nor Infinity; a diverging curve can hold them). */
export function toJsonText(value: unknown, indent = 2): string {
  return JSON.stringify(value, (_key, v: unknown) => (typeof v === 'number' && !Number.isFinite(v) ? null : v), indent);
}

/** The file as JSON text. */
export function rangeTestFileText(file: RangeTestFile, indent = 2): string {
  return toJsonText(file, indent);
}
