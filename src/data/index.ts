// Public exports of src/data that run anywhere (the browser included): parsers and tensors from arrays.
export { toDataset, oneHotLabels } from './tensors.js';
export type { Dataset, DatasetSplit } from './tensors.js';
export type { DatasetArrays, SplitArrays } from './arrays.js';
export { DATASET_NAMES, DATASET_CLASS_NAMES, resolveDatasetName } from './names.js';
export type { DatasetName } from './names.js';
export { NORMALIZATIONS } from './options.js';
export type { LoadDatasetOptions, LoadCsvDatasetOptions, SplitOptions, Normalization } from './options.js';
export { DatasetNotFoundError, DatasetFormatError } from './errors.js';
export { parseCsv } from './csv.js';
export type { CsvParseOptions, CsvTable } from './csv.js';
export { parseIdxImages, parseIdxLabels } from './idx.js';
export type { IdxImages, IdxLabels } from './idx.js';
export { parseDigitsCsv } from './digits.js';
export type { DigitsArrays } from './digits.js';
export { csvDatasetArrays, digitsDatasetArrays, DEFAULT_VALIDATION_FRACTION } from './text-datasets.js';
