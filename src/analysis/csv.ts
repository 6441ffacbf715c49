// Reading a curve from CSV text with a header row.
import type { Curve } from '../types.js';
import { binaryProblem } from '../text.js';
import { CurveFormatError } from './errors.js';

/**
 * Headers read as the learning rate when no column is named, in order of preference: `lr`
 * (pytorch-lr-finder's and PyTorch Lightning's `lr_find` results, Keras 2 logs), `learning_rate`
 * (Keras 3 logs and `CSVLogger`), `lrs` (fastai's `recorder.lrs`, keras-lr-finder's `lrs`).
 * Headers match ignoring case, and spaces or dashes count as `_` ("Learning Rate").
 */
export const CURVE_LR_COLUMNS = ['lr', 'learning_rate', 'lrs'] as const;

/**
 * Headers read as the loss when no column is named, in order of preference: `loss`
 * (pytorch-lr-finder, Lightning, Keras), `losses` (fastai's `recorder.losses`, keras-lr-finder),
 * `train_loss` / `training_loss` (Lightning and Keras loggers). Never a smoothed or validation loss.
 */
export const CURVE_LOSS_COLUMNS = ['loss', 'losses', 'train_loss', 'training_loss'] as const;

/** Field separators recognised from the header row, comma first. */
export const CURVE_DELIMITERS = [',', ';', '\t', '|'] as const;

export interface CurveCsvOptions {
  /** Header of the learning-rate column. @default the first of `CURVE_LR_COLUMNS` in the header */
  lrColumn?: string;
  /** Header of the loss column. @default the first of `CURVE_LOSS_COLUMNS` in the header */
  lossColumn?: string;
  /** The field separator (one character). @default read off the header: the first of `CURVE_DELIMITERS` in it */
  delimiter?: string;
}

// Python and numpy write non-finite values like this; the analysis cuts the curve at them.
const SPECIAL: Record<string, number> = {
  nan: NaN, inf: Infinity, '+inf': Infinity, '-inf': -Infinity, infinity: Infinity, '-infinity': -Infinity,
};

const DELIMITER_NAMES: Record<string, string> = { ',': 'comma', ';': 'semicolon', '\t': 'tab', '|': 'bar' };

function parseNumber(cell: string, column: string, line: number, delimiter: string): number {
  const special = SPECIAL[cell.toLowerCase()];
  if (special !== undefined) return special;
  const value = cell === '' ? NaN : Number(cell);
  if (Number.isNaN(value)) {
    const decimalComma = delimiter !== ',' && /^[+-]?\d+,\d+([eE][+-]?\d+)?$/.test(cell);
    const hint = decimalComma ? `; write the decimal point as "." (${cell.replace(',', '.')})` : '';
    throw new CurveFormatError(`line ${line}: ${column} "${cell}" is not a number${hint}`);
  }
  return value;
}

const unquote = (cell: string): string => cell.trim().replace(/^"(.*)"$/, '$1').trim();

/** How column names are compared: case and spaces/dashes do not matter. */
export const normalizeName = (name: string): string => name.trim().toLowerCase().replace(/[\s-]+/g, '_');

function findColumn(header: readonly string[], wanted: readonly string[]): number {
  const names = header.map(normalizeName);
  for (const name of wanted) {
    const at = names.indexOf(normalizeName(name));
    if (at >= 0) return at;
  }
  return -1;
}

function detectDelimiter(headerLine: string): string {
  return CURVE_DELIMITERS.find((d) => headerLine.includes(d)) ?? ',';
}

function missingColumn(kind: 'lr' | 'loss', named: string | undefined, header: readonly string[], delimiter: string): CurveFormatError {
  const found = `${delimiter === ',' ? '' : `${DELIMITER_NAMES[delimiter] ?? JSON.stringify(delimiter)}-separated `}columns found: ${header.join(', ')}`;
  if (header.length === 1) {
    return new CurveFormatError(
      `the header has one column ("${header[0]}"): expected columns separated by ${CURVE_DELIMITERS.map((d) => DELIMITER_NAMES[d]).join(', ')}`,
    );
  }
  if (named !== undefined) return new CurveFormatError(`missing column "${named}" (${found})`);
  const list = kind === 'lr' ? CURVE_LR_COLUMNS : CURVE_LOSS_COLUMNS;
  const option = kind === 'lr' ? 'lrColumn' : 'lossColumn';
  const what = kind === 'lr' ? 'learning-rate' : 'loss';
  return new CurveFormatError(`no ${what} column: none of ${list.join(', ')} (name it with ${option}; ${found})`);
}

/**
 * Parses delimited text whose first row names the columns; other columns are ignored. The lr and
 * loss columns are the named ones, else the first of `CURVE_LR_COLUMNS` / `CURVE_LOSS_COLUMNS`; the
 * delimiter is read off the header (comma, semicolon, tab or bar). Blank lines are skipped;
 * `nan`/`inf` cells become NaN/Infinity. Throws a `CurveFormatError` (one line) for binary data, a
 * missing column (naming the columns found) or a bad cell.
 */
export function parseCurveCsv(text: string, options: CurveCsvOptions = {}): Curve {
  if (options.delimiter !== undefined && options.delimiter.length !== 1) {
    throw new RangeError(`delimiter must be one character, got "${options.delimiter}"`);
  }
  const binary = binaryProblem(text, 'CSV');
  if (binary !== null) throw new CurveFormatError(binary);
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  const headerAt = lines.findIndex((line) => line.trim() !== '');
  if (headerAt < 0) throw new CurveFormatError('the CSV is empty: expected a header row with lr and loss columns');
  const delimiter = options.delimiter ?? detectDelimiter(lines[headerAt]!);
  const header = lines[headerAt]!.split(delimiter).map(unquote);
  const lrAt = findColumn(header, options.lrColumn !== undefined ? [options.lrColumn] : CURVE_LR_COLUMNS);
  const lossAt = findColumn(header, options.lossColumn !== undefined ? [options.lossColumn] : CURVE_LOSS_COLUMNS);
  if (lrAt < 0) throw missingColumn('lr', options.lrColumn, header, delimiter);
  if (lossAt < 0) throw missingColumn('loss', options.lossColumn, header, delimiter);
  const lrName = header[lrAt]!;
  const lossName = header[lossAt]!;
  const curve: Curve = { lrs: [], losses: [] };
  for (let i = headerAt + 1; i < lines.length; i++) {
    if (lines[i]!.trim() === '') continue;
    const cells = lines[i]!.split(delimiter).map(unquote);
    if (cells.length !== header.length) {
      throw new CurveFormatError(`line ${i + 1}: expected ${header.length} cells like the header, got ${cells.length}`);
    }
    curve.lrs.push(parseNumber(cells[lrAt]!, lrName, i + 1, delimiter));
    curve.losses.push(parseNumber(cells[lossAt]!, lossName, i + 1, delimiter));
  }
  if (curve.lrs.length === 0) throw new CurveFormatError('the CSV has a header but no data rows');
  return curve;
}
