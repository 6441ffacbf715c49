// The public barrel of 'lrfind' in Node ('lrfind/node', and 'lrfind' under the 'node' condition):
// everything in './index.ts', with Node's initBackend (tfjs-node, then wasm on threads) and what
// reads or writes files.
export * from './index.js';
export { BACKEND_CHOICES, EnvironmentError, initBackend, type BackendChoice, type BackendInfo, type BackendOptions } from './tfjs/backend.js';
export * from './data/node.js';
export { writeReport, writeFileAtomic, type WrittenReport } from '../reports/write-report.js';
