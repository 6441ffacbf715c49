// Registers lrfind's training kernels on the wasm backend, replacing any stock kernel of the same
// name (kept in `stockKernels` for fallbacks). Idempotent.
import * as tf from '@tensorflow/tfjs';
import { stockKernels } from './kernel-utils.js';
import { batchMatMulConfig } from './batch-mat-mul.js';
import { conv2dBackpropFilterConfig } from './conv2d-backprop-filter.js';
import { conv2dBackpropInputConfig } from './conv2d-backprop-input.js';
import { depthwiseBackpropFilterConfig } from './depthwise-backprop-filter.js';
import { depthwiseBackpropInputConfig } from './depthwise-backprop-input.js';
import { fusedMatMulConfig } from './fused-mat-mul.js';
import { identityConfig } from './identity.js';
import { maxPoolGradConfig } from './max-pool-grad.js';
import { oneHotConfig } from './one-hot.js';
import { sumConfig } from './sum.js';
import { unsortedSegmentSumConfig } from './unsorted-segment-sum.js';

/** Every kernel lrfind registers on wasm, by kernel name. */
export const WASM_TRAINING_KERNELS: readonly tf.KernelConfig[] = [
  batchMatMulConfig,
  fusedMatMulConfig,
  conv2dBackpropFilterConfig,
  conv2dBackpropInputConfig,
  depthwiseBackpropFilterConfig,
  depthwiseBackpropInputConfig,
  identityConfig,
  maxPoolGradConfig,
  oneHotConfig,
  sumConfig,
  unsortedSegmentSumConfig,
];

/** Registers lrfind's kernels over the stock ones (which must be registered already). */
function replaceStockKernels(): string[] {
  for (const config of WASM_TRAINING_KERNELS) {
    const current = tf.getKernel(config.kernelName, 'wasm');
    if (current?.kernelFunc === config.kernelFunc) continue;
    if (current !== undefined) {
      if (!stockKernels.has(config.kernelName)) stockKernels.set(config.kernelName, current);
      tf.unregisterKernel(config.kernelName, 'wasm');
    }
    // The backend runs a kernel's setupFunc when it starts; the stock one binds the wasm function
    // that our fallbacks call, so it must stay attached.
    const stock = stockKernels.get(config.kernelName);
    tf.registerKernel(stock?.setupFunc === undefined ? config : { ...config, setupFunc: stock.setupFunc });
  }
  return WASM_TRAINING_KERNELS.map((config) => config.kernelName);
}

/**
 * Makes the wasm backend able to train every common layer (conv2d, depthwise and separable conv,
 * pooling, batch norm, dropout, dense, embedding): adds the gradient kernels stock wasm lacks and
 * replaces its wrong MaxPoolGrad and OneHot. In a browser, import @tensorflow/tfjs-backend-wasm
 * in your app first (lrfind never imports it there, so bundles without it still build); in Node
 * (`lrfind/node`) this imports it itself. Safe to call any number of times, before or after
 * `tf.setBackend('wasm')`.
 * @returns the names of the kernels registered
 */
export async function registerWasmTrainingKernels(): Promise<string[]> {
  if (tf.findBackendFactory('wasm') === null) {
    throw new Error('the wasm backend is not registered: import the @tensorflow/tfjs-backend-wasm package in your app first');
  }
  return replaceStockKernels();
}
