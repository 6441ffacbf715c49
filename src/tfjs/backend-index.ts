// Public exports of src/tfjs/kernels + backend selection (re-exported by src/index.ts).
export { initBackend, BACKEND_CHOICES, EnvironmentError } from './backend.js';
export type { BackendChoice, BackendInfo, BackendOptions } from './backend.js';
export { registerWasmTrainingKernels } from './kernels/register.js';
