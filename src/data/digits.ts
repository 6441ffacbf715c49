// The UCI 8×8 digits as scikit-learn ships them: CSV rows of 64 pixels (0..16) and a label. Pure.
import { DatasetFormatError } from './errors.js';

export const DIGITS_SIDE = 8;
export const DIGITS_PIXELS = DIGITS_SIDE * DIGITS_SIDE;
/** Pixels count "on" cells of a 4×4 block, so they run 0..16. */
export const DIGITS_MAX_PIXEL = 16;

export interface DigitsArrays {
  count: number;
  /** `count × 64` values 0..16, row-major. */
  pixels: Uint8Array;
  /** One class 0..9 per example. */
  labels: Uint8Array;
}

function cell(text: string, line: number, column: number, max: number, source: string): number {
  const value = Number(text);
  if (text.trim() === '' || !Number.isInteger(value) || value < 0 || value > max) {
    throw new DatasetFormatError(
      `${source}: row ${line}, column ${column} must be an integer in [0, ${max}], got "${text}"`,
      source,
    );
  }
  return value;
}

/** Parses the digits CSV (no header; 65 integer columns per row). */
export function parseDigitsCsv(text: string, source = '<digits csv>'): DigitsArrays {
  const lines = text.split(/\r?\n/);
  const rows: { line: number; cells: string[] }[] = [];
  lines.forEach((raw, i) => {
    if (raw.trim() !== '') rows.push({ line: i + 1, cells: raw.split(',') });
  });
  if (rows.length === 0) throw new DatasetFormatError(`${source}: the file is empty`, source);
  const pixels = new Uint8Array(rows.length * DIGITS_PIXELS);
  const labels = new Uint8Array(rows.length);
  rows.forEach(({ line, cells }, r) => {
    if (cells.length !== DIGITS_PIXELS + 1) {
      throw new DatasetFormatError(
        `${source}: row ${line} has ${cells.length} columns, expected ${DIGITS_PIXELS + 1}`,
        source,
      );
    }
    for (let c = 0; c < DIGITS_PIXELS; c++) {
      pixels[r * DIGITS_PIXELS + c] = cell(cells[c]!, line, c + 1, DIGITS_MAX_PIXEL, source);
    }
    labels[r] = cell(cells[DIGITS_PIXELS]!, line, DIGITS_PIXELS + 1, 9, source);
  });
  return { count: rows.length, pixels, labels };
}
