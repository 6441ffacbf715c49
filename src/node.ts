// The public barrel of 'lrfind' in Node ('lrfind/node', and 'lrfind' under the 'node' condition):
// everything in './index.ts', with Node's initBackend (tfjs-node, then wasm on threads) and what
// reads or writes files.
export * from './index.js';
export { BACKEND_CHOICES, EnvironmentError, initBackend, type BackendChoice, type BackendInfo, type BackendOptions } from './tfjs/backend.js';
export { registerWasmTrainingKernels } from './tfjs/kernels/import-wasm.js';
// WebGPU through Dawn, the backends report and wasm's thread choice.
export { registerWebGpuTrainingKernels } from './tfjs/webgpu/kernels/register.js';
export { describeAdapter, type AdapterDescription, type GpuAdapterInfoLike } from './tfjs/webgpu/adapter.js';
export { probeBackends, type BackendName, type BackendReport, type BackendsReport } from './tfjs/backends-report.js';
export type { MeasureOptions, WasmThreadChoice, WasmThreadProbe } from './tfjs/wasm-thread-choice.js';
export * from './data/node.js';
export { checkOutputFolder, OutputFolderError, writeFilesAtomically, type OutputFile } from './io/output-folder.js';
