// Reading a curve from CSV text with a header row.
import type { Curve } from '../types.js';
import { CurveFormatError } from './errors.js';

export interface CurveCsvOptions {
  /** Header of the learning-rate column. @default 'lr' */
  lrColumn?: string;
  /** Header of the loss column. @default 'loss' */
  lossColumn?: string;
}

// Python and numpy write non-finite values like this; the analysis cuts the curve at them.
const SPECIAL: Record<string, number> = {
  nan: NaN, inf: Infinity, '+inf': Infinity, '-inf': -Infinity, infinity: Infinity, '-infinity': -Infinity,
};

function parseNumber(cell: string, column: string, line: number): number {
  const special = SPECIAL[cell.toLowerCase()];
  if (special !== undefined) return special;
  const value = cell === '' ? NaN : Number(cell);
  if (Number.isNaN(value)) throw new CurveFormatError(`line ${line}: ${column} "${cell}" is not a number`);
  return value;
}

const unquote = (cell: string): string => cell.trim().replace(/^"(.*)"$/, '$1').trim();

/**
 * Parses comma-separated text whose first row names the columns; other columns are ignored.
 * Blank lines are skipped; `nan`/`inf` cells become NaN/Infinity.
 * Throws a `CurveFormatError` naming a missing column (and the columns found) or a bad cell.
 */
export function parseCurveCsv(text: string, options: CurveCsvOptions = {}): Curve {
  const lrColumn = options.lrColumn ?? 'lr';
  const lossColumn = options.lossColumn ?? 'loss';
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  const headerAt = lines.findIndex((line) => line.trim() !== '');
  if (headerAt < 0) throw new CurveFormatError('the CSV is empty: expected a header row with lr and loss columns');
  const header = lines[headerAt]!.split(',').map(unquote);
  const lrAt = header.indexOf(lrColumn);
  const lossAt = header.indexOf(lossColumn);
  for (const [name, at] of [[lrColumn, lrAt], [lossColumn, lossAt]] as const) {
    if (at < 0) throw new CurveFormatError(`missing column "${name}" (columns found: ${header.join(', ')})`);
  }
  const curve: Curve = { lrs: [], losses: [] };
  for (let i = headerAt + 1; i < lines.length; i++) {
    if (lines[i]!.trim() === '') continue;
    const cells = lines[i]!.split(',').map(unquote);
    if (cells.length !== header.length) {
      throw new CurveFormatError(`line ${i + 1}: expected ${header.length} cells like the header, got ${cells.length}`);
    }
    curve.lrs.push(parseNumber(cells[lrAt]!, lrColumn, i + 1));
    curve.losses.push(parseNumber(cells[lossAt]!, lossColumn, i + 1));
  }
  if (curve.lrs.length === 0) throw new CurveFormatError('the CSV has a header but no data rows');
  return curve;
}
