// Reading the finder's file: checks every field it relies on and names the first bad one. Reads
// versions 3 and 2 as they are (3 adds the weight decay; a version 2 file has none), and version 1 upgraded (its `suggestions`, `bounds.method` and stop reason
// 'aborted' are version 2's `rules`, `bounds.source` and 'stopped'; it has no divergence index).
import type { StopReason } from '../types.js';
import { RANGE_TEST_FORMAT, RANGE_TEST_VERSION, type RangeTestFile } from './file-format.js';

/** A range-test file that cannot be read: the message names the file and what is wrong. */
export class RangeTestFileError extends Error {
  override name = 'RangeTestFileError';
}

type Json = Record<string, unknown>;

const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
const isPositive = (v: unknown): v is number => typeof v === 'number' && v > 0 && Number.isFinite(v);
/** Losses may be null where they were non-finite (see toJsonText). */
const isLoss = (v: unknown): boolean => v === null || typeof v === 'number';
const nan = (v: unknown): number => (v === null ? Number.NaN : (v as number));
const stopReason = (v: unknown): StopReason | undefined => (v === 'aborted' ? 'stopped' : (v as StopReason | undefined));

type Bad = (what: string) => RangeTestFileError;

function readJson(text: string, bad: Bad): Json {
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
  if (version !== 1 && version !== 2 && version !== RANGE_TEST_VERSION) {
    const newer = typeof version === 'number' && version > RANGE_TEST_VERSION;
    throw bad(newer ? `is version ${version}; this lrfind reads versions 1 to ${RANGE_TEST_VERSION}: upgrade lrfind` : `has version ${JSON.stringify(version ?? null)}, expected 1 to ${RANGE_TEST_VERSION}`);
  }
  return doc;
}

function readCurve(doc: Json, bad: Bad): RangeTestFile['curve'] {
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
  const divergence = curve['divergenceIndex'];
  const divergenceIndex = Number.isInteger(divergence) && (divergence as number) >= 0 && (divergence as number) < lr.length ? (divergence as number) : null;
  const spread = curve['spread'];
  const out: RangeTestFile['curve'] = { lr: lr as number[], loss: loss.map(nan), smoothedLoss: smoothedLoss.map(nan), divergenceIndex };
  if (isObject(spread) && Array.isArray(spread['lower']) && Array.isArray(spread['upper']) && spread['lower'].length === lr.length && spread['upper'].length === lr.length) {
    out.spread = { lower: (spread['lower'] as unknown[]).map(nan), upper: (spread['upper'] as unknown[]).map(nan) };
  }
  return out;
}

function readBounds(doc: Json, bad: Bad): RangeTestFile['bounds'] {
  const bounds = doc['bounds'];
  if (bounds === null) return null;
  if (!isObject(bounds) || !isPositive(bounds['maxLr']) || !isPositive(bounds['minLr'])) {
    throw bad('has no bounds.maxLr / bounds.minLr (positive numbers, or bounds: null)');
  }
  if (!(bounds['minLr'] < bounds['maxLr'])) throw bad(`has bounds.minLr ${bounds['minLr']} ≥ bounds.maxLr ${bounds['maxLr']}`);
  const source = bounds['source'] ?? bounds['method']; // version 1 called it method
  if (typeof source !== 'string' || typeof bounds['confidence'] !== 'number') throw bad('has no bounds.source / bounds.confidence');
  return { maxLr: bounds['maxLr'], minLr: bounds['minLr'], source, confidence: bounds['confidence'] };
}

/**
 * Reads and checks a range-test file. `name` (a path, say) goes into the messages. Throws a
 * `RangeTestFileError` naming what is wrong: not JSON, not this format, a newer version, or a
 * missing or malformed field.
 */
export function parseRangeTestFile(text: string, name = 'range-test.json'): RangeTestFile {
  const bad = (what: string): RangeTestFileError => new RangeTestFileError(`${name}: ${what}`);
  const doc = readJson(text, bad);
  const curve = readCurve(doc, bad);
  const bounds = readBounds(doc, bad);
  if (!Array.isArray(doc['regions'])) throw bad('has no regions array');
  if (!Array.isArray(doc['warnings']) || !doc['warnings'].every((w) => typeof w === 'string')) throw bad('has no warnings array of strings');
  const rules = doc['rules'] ?? doc['suggestions']; // version 1 called them suggestions
  if (!isObject(rules)) throw bad('has no rules object');
  const { suggestions: _v1, ...rest } = doc;
  const file: RangeTestFile = { ...(rest as unknown as RangeTestFile), version: RANGE_TEST_VERSION, curve, bounds, rules: rules as Record<string, number | null> };
  const reason = stopReason(doc['stopReason']);
  if (reason !== undefined) file.stopReason = reason;
  if (file.runs) file.runs = file.runs.map((r) => ({ ...r, stopReason: stopReason(r.stopReason) ?? r.stopReason }));
  const c = doc['confirmation'];
  if (isObject(c) && c['stopped'] === undefined && typeof c['aborted'] === 'boolean') file.confirmation = { ...(c as unknown as NonNullable<RangeTestFile['confirmation']>), stopped: c['aborted'] };
  return file;
}
