// refreshBatchNorm: batch norm's running statistics become the mean of one pass's batch statistics.
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { refreshBatchNorm } from '../../src/tfjs/batch-norm.js';
import { scheduleCallback } from '../../src/tfjs/callbacks/schedule-callback.js';
import { constant } from '../../src/schedules/annealers.js';
import { toyData } from './helpers.js';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

function bnModel(): tf.LayersModel {
  const model = tf.sequential({
    layers: [
      tf.layers.dense({ units: 4, inputShape: [6], kernelInitializer: tf.initializers.glorotUniform({ seed: 3 }) }),
      tf.layers.batchNormalization(),
      tf.layers.dense({ units: 3, activation: 'softmax', kernelInitializer: tf.initializers.glorotUniform({ seed: 4 }) }),
    ],
  });
  model.compile({ optimizer: tf.train.sgd(0.1), loss: 'categoricalCrossentropy' });
  return model;
}

/** The mean over batches of the batch norm input's per-feature mean and (biased) variance. */
function expectedStatistics(model: tf.LayersModel, xs: tf.Tensor, batchSize: number): { mean: number[]; variance: number[] } {
  return tf.tidy(() => {
    const dense = model.layers[0]!.apply(xs) as tf.Tensor2D;
    const means: tf.Tensor[] = [];
    const variances: tf.Tensor[] = [];
    for (let start = 0; start < xs.shape[0]!; start += batchSize) {
      const { mean, variance } = tf.moments(dense.slice(start, Math.min(batchSize, xs.shape[0]! - start)), 0);
      means.push(mean);
      variances.push(variance);
    }
    return { mean: Array.from(tf.stack(means).mean(0).dataSync()), variance: Array.from(tf.stack(variances).mean(0).dataSync()) };
  });
}

const bn = (model: tf.LayersModel) => model.layers[1] as unknown as { momentum: number; getWeights(): tf.Tensor[] };

describe('refreshBatchNorm', () => {
  it('sets the moving mean and variance to the mean of the batches\' statistics, trains nothing and restores the momentum', async () => {
    const { xs, ys } = toyData(20);
    const model = bnModel();
    const trainable = model.trainableWeights.map((w) => Array.from(w.read().dataSync()));
    const before = tf.memory().numTensors;
    expect(await refreshBatchNorm(model, xs, { batchSize: 8 })).toBe(1);
    expect(tf.memory().numTensors).toBe(before);
    const [, , movingMean, movingVariance] = bn(model).getWeights().map((w) => Array.from(w.dataSync()));
    const expected = expectedStatistics(model, xs, 8);
    movingMean!.forEach((v, i) => expect(v).toBeCloseTo(expected.mean[i]!, 5));
    movingVariance!.forEach((v, i) => expect(v).toBeCloseTo(expected.variance[i]!, 5));
    expect(bn(model).momentum).toBe(0.99);
    expect(model.trainableWeights.map((w) => Array.from(w.read().dataSync()))).toEqual(trainable);
    tf.dispose([xs, ys]);
    model.dispose();
  });

  it('does nothing to a model without batch norm, and refuses a bad batch size', async () => {
    const { xs, ys } = toyData(8);
    const plain = tf.sequential({ layers: [tf.layers.dense({ units: 3, inputShape: [6] })] });
    expect(await refreshBatchNorm(plain, xs)).toBe(0);
    await expect(refreshBatchNorm(bnModel(), xs, { batchSize: 0 })).rejects.toThrow('batchSize must be a positive integer, got 0');
    tf.dispose([xs, ys]);
    plain.dispose();
  });

  it('runs when training ends, as an option of the schedule callbacks', async () => {
    const { xs, ys } = toyData(32);
    const model = bnModel();
    await model.fit(xs, ys, { epochs: 1, batchSize: 8, verbose: 0, callbacks: [scheduleCallback({ lr: constant(0.05), refreshBatchNorm: { xs, batchSize: 8 } })] });
    const movingMean = Array.from(bn(model).getWeights()[2]!.dataSync());
    const expected = expectedStatistics(model, xs, 8);
    movingMean.forEach((v, i) => expect(v).toBeCloseTo(expected.mean[i]!, 5));
    tf.dispose([xs, ys]);
    model.dispose();
  });
});
