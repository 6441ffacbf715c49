import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { registerWasmTrainingKernels } from '../../../src/tfjs/kernels/import-wasm.js';
import { cpuVsWasm, randomValues, runOn } from './compare.js';

describe('UnsortedSegmentSum on wasm', () => {
  it('matches cpu with repeated, missing and out-of-range ids', async () => {
    const xs = randomValues(7 * 3, 1);
    const ids = [4, 0, 4, 2, 4, -1, 5];
    const error = await cpuVsWasm(() => tf.unsortedSegmentSum(tf.tensor2d(xs, [7, 3]), tf.tensor1d(ids, 'int32'), 5));
    expect(error).toBeLessThan(1e-6);
  });

  it('sums whole trailing blocks for multi-dimensional ids, as TensorFlow does', async () => {
    const x = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12];
    const [out] = await runOn('wasm', () =>
      // tfjs types segmentIds as 1-D, but the kernel (like TensorFlow) takes ids of any leading shape.
      tf.unsortedSegmentSum(tf.tensor3d(x, [2, 3, 2]), tf.tensor2d([[1, 0, 1], [2, 1, 0]], [2, 3], 'int32') as unknown as tf.Tensor1D, 3),
    );
    // id 0: rows (0,1) and (1,2) → [3+11, 4+12]; id 1: (0,0), (0,2), (1,1) → [1+5+9, 2+6+10]; id 2: (1,0) → [7, 8].
    expect(Array.from(out!)).toEqual([14, 16, 15, 18, 7, 8]);
  });

  it('keeps int32 inputs int32', async () => {
    await registerWasmTrainingKernels();
    await tf.setBackend('wasm');
    const out = tf.unsortedSegmentSum(tf.tensor1d([1, 2, 3], 'int32'), tf.tensor1d([0, 0, 1], 'int32'), 2);
    expect(out.dtype).toBe('int32');
    expect(Array.from(out.dataSync())).toEqual([3, 3]);
    out.dispose();
  });

  it('gives gather (and so embeddings) a gradient that matches cpu', async () => {
    const table = randomValues(6 * 4, 2);
    const ws = randomValues(5 * 4, 3);
    const error = await cpuVsWasm(() => {
      const ids = tf.tensor1d([3, 1, 3, 0, 5], 'int32');
      const w = tf.tensor2d(ws, [5, 4]);
      return tf.grad((t: tf.Tensor) => tf.gather(t, ids).mul(w).sum())(tf.tensor2d(table, [6, 4]));
    });
    expect(error).toBeLessThan(1e-6);
  });
});
