// Range-test engine overhead: ms per step of findLearningRate vs a bare trainOnBatch loop on the
// same model, data and batches (issue: the finder's overhead should be at most 3% over the bare loop).
import * as tf from '@tensorflow/tfjs';
import { seededPermutation } from '../../src/random.js';
import { findLearningRate, initBackend } from '../../src/node.js';
import { buildModel, type ModelName } from '../../src/models/index.js';

interface Setup {
  name: string;
  model: ModelName;
  inputShape: number[];
  steps: number;
  reps: number;
}

const SETUPS: Setup[] = [
  { name: 'MLP (784→256→128→10)', model: 'mlp', inputShape: [28, 28, 1], steps: 100, reps: 5 },
  { name: 'small CNN (28×28×1)', model: 'cnn', inputShape: [28, 28, 1], steps: 40, reps: 3 },
  { name: 'VGG-style (32×32×3)', model: 'vgg-mini', inputShape: [32, 32, 3], steps: 12, reps: 3 },
];
const BATCH = 64;

function randomData(inputShape: number[], n: number): { xs: tf.Tensor; ys: tf.Tensor } {
  return tf.tidy(() => ({
    xs: tf.randomUniform([n, ...inputShape], 0, 1, 'float32', 1),
    ys: tf.oneHot(tf.randomUniform([n], 0, 10, 'int32', 2), 10).cast('float32'),
  }));
}

function compiled(setup: Setup): tf.LayersModel {
  const model = buildModel(setup.model, { inputShape: setup.inputShape, numClasses: 10, seed: 0 });
  model.compile({ optimizer: tf.train.sgd(0.01), loss: 'categoricalCrossentropy' });
  return model;
}

/** What a user would write without lrfind: shuffled batches into trainOnBatch. */
async function bareLoop(model: tf.LayersModel, data: { xs: tf.Tensor; ys: tf.Tensor }, steps: number): Promise<number> {
  const n = data.xs.shape[0]!;
  const perEpoch = Math.floor(n / BATCH);
  let order = seededPermutation(n, 0);
  const started = performance.now();
  for (let step = 0; step < steps; step++) {
    const k = step % perEpoch;
    if (k === 0 && step > 0) order = seededPermutation(n, step);
    const batch = tf.tidy(() => {
      const idx = tf.tensor1d(order.subarray(k * BATCH, (k + 1) * BATCH), 'int32');
      return [tf.gather(data.xs, idx), tf.gather(data.ys, idx)] as const;
    });
    await model.trainOnBatch(batch[0], batch[1]);
    tf.dispose(batch);
  }
  return (performance.now() - started) / steps;
}

async function finderLoop(model: tf.LayersModel, data: { xs: tf.Tensor; ys: tf.Tensor }, steps: number): Promise<number> {
  const started = performance.now();
  await findLearningRate(model, data, { numIter: steps, batchSize: BATCH, startLr: 1e-5, endLr: 1e-2, divergeThreshold: Infinity });
  return (performance.now() - started) / steps;
}

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

async function main(): Promise<void> {
  const backend = await initBackend('auto');
  console.log(`backend: ${backend.backend} (${backend.reason}); batch ${BATCH}; medians of alternating repetitions`);
  console.log('| model | steps × reps | bare trainOnBatch ms/step | finder ms/step | overhead |');
  console.log('|---|---|---|---|---|');
  for (const setup of SETUPS) {
    const model = compiled(setup);
    const data = randomData(setup.inputShape, BATCH * 8);
    await bareLoop(model, data, 3); // warm-up: kernels compiled, buffers allocated
    const bare: number[] = [];
    const finder: number[] = [];
    for (let rep = 0; rep < setup.reps; rep++) {
      bare.push(await bareLoop(model, data, setup.steps));
      finder.push(await finderLoop(model, data, setup.steps));
    }
    const b = median(bare);
    const f = median(finder);
    console.log(`| ${setup.name} | ${setup.steps} × ${setup.reps} | ${b.toFixed(2)} | ${f.toFixed(2)} | ${(((f - b) / b) * 100).toFixed(1)}% |`);
    tf.dispose([data.xs, data.ys]);
    model.dispose();
  }
}

await main();
