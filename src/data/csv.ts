// A numeric-feature CSV with one label column, parsed into typed arrays. Pure; no I/O, no tfjs.
import { binaryProblem } from '../text.js';
import { DatasetFormatError } from './errors.js';

export interface CsvParseOptions {
  /**
   * The label column: a header name, or a 0-based index (negative counts from the end).
   * @default -1 (the last column)
   */
  label?: string | number;
  /**
   * Whether the first row names the columns. `'auto'` takes it as a header when one of its feature
   * cells is not a number (or when `label` is a name).
   * @default 'auto'
   */
  header?: boolean | 'auto';
  /** The field separator (one character). Fields may not contain it, even quoted. @default ',' */
  delimiter?: string;
  /**
   * What the label is: classes, or a number to predict. `'auto'` reads a numeric label as a
   * regression target when it has fractions, or many integer values that are not 0 (or 1) to k.
   * @default 'auto'
   */
  task?: TaskOption;
}

/** What a dataset's label is: a class to pick, or a number to predict. */
export type Task = 'classification' | 'regression';
export type TaskOption = Task | 'auto';
export const TASK_OPTIONS: readonly TaskOption[] = ['auto', 'classification', 'regression'];

/** More integer values than this, not counting 0..k or 1..k, make a numeric label a regression target under 'auto'. */
const MAX_INTEGER_CLASSES = 20;

export interface CsvTable {
  count: number;
  numFeatures: number;
  /** `count × numFeatures`, row-major, as written in the file (not normalised). */
  features: Float32Array;
  task: Task;
  /** Class index of each row: position of its label in `classNames` (empty for regression). */
  labels: Int32Array;
  /** Distinct labels in sorted order (numeric order when all labels are numbers); empty for regression. */
  classNames: string[];
  /** The label of each row as a number, for regression (empty for classification). */
  targets: Float32Array;
  /** Header names of the feature columns, or `column N` (1-based) without a header. */
  featureNames: string[];
  labelName: string;
}

/** Trims a field and removes one pair of surrounding double quotes. */
function unquote(field: string): string {
  const t = field.trim();
  return t.length >= 2 && t.startsWith('"') && t.endsWith('"') ? t.slice(1, -1).trim() : t;
}

const isNumber = (text: string): boolean => text !== '' && Number.isFinite(Number(text));

function validateOptions(options: CsvParseOptions): void {
  const { label, delimiter, header } = options;
  if (typeof label === 'number' && !Number.isInteger(label)) {
    throw new RangeError(`label must be an integer column index or a column name, got ${label}`);
  }
  if (typeof label === 'string' && label.trim() === '') {
    throw new RangeError(`label must be a non-empty column name, got "${label}"`);
  }
  if (delimiter !== undefined && delimiter.length !== 1) {
    throw new RangeError(`delimiter must be one character, got "${delimiter}"`);
  }
  if (header !== undefined && header !== 'auto' && typeof header !== 'boolean') {
    throw new RangeError(`header must be true, false or 'auto', got ${String(header)}`);
  }
  if (options.task !== undefined && !TASK_OPTIONS.includes(options.task)) {
    throw new RangeError(`task must be one of ${TASK_OPTIONS.join(', ')}, got ${String(options.task)}`);
  }
}

function labelIndex(label: string | number, names: string[] | undefined, width: number, source: string): number {
  if (typeof label === 'string') {
    const index = names?.indexOf(label.trim()) ?? -1;
    if (index < 0) {
      const known = names ? `columns are ${names.join(', ')}` : 'the file has no header row';
      throw new DatasetFormatError(`${source}: no column named "${label}"; ${known}`, source);
    }
    return index;
  }
  if (label < -width || label >= width) {
    throw new RangeError(`label must be a column index in [${-width}, ${width - 1}], got ${label}`);
  }
  return label < 0 ? width + label : label;
}

/** Maps label strings to 0..k-1 in sorted order; numeric labels sort (and merge) by value. */
function encodeLabels(raw: string[]): { labels: Int32Array; classNames: string[] } {
  const numeric = raw.every(isNumber);
  const keys = numeric ? raw.map((s) => String(Number(s))) : raw;
  const classNames = [...new Set(keys)].sort(numeric ? (a, b) => Number(a) - Number(b) : undefined);
  const index = new Map(classNames.map((name, i) => [name, i]));
  return { labels: Int32Array.from(keys, (k) => index.get(k)!), classNames };
}

/** The task a label column asks for under 'auto' (see `CsvParseOptions.task`). */
export function inferTask(raw: readonly string[]): Task {
  if (!raw.every(isNumber)) return 'classification';
  const values = [...new Set(raw.map(Number))].sort((a, b) => a - b);
  if (!values.every(Number.isInteger)) return 'regression';
  const counting = values[0]! >= 0 && values[0]! <= 1 && values.at(-1)! - values[0]! === values.length - 1;
  return counting || values.length <= MAX_INTEGER_CLASSES ? 'classification' : 'regression';
}

/** The label column as numbers, or a clear error naming the first that is not one. */
function regressionTargets(raw: readonly string[], lines: readonly number[], labelName: string, source: string): Float32Array {
  const bad = raw.findIndex((value) => !isNumber(value));
  if (bad >= 0) throw new DatasetFormatError(`${source}: row ${lines[bad]}: the label "${labelName}" is "${raw[bad]}", not a number: regression needs a numeric label`, source);
  return Float32Array.from(raw, Number);
}

/**
 * Parses CSV text whose columns are numeric features plus one label column of any values.
 * Errors name the source, the 1-based line and column, and what was wrong.
 */
export function parseCsv(text: string, options: CsvParseOptions = {}, source = '<csv>'): CsvTable {
  validateOptions(options);
  const binary = binaryProblem(text, 'CSV');
  if (binary !== null) throw new DatasetFormatError(`${source}: ${binary}`, source);
  const delimiter = options.delimiter ?? ',';
  const rows: { line: number; cells: string[] }[] = [];
  text.split(/\r?\n/).forEach((raw, i) => {
    if (raw.trim() !== '') rows.push({ line: i + 1, cells: raw.split(delimiter).map(unquote) });
  });
  const first = rows[0];
  if (!first) throw new DatasetFormatError(`${source}: the file is empty`, source);
  const width = first.cells.length;
  if (width < 2) {
    throw new DatasetFormatError(`${source}: needs at least 2 columns (features and a label), got ${width}`, source);
  }
  const label = options.label ?? -1;
  const headerOption = options.header ?? 'auto';
  const guessLabel = typeof label === 'number' ? labelIndex(label, undefined, width, source) : -1;
  const hasHeader =
    headerOption === 'auto'
      ? typeof label === 'string' || first.cells.some((c, i) => i !== guessLabel && !isNumber(c))
      : headerOption;
  const names = hasHeader ? first.cells : undefined;
  const target = labelIndex(label, names, width, source);
  const data = hasHeader ? rows.slice(1) : rows;
  if (data.length === 0) throw new DatasetFormatError(`${source}: has a header but no data rows`, source);

  const numFeatures = width - 1;
  const features = new Float32Array(data.length * numFeatures);
  const rawLabels: string[] = [];
  data.forEach(({ line, cells }, r) => {
    if (cells.length !== width) {
      throw new DatasetFormatError(`${source}: row ${line} has ${cells.length} columns, expected ${width}`, source);
    }
    let f = r * numFeatures;
    cells.forEach((c, i) => {
      if (i === target) return;
      if (!isNumber(c)) {
        const name = names ? ` ("${names[i]}")` : '';
        throw new DatasetFormatError(`${source}: row ${line}, column ${i + 1}${name} is not a number: "${c}"`, source);
      }
      features[f++] = Number(c);
    });
    const value = cells[target]!;
    if (value === '') {
      throw new DatasetFormatError(`${source}: row ${line}, column ${target + 1} (the label) is empty`, source);
    }
    rawLabels.push(value);
  });
  const labelName = names?.[target] ?? `column ${target + 1}`;
  const featureNames = (names ?? first.cells.map((_, i) => `column ${i + 1}`)).filter((_, i) => i !== target);
  const task = options.task === undefined || options.task === 'auto' ? inferTask(rawLabels) : options.task;
  if (task === 'regression') {
    const targets = regressionTargets(rawLabels, data.map((r) => r.line), labelName, source);
    return { count: data.length, numFeatures, features, task, labels: new Int32Array(0), classNames: [], targets, featureNames, labelName };
  }
  const { labels, classNames } = encodeLabels(rawLabels);
  if (classNames.length < 2) {
    throw new DatasetFormatError(
      `${source}: the label column "${labelName}" must hold at least 2 classes, got ${classNames.length} (${classNames.join(', ')})`,
      source,
    );
  }
  return { count: data.length, numFeatures, features, task, labels, classNames, targets: new Float32Array(0), featureNames, labelName };
}
