// Reading curves from the JSON shapes in use: lrfind's results, pytorch-lr-finder's history, rows.
import type { Curve } from '../types.js';
import { CURVE_LOSS_COLUMNS, CURVE_LR_COLUMNS, normalizeName } from './csv.js';
import { binaryProblem } from '../text.js';
import { CurveFormatError } from './errors.js';

type Json = unknown;

const isObject = (value: Json): value is Record<string, Json> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** A JSON array of numbers; null (how JSON writes NaN and Infinity) becomes NaN. */
function numbers(value: Json, name: string): number[] {
  if (!Array.isArray(value)) throw new CurveFormatError(`${name} must be an array of numbers`);
  return value.map((item: Json, i) => {
    if (item === null) return NaN;
    if (typeof item !== 'number') throw new CurveFormatError(`${name}[${i}] must be a number, got ${JSON.stringify(item)}`);
    return item;
  });
}

function pair(lrs: Json, losses: Json, lrName: string, lossName: string): Curve {
  const curve = { lrs: numbers(lrs, lrName), losses: numbers(losses, lossName) };
  if (curve.lrs.length !== curve.losses.length) {
    throw new CurveFormatError(`${lrName} has ${curve.lrs.length} values but ${lossName} has ${curve.losses.length}`);
  }
  return curve;
}

/** The first key of `object` among `names` (compared like CSV headers: case, spaces and dashes aside). */
function findKey(object: Record<string, Json>, names: readonly string[]): string | undefined {
  const keys = Object.keys(object);
  const normalized = keys.map(normalizeName);
  for (const name of names) {
    const at = normalized.indexOf(normalizeName(name));
    if (at >= 0) return keys[at];
  }
  return undefined;
}

/** The lr and loss keys of an object (the same names a CSV header may use), or undefined for both when neither is there. */
function curveKeys(object: Record<string, Json>): { lr: string; loss: string } | undefined {
  const lr = findKey(object, CURVE_LR_COLUMNS);
  const loss = findKey(object, CURVE_LOSS_COLUMNS);
  if (lr === undefined && loss === undefined) return undefined;
  // A lone half is named after its usual partner, so the message says what is missing.
  return { lr: lr ?? (loss === 'losses' ? 'lrs' : 'lr'), loss: loss ?? (lr === 'lrs' ? 'losses' : 'loss') };
}

/** One curve from an already parsed JSON value (see `parseCurveJson` for the shapes). */
export function curveFromJson(value: Json): Curve {
  if (Array.isArray(value)) {
    const keys = value.map((row: Json, i) => {
      const found = isObject(row) ? curveKeys(row) : undefined;
      if (!found || !(found.lr in (row as object)) || !(found.loss in (row as object))) throw new CurveFormatError(`row ${i} must be an object with lr and loss`);
      return found;
    });
    const rows = value as Record<string, Json>[];
    return pair(rows.map((row, i) => row[keys[i]!.lr]), rows.map((row, i) => row[keys[i]!.loss]), 'lr', 'loss');
  }
  if (!isObject(value)) throw new CurveFormatError('expected a JSON object or an array of {lr, loss} rows');
  const keys = curveKeys(value);
  if (keys) return pair(value[keys.lr], value[keys.loss], keys.lr, keys.loss);
  if (isObject(value['curve'])) {
    const curve = value['curve'];
    if ('lrs' in curve) return pair(curve['lrs'], curve['losses'], 'curve.lrs', 'curve.losses');
    return pair(curve['lr'], curve['loss'], 'curve.lr', 'curve.loss');
  }
  throw new CurveFormatError(
    `no curve found: expected an lr array (${CURVE_LR_COLUMNS.join(', ')}) and a loss array (${CURVE_LOSS_COLUMNS.join(', ')}), or curve.lr/curve.loss; keys found: ${Object.keys(value).join(', ')}`,
  );
}

function parse(text: string): Json {
  const binary = binaryProblem(text, 'JSON file');
  if (binary !== null) throw new CurveFormatError(binary);
  try {
    return JSON.parse(text) as Json;
  } catch (error) {
    throw new CurveFormatError(`not valid JSON: ${(error as Error).message}`);
  }
}

/**
 * Parses one curve from JSON: `{lrs, losses}` (lrfind's RangeTestResult: its first run),
 * `{lr, loss}` (pytorch-lr-finder's `history`), an array of `{lr, loss}` rows, or lrfind's CLI
 * output `{curve: {lr, loss}}`. null values (JSON's NaN) become NaN.
 * Throws a `CurveFormatError` saying what is missing.
 */
export function parseCurveJson(text: string): Curve {
  return curveFromJson(parse(text));
}

/**
 * Parses every run: the `runs` of a RangeTestResult (or of any object holding a `runs` array of
 * curves), otherwise the one curve `parseCurveJson` finds.
 */
export function parseRunsJson(text: string): Curve[] {
  const value = parse(text);
  if (isObject(value) && Array.isArray(value['runs']) && value['runs'].length > 0) {
    return value['runs'].map((run: Json, i) => {
      try {
        return curveFromJson(run);
      } catch (error) {
        throw new CurveFormatError(`runs[${i}]: ${(error as Error).message}`);
      }
    });
  }
  return [curveFromJson(value)];
}
