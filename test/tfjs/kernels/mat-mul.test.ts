import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { cpuVsWasm, randomValues } from './compare.js';

interface Case { name: string; a: number[]; b: number[]; transposeA: boolean; transposeB: boolean }

const CASES: Case[] = [
  { name: 'plain', a: [5, 7], b: [7, 3], transposeA: false, transposeB: false },
  { name: 'Aᵀ·B (a dense weight gradient)', a: [9, 5], b: [9, 4], transposeA: true, transposeB: false },
  { name: 'A·Bᵀ (a dense input gradient)', a: [6, 4], b: [5, 4], transposeA: false, transposeB: true },
  { name: 'Aᵀ·Bᵀ', a: [4, 6], b: [3, 4], transposeA: true, transposeB: true },
  { name: 'batched, large enough for per-batch XNNPACK', a: [3, 40, 30], b: [3, 30, 20], transposeA: false, transposeB: false },
  { name: 'batched, transposed', a: [2, 30, 40], b: [2, 20, 30], transposeA: true, transposeB: true },
  { name: 'batched against one matrix', a: [4, 40, 30], b: [1, 30, 20], transposeA: false, transposeB: false },
  { name: 'small batched (stock loop)', a: [3, 2, 4], b: [3, 2, 4], transposeA: false, transposeB: true },
];

const size = (shape: number[]) => shape.reduce((p, q) => p * q, 1);

describe('BatchMatMul on wasm matches cpu', () => {
  it.each(CASES)('$name', async (c) => {
    const av = randomValues(size(c.a), 1);
    const bv = randomValues(size(c.b), 2);
    const error = await cpuVsWasm(() => tf.matMul(tf.tensor(av, c.a), tf.tensor(bv, c.b), c.transposeA, c.transposeB));
    expect(error).toBeLessThan(1e-5);
  });
});

describe('_FusedMatMul on wasm matches cpu', () => {
  it.each(CASES.filter((c) => c.a.length === 2))('$name with bias and relu', async (c) => {
    const av = randomValues(size(c.a), 3);
    const bv = randomValues(size(c.b), 4);
    const n = c.transposeB ? c.b[0]! : c.b[1]!;
    const biasv = randomValues(n, 5);
    const error = await cpuVsWasm(() =>
      tf.fused.matMul({
        a: tf.tensor2d(av, c.a as [number, number]), b: tf.tensor2d(bv, c.b as [number, number]),
        transposeA: c.transposeA, transposeB: c.transposeB, bias: tf.tensor1d(biasv), activation: 'relu',
      }),
    );
    expect(error).toBeLessThan(1e-5);
  });

  it('dense gradients (fused forward, transposed backward) match cpu', async () => {
    const xv = randomValues(8 * 6, 6);
    const wv = randomValues(6 * 5, 7);
    const bv = randomValues(5, 8);
    const error = await cpuVsWasm(() => {
      const f = (x: tf.Tensor, w: tf.Tensor, b: tf.Tensor) =>
        tf.fused.matMul({ a: x as tf.Tensor2D, b: w as tf.Tensor2D, bias: b }).square().sum();
      return tf.grads(f)([tf.tensor2d(xv, [8, 6]), tf.tensor2d(wv, [6, 5]), tf.tensor1d(bv)]);
    });
    expect(error).toBeLessThan(1e-5);
  });
});
