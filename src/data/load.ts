// Datasets from files, as tensors (Node only: it reads the disk).
import { loadCsvDatasetArrays, loadDatasetArrays } from './arrays.js';
import type { DatasetName } from './names.js';
import type { LoadCsvDatasetOptions, LoadDatasetOptions } from './options.js';
import { toDataset, type Dataset } from './tensors.js';

/**
 * Loads a built-in dataset as tensors with a seeded train/validation split.
 *
 * @example
 * const data = await loadDataset('digits', { seed: 1, trainSize: 1000 });
 * model.fit(data.train.xs, data.train.ys, { validationData: [data.validation.xs, data.validation.ys] });
 * data.dispose();
 */
export async function loadDataset(name: DatasetName, options: LoadDatasetOptions = {}): Promise<Dataset> {
  return toDataset(await loadDatasetArrays(name, options));
}

/** Loads a CSV of numeric features and a label column as tensors (see `LoadCsvDatasetOptions`). */
export async function loadCsvDataset(path: string, options: LoadCsvDatasetOptions = {}): Promise<Dataset> {
  return toDataset(await loadCsvDatasetArrays(path, options));
}
