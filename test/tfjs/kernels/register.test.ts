import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { WASM_TRAINING_KERNELS } from '../../../src/tfjs/kernels/register.js';
import { registerWasmTrainingKernels } from '../../../src/tfjs/kernels/import-wasm.js';
import { stockKernels } from '../../../src/tfjs/kernels/kernel-utils.js';

describe('registerWasmTrainingKernels', () => {
  it('registers nothing on import, then every kernel on the call (importing the wasm backend first)', async () => {
    expect(tf.findBackendFactory('wasm')).toBeNull();
    for (const config of WASM_TRAINING_KERNELS) expect(tf.getKernel(config.kernelName, 'wasm')?.kernelFunc).not.toBe(config.kernelFunc);
    expect(await registerWasmTrainingKernels()).toEqual(WASM_TRAINING_KERNELS.map((c) => c.kernelName));
    expect(tf.findBackendFactory('wasm')).not.toBeNull();
    for (const config of WASM_TRAINING_KERNELS) expect(tf.getKernel(config.kernelName, 'wasm')?.kernelFunc).toBe(config.kernelFunc);
  });

  it('is idempotent and keeps the first stock kernel it replaced', async () => {
    await registerWasmTrainingKernels();
    const stock = new Map(stockKernels);
    expect(await registerWasmTrainingKernels()).toEqual(WASM_TRAINING_KERNELS.map((c) => c.kernelName));
    await registerWasmTrainingKernels();
    expect(new Map(stockKernels)).toEqual(stock);
    expect(stockKernels.get('MaxPoolGrad')?.kernelFunc).not.toBe(tf.getKernel('MaxPoolGrad', 'wasm')?.kernelFunc);
  });

  it('re-registers after another library put a kernel back', async () => {
    const ours = tf.getKernel('MaxPoolGrad', 'wasm')!;
    tf.unregisterKernel('MaxPoolGrad', 'wasm');
    tf.registerKernel(stockKernels.get('MaxPoolGrad')!);
    await registerWasmTrainingKernels();
    expect(tf.getKernel('MaxPoolGrad', 'wasm')?.kernelFunc).toBe(ours.kernelFunc);
  });
});
