// The stock webgpu kernels lrfind replaced, by name: a kernel can call the one it wraps, and tests
// can show what the stock one got wrong.
import type * as tf from '@tensorflow/tfjs';

export const stockWebGpuKernels = new Map<string, tf.KernelConfig>();
