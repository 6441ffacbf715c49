import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { cpuVsWasm, randomValues } from './compare.js';

interface Case { name: string; x: [number, number, number, number]; pool: [number, number]; strides: [number, number]; pad: 'same' | 'valid' }

const CASES: Case[] = [
  { name: '2×2 stride 2 valid', x: [2, 8, 8, 3], pool: [2, 2], strides: [2, 2], pad: 'valid' },
  { name: '2×2 stride 2 same, odd size', x: [2, 7, 5, 2], pool: [2, 2], strides: [2, 2], pad: 'same' },
  { name: '3×3 stride 2 same (overlapping)', x: [2, 9, 8, 3], pool: [3, 3], strides: [2, 2], pad: 'same' },
  { name: '3×3 stride 1 same', x: [1, 6, 6, 4], pool: [3, 3], strides: [1, 1], pad: 'same' },
  { name: '2×3 stride [1, 2] valid', x: [2, 6, 9, 2], pool: [2, 3], strides: [1, 2], pad: 'valid' },
];

const size = (shape: number[]) => shape.reduce((a, b) => a * b, 1);

// Values on a coarse grid in [-1, 1]: many windows hold ties and many have a maximum ≤ 0, the two
// cases where stock wasm MaxPoolGrad disagrees with TensorFlow and cpu.
describe('MaxPoolGrad on wasm matches cpu, ties and non-positive maxima included', () => {
  it.each(CASES)('$name', async (c) => {
    const xs = randomValues(size(c.x), 1, 2);
    const ws = randomValues(size(c.x), 2);
    const error = await cpuVsWasm(() => {
      const x = tf.tensor4d(xs, c.x);
      const f = (t: tf.Tensor) => {
        const y = tf.maxPool(t as tf.Tensor4D, c.pool, c.strides, c.pad);
        return y.mul(tf.tensor(ws.subarray(0, y.size), y.shape)).sum();
      };
      return tf.grad(f)(x);
    });
    expect(error).toBeLessThan(1e-6);
  });
});

describe('AvgPoolGrad (stock wasm) matches cpu', () => {
  it.each(CASES)('$name', async (c) => {
    const xs = randomValues(size(c.x), 3);
    const ws = randomValues(size(c.x), 4);
    const error = await cpuVsWasm(() => {
      const x = tf.tensor4d(xs, c.x);
      const f = (t: tf.Tensor) => {
        const y = tf.avgPool(t as tf.Tensor4D, c.pool, c.strides, c.pad);
        return y.mul(tf.tensor(ws.subarray(0, y.size), y.shape)).sum();
      };
      return tf.grad(f)(x);
    });
    expect(error).toBeLessThan(1e-5);
  });
});
