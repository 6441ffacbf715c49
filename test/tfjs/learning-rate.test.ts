import * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getLearningRate, setLearningRate } from '../../src/tfjs/learning-rate.js';
import { OPTIMIZERS, toyData, toyMlp } from './helpers.js';

let data: { xs: tf.Tensor; ys: tf.Tensor };
beforeAll(async () => {
  await tf.setBackend('cpu');
  data = toyData(16);
});
afterAll(() => tf.dispose([data.xs, data.ys]));

/** Weight change of one step at `lr`, from the same seeded starting point every time. */
async function stepDelta(make: () => tf.Optimizer, lr: number): Promise<Float32Array[]> {
  const model = toyMlp(make());
  const before = model.getWeights().map((w) => w.dataSync().slice() as Float32Array);
  setLearningRate(model.optimizer, lr);
  expect(getLearningRate(model.optimizer)).toBe(lr);
  await model.trainOnBatch(data.xs, data.ys);
  const after = model.getWeights().map((w) => w.dataSync() as Float32Array);
  const delta = after.map((w, i) => w.map((v, j) => v - before[i]![j]!));
  model.dispose();
  return delta;
}

describe('setLearningRate takes effect for every tfjs optimizer', () => {
  for (const [name, make] of Object.entries(OPTIMIZERS)) {
    it(`${name}: lr 0 leaves the weights unchanged; the change scales with the lr`, async () => {
      const zero = await stepDelta(make, 0);
      expect(zero.every((d) => d.every((v) => v === 0))).toBe(true);
      const small = await stepDelta(make, 0.01);
      const large = await stepDelta(make, 0.03);
      let moved = 0;
      small.forEach((d, i) =>
        d.forEach((v, j) => {
          const w = large[i]![j]!;
          if (Math.abs(v) > 1e-6) moved += 1;
          expect(Math.abs(w - 3 * v)).toBeLessThanOrEqual(1e-4 * Math.abs(w) + 1e-7);
        }),
      );
      expect(moved).toBeGreaterThan(10);
    });
  }

  it('sgd: the step is exactly -lr × gradient', async () => {
    const lr = 0.05;
    const model = toyMlp(tf.train.sgd(1));
    const { grads } = tf.variableGrads(() =>
      tf.mean(tf.metrics.categoricalCrossentropy(data.ys, model.predict(data.xs) as tf.Tensor)) as tf.Scalar,
    );
    const expected = model.trainableWeights.map((w) => (grads[(w.read() as tf.Variable).name]!.mul(-lr).dataSync() as Float32Array).slice());
    tf.dispose(grads);
    const before = model.trainableWeights.map((w) => w.read().dataSync().slice() as Float32Array);
    setLearningRate(model.optimizer, lr);
    await model.trainOnBatch(data.xs, data.ys);
    model.trainableWeights.forEach((w, i) => {
      const after = w.read().dataSync();
      after.forEach((v, j) => expect(v - before[i]![j]!).toBeCloseTo(expected[i]![j]!, 6));
    });
    model.dispose();
  });

  it('string optimizers work too', async () => {
    const model = toyMlp('adam');
    setLearningRate(model.optimizer, 0.123);
    expect(getLearningRate(model.optimizer)).toBe(0.123);
    model.dispose();
  });

  it('does not leak the cached lr scalar of SGD when the lr changes', () => {
    const optimizer = tf.train.sgd(0.1);
    const count = tf.memory().numTensors;
    for (let i = 0; i < 10; i++) setLearningRate(optimizer, i / 10);
    expect(tf.memory().numTensors).toBe(count);
    optimizer.dispose();
  });
});
