// Node's registerWasmTrainingKernels: imports @tensorflow/tfjs-backend-wasm itself (its stock kernels
// are registered then, and lrfind's must come after them). Never reached from the browser entry,
// whose bundles must build without the package.
import { registerWasmTrainingKernels as registerOnRegisteredWasm } from './register.js';

/**
 * Imports @tensorflow/tfjs-backend-wasm (which registers tfjs's 'wasm' backend) and registers
 * lrfind's training kernels on it: call it when you mean to train on wasm.
 * @returns the names of the kernels registered
 */
export async function registerWasmTrainingKernels(): Promise<string[]> {
  await import('@tensorflow/tfjs-backend-wasm');
  return registerOnRegisteredWasm();
}
