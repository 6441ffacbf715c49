import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { registerWasmTrainingKernels } from '../../../src/tfjs/kernels/import-wasm.js';
import { kernel } from './compare.js';

// Each kernel frees its intermediates: after disposing inputs and output, the wasm backend holds
// exactly the buffers it held before (the engine's tensor count alone would miss kernel-internal
// buffers, which never become tensors).
const t = (shape: number[]) => tf.randomUniform(shape, -1, 1, 'float32', 3);
const CALLS: Array<[string, () => tf.Tensor]> = [
  ['Conv2DBackpropFilter, convolution', () => kernel('Conv2DBackpropFilter', { x: t([2, 9, 8, 6]), dy: t([2, 4, 3, 3]) }, { strides: [2, 2], pad: 'valid', dataFormat: 'NHWC', filterShape: [3, 3, 6, 3] })],
  ['Conv2DBackpropFilter, patches', () => kernel('Conv2DBackpropFilter', { x: t([2, 6, 6, 2]), dy: t([2, 6, 6, 3]) }, { strides: [1, 1], pad: 'same', dataFormat: 'NHWC', filterShape: [3, 3, 2, 3] })],
  ['Conv2DBackpropInput, stride 1', () => kernel('Conv2DBackpropInput', { dy: t([2, 6, 6, 3]), filter: t([3, 3, 4, 3]) }, { inputShape: [2, 6, 6, 4], strides: [1, 1], pad: 'same', dataFormat: 'NHWC' })],
  ['Conv2DBackpropInput, stride 2', () => kernel('Conv2DBackpropInput', { dy: t([2, 3, 3, 3]), filter: t([3, 3, 4, 3]) }, { inputShape: [2, 6, 6, 4], strides: [2, 2], pad: 'same', dataFormat: 'NHWC' })],
  ['DepthwiseConv2dNativeBackpropInput, multiplier 2, stride 2', () => kernel('DepthwiseConv2dNativeBackpropInput', { dy: t([2, 3, 3, 6]), filter: t([3, 3, 3, 2]) }, { inputShape: [2, 6, 6, 3], strides: [2, 2], dilations: [1, 1], pad: 'same' })],
  ['DepthwiseConv2dNativeBackpropFilter', () => kernel('DepthwiseConv2dNativeBackpropFilter', { x: t([2, 6, 6, 3]), dy: t([2, 6, 6, 6]) }, { strides: [1, 1], dilations: [1, 1], pad: 'same', filterShape: [3, 3, 3, 2] })],
  ['MaxPoolGrad', () => tf.grad((x: tf.Tensor) => tf.maxPool(x as tf.Tensor4D, 3, 2, 'same').sum())(t([2, 7, 7, 3]))],
  ['BatchMatMul, transposed', () => tf.matMul(t([9, 5]), t([9, 4]), true, false)],
  ['BatchMatMul, batched', () => tf.matMul(t([3, 40, 30]), t([3, 30, 20]))],
  ['_FusedMatMul, transposed', () => tf.fused.matMul({ a: t([6, 4]), b: t([5, 4]), transposeB: true, bias: t([5]) })],
  ['Sum', () => tf.sum(t([4, 3, 5]), [0, 1])],
  ['Identity', () => tf.clone(t([3]))],
  ['OneHot', () => tf.oneHot(tf.tensor1d([0, 2], 'int32'), 3, 1, 0, 'float32')],
  ['UnsortedSegmentSum', () => tf.unsortedSegmentSum(t([4, 3]), tf.tensor1d([0, 2, 0, 1], 'int32'), 3)],
];

describe('wasm training kernels do not leak', () => {
  it.each(CALLS)('%s', async (_name, call) => {
    await registerWasmTrainingKernels();
    await tf.setBackend('wasm');
    tf.tidy(() => { call(); }); // warm up: first calls may allocate caches
    const buffers = tf.backend().numDataIds();
    const tensors = tf.memory().numTensors;
    tf.tidy(() => { call(); });
    expect(tf.backend().numDataIds()).toBe(buffers);
    expect(tf.memory().numTensors).toBe(tensors);
  });
});
