// The public barrel of 'lrfind' in Node ('lrfind/node', and 'lrfind' under the 'node' condition):
// everything in './index.ts', with Node's initBackend (tfjs-node, then wasm on threads, webgpu
// through Dawn), the datasets read from files, the output folder, and the founding study's runs.
export * from './index.js';
export { EnvironmentError, initBackend, type BackendChoice, type BackendInfo, type BackendOptions } from './tfjs/backend.js';
export { registerWasmTrainingKernels } from './tfjs/kernels/import-wasm.js';
export { probeBackends, type BackendReport, type BackendsReport } from './tfjs/backends-report.js';
export { loadCsvDataset, loadDataset } from './data/node.js';
export { checkOutputFolder, OutputFolderError, writeFilesAtomically, type OutputFile } from './io/output-folder.js';
export { runDemo, type DemoOptions, type DemoResult } from './study/demo.js';
export { runStudy, type StudyOptions, type StudyResult } from './study/compare.js';
