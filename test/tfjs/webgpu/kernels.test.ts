// Every gradient kernel the common layers train with, on webgpu against cpu: the stock ones that
// are right (convolutions, depthwise, average pooling, batch norm, dropout, gather) and lrfind's
// two replacements (MaxPoolGrad, UnsortedSegmentSum), with the stock ones' errors shown. Skips
// without a webgpu adapter (lavapipe in CI).
import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { stockWebGpuKernels } from '../../../src/tfjs/webgpu/kernels/stock.js';
import { kernel, randomValues, relativeError } from '../kernels/compare.js';
import { cpuVsWebGpu, runOn } from './compare.js';
import { skipNote, webGpuForTests } from './lavapipe.js';

const gpu = await webGpuForTests();
if (!gpu.ok) skipNote('test/tfjs/webgpu/kernels.test.ts', gpu.why);

const size = (shape: number[]) => shape.reduce((a, b) => a * b, 1);
type Shape4 = [number, number, number, number];
type Pad = 'same' | 'valid';

/** ∂/∂(inputs) of Σ w ⊙ f(inputs), w seeded: every output element gets its own weight. */
function weightedGrads(f: (...xs: tf.Tensor[]) => tf.Tensor, inputs: Array<{ values: Float32Array; shape: number[] }>, seed = 9): () => tf.Tensor[] {
  return () => {
    const xs = inputs.map((i) => tf.tensor(i.values, i.shape));
    const outShape = tf.tidy(() => f(...xs).shape);
    const w = tf.tensor(randomValues(size(outShape), seed), outShape);
    return tf.grads((...args: tf.Tensor[]) => f(...args).mul(w).sum())(xs);
  };
}

const CONVS: Array<{ name: string; x: Shape4; filter: Shape4; strides: [number, number]; pad: Pad }> = [
  { name: '3×3 stride 1 same', x: [2, 7, 7, 3], filter: [3, 3, 3, 4], strides: [1, 1], pad: 'same' },
  { name: '3×3 stride 2 same', x: [2, 8, 9, 3], filter: [3, 3, 3, 2], strides: [2, 2], pad: 'same' },
  { name: '3×3 stride 2 valid, cropped', x: [2, 10, 9, 6], filter: [3, 3, 6, 3], strides: [2, 2], pad: 'valid' },
  { name: '1×1 stride 2 same, 40 channels', x: [3, 5, 5, 40], filter: [1, 1, 40, 3], strides: [2, 2], pad: 'same' },
  { name: '5×5 stride [1, 2] valid', x: [2, 11, 10, 2], filter: [5, 5, 2, 2], strides: [1, 2], pad: 'valid' },
];

const POOLS: Array<{ name: string; x: Shape4; pool: number; strides: number; pad: Pad }> = [
  { name: '2×2 stride 2 valid', x: [2, 8, 8, 3], pool: 2, strides: 2, pad: 'valid' },
  { name: '2×2 stride 2 same, odd size', x: [2, 7, 5, 2], pool: 2, strides: 2, pad: 'same' },
  { name: '3×3 stride 2 same (overlapping)', x: [2, 9, 8, 3], pool: 3, strides: 2, pad: 'same' },
  { name: '3×3 stride 1 valid', x: [1, 6, 6, 4], pool: 3, strides: 1, pad: 'valid' },
];

describe.skipIf(!gpu.ok)('stock webgpu gradient kernels match cpu', () => {
  it.each(CONVS)('conv2d input and filter gradients, $name', async (c) => {
    const error = await cpuVsWebGpu(weightedGrads(
      (x, w) => tf.conv2d(x as tf.Tensor4D, w as tf.Tensor4D, c.strides, c.pad),
      [{ values: randomValues(size(c.x), 1), shape: c.x }, { values: randomValues(size(c.filter), 2), shape: c.filter }],
    ));
    expect(error).toBeLessThan(1e-5);
  });

  it.each([
    { name: '3×3 multiplier 1 stride 1 same', x: [2, 7, 7, 3] as Shape4, filter: [3, 3, 3, 1] as Shape4, strides: 1, pad: 'same' as Pad },
    { name: '3×3 multiplier 2 stride 2 same', x: [2, 6, 6, 3] as Shape4, filter: [3, 3, 3, 2] as Shape4, strides: 2, pad: 'same' as Pad },
    { name: '3×3 multiplier 3 stride 2 valid', x: [2, 9, 8, 2] as Shape4, filter: [3, 3, 2, 3] as Shape4, strides: 2, pad: 'valid' as Pad },
  ])('depthwise conv input and filter gradients, $name', async (c) => {
    const error = await cpuVsWebGpu(weightedGrads(
      (x, w) => tf.depthwiseConv2d(x as tf.Tensor4D, w as tf.Tensor4D, c.strides, c.pad),
      [{ values: randomValues(size(c.x), 3), shape: c.x }, { values: randomValues(size(c.filter), 4), shape: c.filter }],
    ));
    expect(error).toBeLessThan(1e-5);
  });

  it.each(POOLS)('average pooling gradient, $name', async (c) => {
    const error = await cpuVsWebGpu(weightedGrads((x) => tf.avgPool(x as tf.Tensor4D, c.pool, c.strides, c.pad), [{ values: randomValues(size(c.x), 5), shape: c.x }]));
    expect(error).toBeLessThan(1e-5);
  });

  it('batch norm gradients (input, mean, variance, offset, scale)', async () => {
    const shape = [2, 4, 4, 3];
    const channel = (seed: number, shift = 0) => ({ values: randomValues(3, seed).map((v) => Math.abs(v) + shift), shape: [3] });
    const error = await cpuVsWebGpu(weightedGrads(
      (x, m, v, o, s) => tf.batchNorm(x as tf.Tensor4D, m!, v!, o, s, 1e-3),
      [{ values: randomValues(size(shape), 6), shape }, channel(7), channel(8, 0.5), channel(10), channel(11, 0.5)],
    ));
    expect(error).toBeLessThan(1e-5);
  });

  it('seeded dropout draws the same mask as cpu', async () => {
    expect(await cpuVsWebGpu(() => tf.dropout(tf.tensor(randomValues(200, 12), [10, 20]), 0.3, undefined, 7))).toBe(0);
  });
});

describe.skipIf(!gpu.ok)("lrfind's MaxPoolGrad on webgpu matches cpu, ties and non-positive maxima included", () => {
  // Values on a coarse grid: many windows hold tied maxima, where the stock kernel picks the last.
  it.each(POOLS)('$name', async (c) => {
    const error = await cpuVsWebGpu(weightedGrads((x) => tf.maxPool(x as tf.Tensor4D, c.pool, c.strides, c.pad), [{ values: randomValues(size(c.x), 13, 2), shape: c.x }]));
    expect(error).toBeLessThan(1e-6);
  });

  it('gives a window of −∞ no gradient, as cpu does', async () => {
    const values = Float32Array.from([-Infinity, -Infinity, -Infinity, -Infinity, 1, 2, 2, 1]);
    const [dx] = await runOn('webgpu', () => tf.grad((x: tf.Tensor) => tf.maxPool(x as tf.Tensor4D, 2, 2, 'valid').sum())(tf.tensor4d(values, [1, 2, 4, 1])));
    expect(Array.from(dx!)).toEqual([0, 0, 0, 0, 0, 1, 1, 0]);
  });

  it('fixes a real error of the stock kernel', async () => {
    const c = POOLS[2]!;
    const values = randomValues(size(c.x), 13, 2);
    const dy = randomValues(size([2, 5, 4, 3]), 14);
    const call = () => kernel('MaxPoolGrad', { dy: tf.tensor(dy, [2, 5, 4, 3]), input: tf.tensor(values, c.x), output: tf.maxPool(tf.tensor4d(values, c.x), 3, 2, 'same') }, { filterSize: 3, strides: 2, pad: 'same' });
    const [expected] = await runOn('cpu', call);
    const [ours] = await runOn('webgpu', call);
    const stock = stockWebGpuKernels.get('MaxPoolGrad')!;
    const [theirs] = await runOn('webgpu', () => tf.tidy(() => {
      const output = tf.maxPool(tf.tensor4d(values, c.x), 3, 2, 'same');
      const info = stock.kernelFunc({ inputs: { dy: tf.tensor(dy, [2, 5, 4, 3]), input: tf.tensor(values, c.x), output }, attrs: { filterSize: 3, strides: 2, pad: 'same' }, backend: tf.backend() }) as tf.TensorInfo;
      return tf.engine().makeTensorFromTensorInfo(info);
    }));
    expect(relativeError(ours!, expected!)).toBeLessThan(1e-6);
    // Measured: ~0.9 (the gradient of tied windows lands on their last maximum).
    expect(relativeError(theirs!, expected!)).toBeGreaterThan(0.1);
  });
});

describe.skipIf(!gpu.ok)("lrfind's UnsortedSegmentSum on webgpu", () => {
  it('matches cpu with repeated, missing, negative and out-of-range ids', async () => {
    const ids = [4, 0, 4, 2, 4, -1, 5];
    const error = await cpuVsWebGpu(() => tf.unsortedSegmentSum(tf.tensor2d(randomValues(21, 15), [7, 3]), tf.tensor1d(ids, 'int32'), 5));
    expect(error).toBeLessThan(1e-6);
  });

  it('gives gather (and so embeddings) a gradient that matches cpu', async () => {
    const ids = [3, 1, 3, 0, 5];
    const error = await cpuVsWebGpu(weightedGrads((t) => tf.gather(t, tf.tensor1d(ids, 'int32')), [{ values: randomValues(24, 16), shape: [6, 4] }]));
    expect(error).toBeLessThan(1e-6);
  });

  it('frees its intermediates, as MaxPoolGrad does', async () => {
    await runOn('webgpu', () => tf.scalar(0));
    const calls = [
      () => tf.unsortedSegmentSum(tf.ones([4, 3]), tf.tensor1d([0, 2, 9, 1], 'int32'), 3),
      () => tf.grad((x: tf.Tensor) => tf.maxPool(x as tf.Tensor4D, 3, 2, 'same').sum())(tf.ones([1, 5, 5, 2])),
    ];
    for (const call of calls) {
      tf.tidy(() => { call(); });
      const buffers = tf.backend().numDataIds();
      const tensors = tf.memory().numTensors;
      tf.tidy(() => { call(); });
      expect(tf.backend().numDataIds()).toBe(buffers);
      expect(tf.memory().numTensors).toBe(tensors);
    }
  });
});
