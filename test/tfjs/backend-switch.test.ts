// initBackend after tensors exist: tfjs moves live tensors to the new backend, and moves a float32
// tensor cast from int32 on cpu as its integers' bits (4 reads back as 5.6e-45). initBackend
// refuses to switch while tensors exist, with a message that says what to do.
import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { initBackend } from '../../src/tfjs/backend.js';

describe('initBackend with tensors already made', () => {
  it('refuses to switch backends, names the count and says to call it first', async () => {
    await tf.setBackend('cpu');
    const ys = tf.tidy(() => tf.oneHot(tf.tensor1d([0, 1, 2, 3], 'int32'), 4).toFloat());
    const before = tf.memory().numTensors;
    await expect(initBackend('wasm')).rejects.toThrow(
      /^initBackend must run before any tensor or model is made: 1 tensor already exists on the 'cpu' backend.*Call await initBackend\(\) first/,
    );
    await expect(initBackend('auto')).rejects.toThrow(/1 tensor already exists/);
    // Nothing moved: the tensor still reads right, on the backend it was made on.
    expect(tf.getBackend()).toBe('cpu');
    expect(tf.memory().numTensors).toBe(before);
    const columns = ys.sum(0);
    expect(Array.from(await columns.data())).toEqual([1, 1, 1, 1]);
    columns.dispose();
    // Asking for the active backend moves nothing, so it is allowed.
    expect((await initBackend('cpu')).backend).toBe('cpu');
    ys.dispose();
  });

  it('switches once the tensors are disposed, and the data made afterwards is right', async () => {
    expect(tf.memory().numTensors).toBe(0);
    expect((await initBackend('wasm')).backend).toBe('wasm');
    const ys = tf.tidy(() => tf.oneHot(tf.tensor1d([0, 1, 2, 3], 'int32'), 4).toFloat());
    const total = ys.sum();
    expect(Array.from(await total.data())).toEqual([4]);
    tf.dispose([ys, total]);
  });
});
