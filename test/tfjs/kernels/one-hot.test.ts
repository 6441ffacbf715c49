import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { runOn } from './compare.js';

describe('OneHot on wasm', () => {
  it('writes real float32 values (stock wasm writes integer bit patterns)', async () => {
    const [out] = await runOn('wasm', () => tf.oneHot(tf.tensor1d([2, 0, 5, -1], 'int32'), 3, 1, 0, 'float32'));
    expect(Array.from(out!)).toEqual([0, 0, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0]);
  });

  it('honours on/off values and int32', async () => {
    const [out] = await runOn('wasm', () => tf.oneHot(tf.tensor2d([[1], [0]], [2, 1], 'int32'), 2, 7, -2));
    expect(Array.from(out!)).toEqual([-2, 7, 7, -2]);
  });

  it('float32 one-hots are usable as crossentropy targets', async () => {
    const [loss] = await runOn('wasm', () =>
      tf.losses.softmaxCrossEntropy(tf.oneHot(tf.tensor1d([1], 'int32'), 2, 1, 0, 'float32'), tf.tensor2d([[0, 0]])),
    );
    expect(loss![0]).toBeCloseTo(Math.LN2, 6);
  });
});
