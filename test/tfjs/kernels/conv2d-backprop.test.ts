import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { cpuVsWasm, kernel, randomValues } from './compare.js';

type Pad = 'same' | 'valid' | number | tf.backend_util.ExplicitPadding;
interface Case { name: string; x: [number, number, number, number]; filter: [number, number, number, number]; strides: [number, number]; pad: Pad }

// Shapes chosen to hit every padding branch: padded, cropped (valid + stride leaves rows unread),
// asymmetric explicit pads, 1×1 filters, unequal strides, one input channel. The filter gradient
// has two paths, patches × dy when kh·kw·Cin ≤ 32 and a convolution otherwise: each shape comes in
// both sizes.
const SHAPES: Array<Omit<Case, 'x' | 'filter'> & { x: (cin: number) => Case['x']; filter: (cin: number) => Case['filter']; cins: [number, number] }> = [
  { name: '3×3 stride 1 same', x: (c) => [2, 7, 7, c], filter: (c) => [3, 3, c, 4], strides: [1, 1], pad: 'same', cins: [3, 5] },
  { name: '3×3 stride 1 valid', x: (c) => [2, 6, 5, c], filter: (c) => [3, 3, c, 3], strides: [1, 1], pad: 'valid', cins: [2, 4] },
  { name: '3×3 stride 2 same', x: (c) => [2, 8, 9, c], filter: (c) => [3, 3, c, 2], strides: [2, 2], pad: 'same', cins: [3, 4] },
  { name: '3×3 stride 2 valid, cropped', x: (c) => [2, 10, 9, c], filter: (c) => [3, 3, c, 3], strides: [2, 2], pad: 'valid', cins: [2, 6] },
  { name: '2×3 stride [1, 2] explicit', x: (c) => [1, 6, 7, c], filter: (c) => [2, 3, c, 2], strides: [1, 2], pad: [[0, 0], [1, 2], [0, 1], [0, 0]], cins: [2, 6] },
  { name: '1×1 stride 2 same', x: (c) => [3, 5, 5, c], filter: (c) => [1, 1, c, 3], strides: [2, 2], pad: 'same', cins: [4, 40] },
  { name: '5×5 stride 3 numeric pad', x: (c) => [2, 11, 10, c], filter: (c) => [5, 5, c, 2], strides: [3, 3], pad: 1, cins: [1, 2] },
  { name: '3×3, 5 output channels', x: (c) => [4, 8, 8, c], filter: (c) => [3, 3, c, 5], strides: [1, 1], pad: 'same', cins: [1, 8] },
];
const CASES: Case[] = SHAPES.flatMap(({ x, filter, cins, name, ...rest }) =>
  cins.map((cin, i) => ({ ...rest, name: `${name}, Cin ${cin} (${i === 0 ? 'patches' : 'convolution'})`, x: x(cin), filter: filter(cin) })),
);

function outShape(c: Case): number[] {
  return tf.backend_util.computeConv2DInfo(c.x, c.filter, c.strides, 1, c.pad).outShape;
}

const size = (shape: number[]) => shape.reduce((a, b) => a * b, 1);

describe('Conv2DBackpropFilter on wasm matches cpu', () => {
  it.each(CASES)('$name', async (c) => {
    const dyShape = outShape(c);
    const xs = randomValues(size(c.x), 1);
    const dys = randomValues(size(dyShape), 2);
    const error = await cpuVsWasm(() =>
      kernel('Conv2DBackpropFilter', { x: tf.tensor(xs, c.x), dy: tf.tensor(dys, dyShape) }, {
        strides: c.strides, pad: c.pad, dataFormat: 'NHWC', dimRoundingMode: undefined, filterShape: c.filter,
      }),
    );
    expect(error).toBeLessThan(1e-5);
  });
});

describe('Conv2DBackpropInput on wasm matches cpu', () => {
  it.each(CASES)('$name', async (c) => {
    const dyShape = outShape(c);
    const ws = randomValues(size(c.filter), 3);
    const dys = randomValues(size(dyShape), 4);
    const error = await cpuVsWasm(() =>
      kernel('Conv2DBackpropInput', { dy: tf.tensor(dys, dyShape), filter: tf.tensor(ws, c.filter) }, {
        inputShape: c.x, strides: c.strides, pad: c.pad, dataFormat: 'NHWC', dimRoundingMode: undefined,
      }),
    );
    expect(error).toBeLessThan(1e-5);
  });
});

describe('conv2d gradients through tf.grads on wasm match cpu', () => {
  it.each(CASES.filter((c) => typeof c.pad === 'string'))('$name', async (c) => {
    const xs = randomValues(size(c.x), 5);
    const ws = randomValues(size(c.filter), 6);
    const error = await cpuVsWasm(() => {
      const f = (x: tf.Tensor, w: tf.Tensor) =>
        tf.conv2d(x as tf.Tensor4D, w as tf.Tensor4D, c.strides, c.pad as 'same' | 'valid').square().sum();
      return tf.grads(f)([tf.tensor(xs, c.x), tf.tensor(ws, c.filter)]);
    });
    expect(error).toBeLessThan(1e-5);
  });
});
