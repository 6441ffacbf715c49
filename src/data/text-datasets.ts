// Datasets from text already in memory (the digits CSV, any numeric CSV), split and scaled exactly
// as the Node loaders do it, so that a page and the CLI train on the same rows. Pure: no I/O, no
// tfjs, no Node built-in (a browser reads the text with fetch or File.text()).
import type { DatasetArrays, SplitArrays } from './dataset-arrays.js';
import { parseCsv } from './csv.js';
import { DIGITS_MAX_PIXEL, DIGITS_PIXELS, DIGITS_SIDE, parseDigitsCsv } from './digits.js';
import { DATASET_CLASS_NAMES } from './names.js';
import { applyScaling, fitScaling } from './normalize.js';
import { validateCsvOptions, validateSplitOptions, type LoadCsvDatasetOptions, type SplitOptions } from './options.js';
import { gatherLabels, gatherRows, randomSplit, takeSubset, type IndexSplit } from './split.js';

/** Default `validationFraction` for datasets that come as one set (digits, CSV). */
export const DEFAULT_VALIDATION_FRACTION = 0.2;

/** Applies the size options to a split, naming `what` in errors. */
export function subsets(split: IndexSplit, options: SplitOptions, what: string): IndexSplit {
  return {
    train: takeSubset(split.train, options.trainSize, 'trainSize', `the training split of ${what}`),
    validation: takeSubset(split.validation, options.validationSize, 'validationSize', `the validation split of ${what}`),
  };
}

export function pick(src: Uint8Array | Float32Array, labels: ArrayLike<number>, width: number, rows: Int32Array, scale: number): SplitArrays {
  return { xs: gatherRows(src, width, rows, scale), labels: gatherLabels(labels, rows), size: rows.length };
}

/**
 * The digits CSV (`data/digits.csv.gz`, decompressed) as arrays: 8×8×1 images scaled to [0, 1]
 * and a seeded split, the same rows `loadDataset('digits', options)` gives in Node.
 * @example
 * const text = await new Response((await fetch('digits.csv.gz')).body!.pipeThrough(new DecompressionStream('gzip'))).text();
 * const data = toDataset(digitsDatasetArrays(text, { seed: 0 }));
 */
export function digitsDatasetArrays(text: string, options: SplitOptions = {}, source = '<digits csv>'): DatasetArrays {
  validateSplitOptions(options);
  const digits = parseDigitsCsv(text, source);
  const fraction = options.validationFraction ?? DEFAULT_VALIDATION_FRACTION;
  const split = subsets(randomSplit(digits.count, options.seed ?? 0, fraction, 'digits'), options, 'digits');
  const scale = 1 / DIGITS_MAX_PIXEL;
  return {
    name: 'digits',
    train: pick(digits.pixels, digits.labels, DIGITS_PIXELS, split.train, scale),
    validation: pick(digits.pixels, digits.labels, DIGITS_PIXELS, split.validation, scale),
    numClasses: 10,
    inputShape: [DIGITS_SIDE, DIGITS_SIDE, 1],
    classNames: [...DATASET_CLASS_NAMES.digits],
  };
}

/** Splits and normalises parsed CSV text; `source` names it in errors. */
export function csvDatasetArrays(text: string, options: LoadCsvDatasetOptions = {}, source = '<csv>'): DatasetArrays {
  validateCsvOptions(options);
  const table = parseCsv(text, options, source);
  const seed = options.seed ?? 0;
  const fraction = options.validationFraction ?? DEFAULT_VALIDATION_FRACTION;
  const split = subsets(randomSplit(table.count, seed, fraction, source), options, source);
  const train = pick(table.features, table.labels, table.numFeatures, split.train, 1);
  const validation = pick(table.features, table.labels, table.numFeatures, split.validation, 1);
  // Fit on the training rows actually kept, so validation never leaks into the scaling.
  const method = options.normalize ?? 'min-max';
  const scaling = fitScaling(train.xs, table.numFeatures, method);
  applyScaling(train.xs, scaling);
  applyScaling(validation.xs, scaling);
  const base = { name: source, train, validation, inputShape: [table.numFeatures], featureNames: table.featureNames };
  if (table.task === 'classification') return { ...base, task: 'classification', numClasses: table.classNames.length, classNames: table.classNames };
  // Regression: the target is scaled as the features are, so that the loss reads on the same footing.
  train.targets = gatherRows(table.targets, 1, split.train);
  validation.targets = gatherRows(table.targets, 1, split.validation);
  const targetScaling = fitScaling(train.targets, 1, method);
  applyScaling(train.targets, targetScaling);
  applyScaling(validation.targets, targetScaling);
  const target = { name: table.labelName, offset: targetScaling.offset[0]!, factor: targetScaling.factor[0]! };
  return { ...base, task: 'regression', numClasses: 1, classNames: [], target };
}
