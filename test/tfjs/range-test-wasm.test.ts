// The engine on the default fallback backend: wasm with lrfind's training kernels.
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { initBackend } from '../../src/tfjs/backend.js';
import { findLearningRate } from '../../src/tfjs/range-test.js';
import { cnn } from '../../src/models/builders.js';
import { optimizerState, toyData, weightBits } from './helpers.js';

beforeAll(async () => {
  await initBackend('wasm');
});

describe('findLearningRate on wasm', () => {
  it('trains a small CNN, leaks nothing and restores it bit-exactly', async () => {
    expect(tf.getBackend()).toBe('wasm');
    const data = toyData(64, 64);
    const images = data.xs.reshape([64, 8, 8, 1]);
    const model = cnn({ inputShape: [8, 8, 1], numClasses: 3, seed: 3 });
    model.compile({ optimizer: tf.train.momentum(0.01, 0.9), loss: 'categoricalCrossentropy' });
    const weights = weightBits(model);
    const state = optimizerState(model.optimizer);
    const count = tf.memory().numTensors;
    const perStep: number[] = [];
    const result = await findLearningRate(model, { xs: images, ys: data.ys }, {
      numIter: 30, batchSize: 16, startLr: 1e-4, endLr: 10, onStep: () => perStep.push(tf.memory().numTensors),
    });
    expect(result.backend).toBe('wasm');
    expect(result.losses.length).toBeGreaterThan(5);
    expect(result.losses.every(Number.isFinite)).toBe(true);
    // The loss moved: the conv gradients (registered kernels) reached the weights.
    expect(Math.min(...result.emaLosses)).toBeLessThan(result.emaLosses[0]! - 0.01);
    expect(new Set(perStep.slice(1)).size).toBe(1);
    expect(weightBits(model)).toEqual(weights);
    expect(optimizerState(model.optimizer)).toEqual(state);
    expect(tf.memory().numTensors).toBe(count);
    tf.dispose([data.xs, data.ys, images]);
    model.dispose();
  });
});
