// Public exports of src/models (re-exported by src/index.ts).
export { buildModel, mlp, cnn, vggMini } from './builders.js';
export type { ModelSpec } from './builders.js';
export { MODEL_INPUTS, MODEL_NAMES, MIN_IMAGE_SIDE, modelInputProblem, type ModelName } from './names.js';
