// Registers lrfind's training kernels on the webgpu backend, replacing the stock kernels of the
// same names (a replaced one stays reachable where a kernel falls back to it). Idempotent.
import * as tf from '@tensorflow/tfjs';
import { maxPoolGradConfig } from './max-pool-grad.js';
import { stockWebGpuKernels } from './stock.js';
import { unsortedSegmentSumConfig } from './unsorted-segment-sum.js';

/** Every kernel lrfind registers on webgpu. */
export const WEBGPU_TRAINING_KERNELS: readonly tf.KernelConfig[] = [maxPoolGradConfig, unsortedSegmentSumConfig];

/**
 * Makes the webgpu backend train every common layer as the cpu backend does (see docs/webgpu.md).
 * Call it after importing @tensorflow/tfjs-backend-webgpu (which registers the stock kernels);
 * safe to call any number of times.
 * @returns the names of the kernels registered
 */
export function registerWebGpuTrainingKernels(): string[] {
  for (const config of WEBGPU_TRAINING_KERNELS) {
    const current = tf.getKernel(config.kernelName, 'webgpu');
    if (current?.kernelFunc === config.kernelFunc) continue;
    if (current !== undefined) {
      if (!stockWebGpuKernels.has(config.kernelName)) stockWebGpuKernels.set(config.kernelName, current);
      tf.unregisterKernel(config.kernelName, 'webgpu');
    }
    tf.registerKernel(config);
  }
  return WEBGPU_TRAINING_KERNELS.map((config) => config.kernelName);
}
