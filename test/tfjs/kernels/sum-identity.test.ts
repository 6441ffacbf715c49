import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { registerWasmTrainingKernels } from '../../../src/tfjs/kernels/import-wasm.js';
import { cpuVsWasm, randomValues } from './compare.js';

describe('Sum on wasm matches cpu', () => {
  const xv = randomValues(4 * 3 * 5 * 6, 1);
  const CASES: Array<{ name: string; axis: number | number[]; keepDims: boolean }> = [
    { name: 'leading axes (a bias gradient)', axis: [0, 1, 2], keepDims: false },
    { name: 'leading axes, unordered, keepDims', axis: [1, 0], keepDims: true },
    { name: 'axis 0', axis: 0, keepDims: false },
    { name: 'inner axis (stock kernel)', axis: 3, keepDims: false },
    { name: 'middle axes (stock kernel)', axis: [1, 2], keepDims: true },
    { name: 'negative axis', axis: -1, keepDims: false },
    { name: 'every axis', axis: [0, 1, 2, 3], keepDims: false },
  ];
  it.each(CASES)('$name', async (c) => {
    const error = await cpuVsWasm(() => tf.sum(tf.tensor4d(xv, [4, 3, 5, 6]), c.axis, c.keepDims));
    expect(error).toBeLessThan(1e-6);
  });

  it('keeps the shape of keepDims', async () => {
    await registerWasmTrainingKernels();
    await tf.setBackend('wasm');
    const out = tf.sum(tf.ones([2, 3, 4]), [0, 1], true);
    expect(out.shape).toEqual([1, 1, 4]);
    expect(Array.from(out.dataSync())).toEqual([6, 6, 6, 6]);
    out.dispose();
  });
});

describe('Identity on wasm', () => {
  it('shares memory by reference count: a clone outlives its source and keeps its values', async () => {
    await registerWasmTrainingKernels();
    await tf.setBackend('wasm');
    const before = tf.memory().numTensors;
    const x = tf.tensor1d([1, 2, 3]);
    const y = tf.clone(x);
    x.dispose();
    expect(Array.from(y.dataSync())).toEqual([1, 2, 3]);
    y.dispose();
    expect(tf.memory().numTensors).toBe(before);
  });

  it('copies string tensors (stock kernel)', async () => {
    await registerWasmTrainingKernels();
    await tf.setBackend('wasm');
    const s = tf.tensor1d(['a', 'b'], 'string');
    const c = tf.clone(s);
    expect(c.arraySync()).toEqual(['a', 'b']);
    tf.dispose([s, c]);
  });
});
