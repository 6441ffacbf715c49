// Three training steps of a setup on a backend, from given starting weights (not a test file
// itself). Reads with data(), never dataSync(): webgpu cannot read synchronously under Node.
import * as tf from '@tensorflow/tfjs';
import type { Setup } from './setups.js';

export interface Trained {
  initial: Float32Array[];
  weights: Float32Array[];
  losses: number[];
  tensorCounts: number[];
}

async function values(tensors: tf.Tensor[]): Promise<Float32Array[]> {
  const out: Float32Array[] = [];
  for (const t of tensors) out.push(Float32Array.from(await t.data()));
  return out;
}

export async function trainThreeSteps(setup: Setup, initial: Float32Array[] | null): Promise<Trained> {
  const model = setup.build();
  model.compile({ optimizer: setup.optimizer(), loss: setup.loss ?? 'categoricalCrossentropy' });
  if (initial !== null) {
    const start = model.weights.map((w, i) => tf.tensor(initial[i]!, w.shape as number[]));
    model.setWeights(start);
    tf.dispose(start);
  }
  const startValues = await values(model.weights.map((w) => w.read()));
  const x = setup.x();
  const y = setup.y();
  const losses: number[] = [];
  const tensorCounts: number[] = [];
  for (let step = 0; step < 3; step++) {
    losses.push(Number(await model.trainOnBatch(x, y)));
    tensorCounts.push(tf.memory().numTensors);
  }
  const weights = await values(model.weights.map((w) => w.read()));
  tf.dispose([x, y]);
  // The optimizer's kept scalars too: the next setup switches backends, which refuses to move tensors.
  model.optimizer.dispose();
  model.dispose();
  return { initial: startValues, weights, losses, tensorCounts };
}
