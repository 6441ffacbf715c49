// Public exports of 'lrfind/data': datasets from arrays, in Node and in a browser (files are read
// by 'lrfind/node''s loadDataset and loadCsvDataset).
export { toDataset, oneHotLabels, type Dataset, type DatasetSplit } from './tensors.js';
export type { DatasetArrays, SplitArrays } from './dataset-arrays.js';
export { DATASET_NAMES, type DatasetName } from './names.js';
export type { LoadDatasetOptions, LoadCsvDatasetOptions, Normalization } from './options.js';
export { DatasetNotFoundError, DatasetFormatError } from './errors.js';
export { inferTask, parseCsv, type CsvTable, type Task, type TaskOption } from './csv.js';
export { parseIdxImages, parseIdxLabels } from './idx.js';
export { parseDigitsCsv } from './digits.js';
export { csvDatasetArrays, digitsDatasetArrays } from './text-datasets.js';
