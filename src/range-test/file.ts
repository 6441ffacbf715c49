// The finder's file format (range-test.json): what `lrfind find --json` prints, what `find` and
// `analyze` write and what `schedule --from` and the web page read. Versioned, with a validating
// parser, so that a file written by one version is read by the next or refused clearly.
import { confirmedBounds } from './confirm.js';
import type {
  Analysis, Bounds, Confirmation, LrFinderResult, RangeTestResult, RangeTestSettings, RegionKind, StopReason,
} from '../types.js';

export const RANGE_TEST_FORMAT = 'lrfind/range-test';
export const RANGE_TEST_VERSION = 1;

/** The suggestion rules every file lists (null when a rule has nothing to say); other registered rules follow. */
export const RULE_NAMES = ['steepest', 'valley', 'minimum', 'slide'] as const;

export interface CurvePart {
  lr: number[];
  loss: number[];
  smoothedLoss: number[];
}

/**
 * What the probes found: the confirmed max lr (null when none trained or they were stopped), the
 * largest lr that trained (`edge`), the curve's own bounds, and every probe's lr, end loss and verdict.
 */
export interface ConfirmationPart {
  maxLr: number | null;
  minLr: number | null;
  edge: number | null;
  /** The bounds read off the curve before the probes (null when it gave none). */
  curveBounds: { maxLr: number; minLr: number } | null;
  target: number;
  probes: { lr: number; endLoss: number; passed: boolean }[];
  /** True when Ctrl-C (or the signal) stopped the probes: the bounds are then the curve's. */
  stopped: boolean;
}

/** How the range test ran; absent from a file made by analysing a curve from elsewhere. */
export interface RunPart {
  /** The tfjs backend, e.g. 'wasm'. */
  backend: string;
  stopReason: StopReason;
  seconds: number;
  /** The optimizer's class name, e.g. 'SGDOptimizer'. */
  optimizer: string;
  settings: RangeTestSettings;
}

export interface RangeTestFile extends Partial<RunPart> {
  format: typeof RANGE_TEST_FORMAT;
  version: typeof RANGE_TEST_VERSION;
  curve: CurvePart;
  regions: { kind: RegionKind; minLr: number; maxLr: number }[];
  /** The bounds to train with: confirmed by probes (source 'confirmed') when one trained, else the curve's; null when there are none. */
  bounds: Bounds | null;
  rules: Record<string, number | null>;
  warnings: string[];
  /** Labels of what was tested, e.g. {model: 'cnn', data: 'digits'}. */
  model?: string;
  data?: string;
  /** Present when probes ran. */
  confirmation?: ConfirmationPart;
  /**
   * Every run's curve when there were several (`curve` is then their median, smoothed as every
   * `smoothedLoss`); `emaLoss` is the bias-corrected EMA the range test's stop rule watched.
   */
  runs?: { lr: number[]; loss: number[]; emaLoss: number[]; stopReason: StopReason; seed: number }[];
}

/** A range-test file that cannot be read: the message names the file and what is wrong. */
export class RangeTestFileError extends Error {
  override name = 'RangeTestFileError';
}

/** The probes' part of a file, given the curve's bounds they started from. */
export function confirmationPart(curve: Bounds | null, confirmation: Confirmation): ConfirmationPart {
  const confirmed = curve !== null && confirmation.maxLr !== null ? confirmedBounds(curve, confirmation.maxLr) : null;
  return {
    maxLr: confirmed?.maxLr ?? null,
    minLr: confirmed?.minLr ?? null,
    edge: confirmation.edge,
    curveBounds: curve ? { maxLr: curve.maxLr, minLr: curve.minLr } : null,
    target: confirmation.target,
    probes: confirmation.probes.map(({ lr, endLoss, passed }) => ({ lr, endLoss, passed })),
    stopped: confirmation.stopped,
  };
}

/** The file of a curve's reading alone (`lrfind analyze`); `bounds` defaults to the curve's. */
export function analysisFile(analysis: Analysis, bounds: Bounds | null = analysis.curveBounds): RangeTestFile {
  const rules: Record<string, number | null> = {};
  for (const name of RULE_NAMES) rules[name] = null;
  for (const [rule, pick] of Object.entries(analysis.picks)) rules[rule] = pick.lr;
  return {
    format: RANGE_TEST_FORMAT,
    version: RANGE_TEST_VERSION,
    curve: { lr: [...analysis.curve.lrs], loss: [...analysis.curve.losses], smoothedLoss: [...analysis.smoothedLosses] },
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
export function rangeTestFile(found: LrFinderResult, labels: { model?: string; data?: string } = {}): RangeTestFile {
  const { rangeTest, analysis, confirmation, bounds } = found;
  if (analysis === null) throw new RangeError(`the range test stopped after ${rangeTest.lrs.length} ${rangeTest.lrs.length === 1 ? 'step' : 'steps'}: too few to read a curve`);
  const file: RangeTestFile = { ...analysisFile(analysis, bounds), ...runPart(rangeTest), ...labels };
  if (confirmation) file.confirmation = confirmationPart(analysis.curveBounds, confirmation);
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

type Json = Record<string, unknown>;

const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
const isPositive = (v: unknown): v is number => typeof v === 'number' && v > 0 && Number.isFinite(v);
/** Losses may be null where they were non-finite (see toJsonText). */
const isLoss = (v: unknown): boolean => v === null || typeof v === 'number';

/**
 * Reads and checks a range-test file. `name` (a path, say) goes into the messages. Throws a
 * `RangeTestFileError` naming what is wrong: not JSON, not this format, a newer version, or a
 * missing or malformed field.
 */
export function parseRangeTestFile(text: string, name = 'range-test.json'): RangeTestFile {
  const bad = (what: string): RangeTestFileError => new RangeTestFileError(`${name}: ${what}`);
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch {
    throw bad('is not JSON (expected the range-test.json that lrfind find or analyze writes)');
  }
  if (!isObject(doc)) throw bad('is not a range-test file (expected a JSON object)');
  if (doc['format'] !== RANGE_TEST_FORMAT) {
    const hint = 'curve' in doc ? ' (written by an older lrfind? rerun lrfind analyze on it)' : '';
    throw bad(`is not a range-test file: format is ${JSON.stringify(doc['format'] ?? null)}, expected "${RANGE_TEST_FORMAT}"${hint}`);
  }
  const version = doc['version'];
  if (version !== RANGE_TEST_VERSION) {
    const newer = typeof version === 'number' && version > RANGE_TEST_VERSION;
    throw bad(newer ? `is version ${version}; this lrfind reads version ${RANGE_TEST_VERSION}: upgrade lrfind` : `has version ${JSON.stringify(version ?? null)}, expected ${RANGE_TEST_VERSION}`);
  }
  const curve = doc['curve'];
  if (!isObject(curve) || !Array.isArray(curve['lr']) || !Array.isArray(curve['loss'])) throw bad('has no curve.lr / curve.loss arrays');
  const lr = curve['lr'] as unknown[];
  const loss = curve['loss'] as unknown[];
  const smoothedLoss = Array.isArray(curve['smoothedLoss']) ? (curve['smoothedLoss'] as unknown[]) : loss;
  if (lr.length !== loss.length || smoothedLoss.length !== lr.length) {
    throw bad(`curve arrays differ in length (lr ${lr.length}, loss ${loss.length}, smoothedLoss ${smoothedLoss.length})`);
  }
  const badLr = lr.findIndex((v) => !isPositive(v));
  if (badLr >= 0) throw bad(`curve.lr[${badLr}] is ${JSON.stringify(lr[badLr])}, expected a positive number`);
  const badLoss = loss.findIndex((v) => !isLoss(v));
  if (badLoss >= 0) throw bad(`curve.loss[${badLoss}] is ${JSON.stringify(loss[badLoss])}, expected a number or null`);
  const bounds = doc['bounds'];
  if (bounds !== null) {
    if (!isObject(bounds) || !isPositive(bounds['maxLr']) || !isPositive(bounds['minLr'])) {
      throw bad('has no bounds.maxLr / bounds.minLr (positive numbers, or bounds: null)');
    }
    if (!(bounds['minLr'] < bounds['maxLr'])) throw bad(`has bounds.minLr ${bounds['minLr']} ≥ bounds.maxLr ${bounds['maxLr']}`);
    if (typeof bounds['method'] !== 'string' || typeof bounds['confidence'] !== 'number') throw bad('has no bounds.method / bounds.confidence');
  }
  if (!Array.isArray(doc['regions'])) throw bad('has no regions array');
  if (!Array.isArray(doc['warnings']) || !doc['warnings'].every((w) => typeof w === 'string')) throw bad('has no warnings array of strings');
  if (!isObject(doc['rules'])) throw bad('has no rules object');
  const nan = (v: unknown): number => (v === null ? Number.NaN : (v as number));
  return {
    ...(doc as unknown as RangeTestFile),
    curve: { lr: lr as number[], loss: loss.map(nan), smoothedLoss: smoothedLoss.map(nan) },
  };
}
