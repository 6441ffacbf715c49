import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { cpuVsWasm, kernel, randomValues, relativeError, runOn } from './compare.js';

type Pad = 'same' | 'valid' | number | tf.backend_util.ExplicitPadding;
interface Case { name: string; x: [number, number, number, number]; filter: [number, number, number, number]; strides: [number, number]; pad: Pad }

const CASES: Case[] = [
  { name: '3×3 stride 1 same', x: [2, 7, 7, 3], filter: [3, 3, 3, 1], strides: [1, 1], pad: 'same' },
  { name: '3×3 stride 1 valid, multiplier 2', x: [2, 6, 5, 2], filter: [3, 3, 2, 2], strides: [1, 1], pad: 'valid' },
  { name: '3×3 stride 2 same, multiplier 3', x: [2, 8, 9, 2], filter: [3, 3, 2, 3], strides: [2, 2], pad: 'same' },
  { name: '5×3 stride [2, 1] valid', x: [1, 10, 7, 4], filter: [5, 3, 4, 1], strides: [2, 1], pad: 'valid' },
  { name: '2×2 explicit pad', x: [2, 5, 6, 3], filter: [2, 2, 3, 1], strides: [1, 1], pad: [[0, 0], [1, 0], [0, 1], [0, 0]] },
];

const size = (shape: number[]) => shape.reduce((a, b) => a * b, 1);
const outShape = (c: Case, dilations = 1) => tf.backend_util.computeConv2DInfo(c.x, c.filter, c.strides, dilations, c.pad, undefined, true).outShape;

describe('DepthwiseConv2dNativeBackpropFilter on wasm matches cpu', () => {
  it.each(CASES)('$name', async (c) => {
    const dyShape = outShape(c);
    const xs = randomValues(size(c.x), 1);
    const dys = randomValues(size(dyShape), 2);
    const error = await cpuVsWasm(() =>
      kernel('DepthwiseConv2dNativeBackpropFilter', { x: tf.tensor(xs, c.x), dy: tf.tensor(dys, dyShape) }, {
        strides: c.strides, dilations: [1, 1], pad: c.pad, dimRoundingMode: undefined, filterShape: c.filter,
      }),
    );
    expect(error).toBeLessThan(1e-5);
  });
});

describe('DepthwiseConv2dNativeBackpropInput on wasm matches cpu', () => {
  it.each(CASES)('$name', async (c) => {
    const dyShape = outShape(c);
    const ws = randomValues(size(c.filter), 3);
    const dys = randomValues(size(dyShape), 4);
    const error = await cpuVsWasm(() =>
      kernel('DepthwiseConv2dNativeBackpropInput', { dy: tf.tensor(dys, dyShape), filter: tf.tensor(ws, c.filter) }, {
        strides: c.strides, dilations: [1, 1], pad: c.pad, dimRoundingMode: undefined, inputShape: c.x,
      }),
    );
    expect(error).toBeLessThan(1e-5);
  });
});

describe('depthwise and separable conv gradients through tf.grads on wasm match cpu', () => {
  it.each(CASES.filter((c) => typeof c.pad === 'string'))('depthwise $name', async (c) => {
    const xs = randomValues(size(c.x), 5);
    const ws = randomValues(size(c.filter), 6);
    const error = await cpuVsWasm(() => {
      const f = (x: tf.Tensor, w: tf.Tensor) =>
        tf.depthwiseConv2d(x as tf.Tensor4D, w as tf.Tensor4D, c.strides, c.pad as 'same' | 'valid').square().sum();
      return tf.grads(f)([tf.tensor(xs, c.x), tf.tensor(ws, c.filter)]);
    });
    expect(error).toBeLessThan(1e-5);
  });

  it('separable conv', async () => {
    const xs = randomValues(2 * 6 * 6 * 3, 7);
    const dws = randomValues(3 * 3 * 3 * 2, 8);
    const pws = randomValues(6 * 4, 9);
    const error = await cpuVsWasm(() => {
      const f = (x: tf.Tensor, d: tf.Tensor, p: tf.Tensor) =>
        tf.separableConv2d(x as tf.Tensor4D, d as tf.Tensor4D, p as tf.Tensor4D, 1, 'same').square().sum();
      return tf.grads(f)([tf.tensor(xs, [2, 6, 6, 3]), tf.tensor(dws, [3, 3, 3, 2]), tf.tensor(pws, [1, 1, 6, 4])]);
    });
    expect(error).toBeLessThan(1e-5);
  });
});

// The cpu kernels ignore dilation, and tfjs refuses dilated gradients, so check dilation against its
// definition instead: a filter dilated by d is the filter with d - 1 zeros between taps.
describe('depthwise gradients with dilation equal those of the zero-spread filter', () => {
  const c: Case = { name: 'dilation 2', x: [2, 9, 8, 3], filter: [3, 2, 3, 2], strides: [1, 1], pad: 'same' };
  const wide: [number, number, number, number] = [5, 2, 3, 2];
  const dyShape = outShape(c, 2);
  const xs = randomValues(size(c.x), 10);
  const dys = randomValues(size(dyShape), 11);
  const ws = randomValues(size(c.filter), 12);
  // Rows a, 0, b, 0, c, 0 → drop the last zero row: [a, 0, b, 0, c].
  const spread = (w: tf.Tensor4D) => tf.stack([w, tf.zerosLike(w)], 1).reshape([6, 2, 3, 2]).slice([0, 0, 0, 0], [5, 2, 3, 2]);

  it('filter gradient', async () => {
    const [dilated] = await runOn('wasm', () =>
      kernel('DepthwiseConv2dNativeBackpropFilter', { x: tf.tensor(xs, c.x), dy: tf.tensor(dys, dyShape) }, {
        strides: [1, 1], dilations: [2, 1], pad: 'same', dimRoundingMode: undefined, filterShape: c.filter,
      }),
    );
    const [full] = await runOn('wasm', () =>
      kernel('DepthwiseConv2dNativeBackpropFilter', { x: tf.tensor(xs, c.x), dy: tf.tensor(dys, dyShape) }, {
        strides: [1, 1], dilations: [1, 1], pad: 'same', dimRoundingMode: undefined, filterShape: wide,
      }).stridedSlice([0, 0, 0, 0], [5, 2, 3, 2], [2, 1, 1, 1]),
    );
    expect(relativeError(dilated!, full!)).toBeLessThan(1e-6);
  });

  it('input gradient', async () => {
    const [dilated] = await runOn('wasm', () =>
      kernel('DepthwiseConv2dNativeBackpropInput', { dy: tf.tensor(dys, dyShape), filter: tf.tensor(ws, c.filter) }, {
        strides: [1, 1], dilations: [2, 1], pad: 'same', dimRoundingMode: undefined, inputShape: c.x,
      }),
    );
    const [full] = await runOn('wasm', () =>
      kernel('DepthwiseConv2dNativeBackpropInput', { dy: tf.tensor(dys, dyShape), filter: spread(tf.tensor4d(ws, c.filter)) }, {
        strides: [1, 1], dilations: [1, 1], pad: 'same', dimRoundingMode: undefined, inputShape: c.x,
      }),
    );
    expect(relativeError(dilated!, full!)).toBeLessThan(1e-6);
  });
});
