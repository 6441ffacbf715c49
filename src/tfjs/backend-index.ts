// Public exports of src/tfjs/kernels + backend selection (re-exported by src/index.ts).
export { initBackend, BACKEND_CHOICES, EnvironmentError } from './backend.js';
export type { BackendChoice, BackendInfo, BackendOptions } from './backend.js';
export { registerWasmTrainingKernels } from './kernels/register.js';
// webgpu, the backends report and wasm's thread choice (issue #17).
export { registerWebGpuTrainingKernels } from './webgpu/kernels/register.js';
export { describeAdapter } from './webgpu/adapter.js';
export type { AdapterDescription, GpuAdapterInfoLike } from './webgpu/adapter.js';
export { probeBackends } from './backends-report.js';
export type { BackendName, BackendReport, BackendsReport } from './backends-report.js';
export { measureWasmThreads, SMALL_CNN_PROBE } from './wasm-thread-choice.js';
export type { MeasureOptions, WasmThreadChoice, WasmThreadProbe } from './wasm-thread-choice.js';
