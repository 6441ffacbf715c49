// A range test on webgpu: the shader-compiling first step runs on a snapshot that is restored, so
// the sweep's lrs, losses and timing are those of warm steps; the model comes back bit-exactly and
// no tensor leaks. Skips without a webgpu adapter (lavapipe in CI).
import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { cnn } from '../../../src/models/index.js';
import { sweepLrs } from '../../../src/range-test/sweep.js';
import { initBackend } from '../../../src/tfjs/backend.js';
import { findLearningRate } from '../../../src/tfjs/range-test.js';
import { randomValues } from '../kernels/compare.js';
import { skipNote, webGpuForTests } from './lavapipe.js';

const gpu = await webGpuForTests();
if (!gpu.ok) skipNote('test/tfjs/webgpu/range-test.test.ts', gpu.why);

const bitsOf = async (t: tf.Tensor): Promise<number[]> => Array.from(new Uint32Array(Float32Array.from(await t.data()).buffer));

/** Weights and every optimizer field as plain data (tensor and slot values as bits), read asynchronously. */
async function state(model: tf.LayersModel): Promise<unknown> {
  const weights = [];
  for (const w of model.weights) weights.push(await bitsOf(w.read()));
  const optimizer: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(model.optimizer as object)) {
    if (value instanceof tf.Tensor) optimizer[key] = await bitsOf(value);
    else if (Array.isArray(value)) {
      const slots = [];
      for (const slot of value as Array<{ originalName: string; variable: tf.Variable }>) slots.push([slot.originalName, await bitsOf(slot.variable)]);
      optimizer[key] = slots;
    } else optimizer[key] = value;
  }
  return { weights, optimizer };
}

function setup(): { model: tf.LayersModel; data: { xs: tf.Tensor; ys: tf.Tensor } } {
  const model = cnn({ inputShape: [8, 8, 1], numClasses: 3, seed: 2 });
  model.compile({ optimizer: tf.train.adam(1e-3), loss: 'categoricalCrossentropy' });
  const data = tf.tidy(() => ({
    xs: tf.tensor(randomValues(32 * 64, 5), [32, 8, 8, 1]),
    ys: tf.oneHot(tf.tensor1d(Array.from({ length: 32 }, (_, i) => i % 3), 'int32'), 3).toFloat(),
  }));
  return { model, data };
}

const OPTIONS = { numIter: 6, batchSize: 8, startLr: 1e-4, endLr: 1, divergeThreshold: Infinity };

describe.skipIf(!gpu.ok)('a range test on webgpu', () => {
  it('warms up once, before the first step, and keeps the lr sequence exactly; restores the model bit-exactly; leaks no tensor', async () => {
    await initBackend('webgpu', { allowSoftwareAdapter: true });
    const { model, data } = setup();
    const before = await state(model);
    const tensors = tf.memory().numTensors;
    const events: string[] = [];
    const result = await findLearningRate(model, data, { ...OPTIONS, onPrecompile: () => events.push('warm-up'), onStep: (s) => events.push(`step ${s.step}`) });
    expect(events).toEqual(['warm-up', 'step 0', 'step 1', 'step 2', 'step 3', 'step 4', 'step 5']);
    expect(result.backend).toBe('webgpu');
    expect(result.lrs).toEqual(sweepLrs(OPTIONS.startLr, OPTIONS.endLr, OPTIONS.numIter, 'exp'));
    expect(tf.memory().numTensors).toBe(tensors);
    expect(await state(model)).toEqual(before);
    tf.dispose([data.xs, data.ys]);
    model.dispose();
  });

  it('records the same losses as a test without the warm-up, and leaves the compiling step out of its timing', async () => {
    await initBackend('webgpu', { allowSoftwareAdapter: true });
    const runs = [];
    for (const precompile of [true, false]) {
      const { model, data } = setup();
      let warmUpMs = 0;
      const started = performance.now();
      const result = await findLearningRate(model, data, { ...OPTIONS, precompile, onPrecompile: (ms) => (warmUpMs = ms) });
      runs.push({ losses: result.losses, warmUpMs, wallMs: performance.now() - started, timedMs: result.timing.seconds * 1000 });
      tf.dispose([data.xs, data.ys]);
      model.dispose();
    }
    const [warm, cold] = runs;
    expect(warm!.losses).toEqual(cold!.losses);
    expect(warm!.warmUpMs).toBeGreaterThan(0);
    expect(warm!.timedMs).toBeLessThanOrEqual(warm!.wallMs - warm!.warmUpMs + 1);
    expect(cold!.warmUpMs).toBe(0);
  });
});
