// Public exports of 'lrfind/models': the built-in models, each sized to a dataset.
export { buildModel, mlp, cnn, vggMini, type ModelSpec } from './builders.js';
export { MODEL_NAMES, type ModelName } from './names.js';
