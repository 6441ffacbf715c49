// Public exports of src/models (re-exported by src/index.ts).
export { buildModel, mlp, cnn, vggMini, MODEL_NAMES } from './builders.js';
export type { ModelName, ModelSpec } from './builders.js';
