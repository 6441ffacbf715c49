// Public exports of src/data that read files (Node only).
export { loadDataset, loadCsvDataset } from './load.js';
export { loadDatasetArrays, loadCsvDatasetArrays, csvDatasetArrays, DEFAULT_VALIDATION_FRACTION } from './arrays.js';
export { FASHION_MNIST_DIR } from './files.js';
