// Transfer learning: a small conv base trained on digits 0–4, frozen under a new head for digits
// 5–9, fine-tuned with lrfind's recipe (find → head → unfreeze → find → all, the base at a lower lr),
// against the same recipe at Adam's 1e-3. On wasm, one thread (so the numbers repeat).
import * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadDataset } from '../../src/data/node.js';
import { initBackend } from '../../src/tfjs/backend.js';
import { fineTune } from '../../src/tfjs/fine-tune.js';
import { layerLrCallback } from '../../src/tfjs/callbacks/layer-lr-callback.js';
import { findLearningRate } from '../../src/tfjs/range-test.js';
import { constant } from '../../src/schedules/annealers.js';
import { scheduleCallback } from '../../src/tfjs/callbacks/schedule-callback.js';

type Split = { xs: tf.Tensor; ys: tf.Tensor };
let first: Split; // digits 0–4: what the base learns
let second: Split; // digits 5–9: the new task
let secondValidation: Split;
let pretrained: tf.Sequential;

const glorot = (seed: number) => tf.initializers.glorotUniform({ seed });

/** conv 16 → pool → conv 32 → dense 64: the base. */
function base(): tf.Sequential {
  const model = tf.sequential();
  model.add(tf.layers.conv2d({ filters: 16, kernelSize: 3, padding: 'same', activation: 'relu', inputShape: [8, 8, 1], kernelInitializer: glorot(1) }));
  model.add(tf.layers.maxPooling2d({ poolSize: 2 }));
  model.add(tf.layers.conv2d({ filters: 32, kernelSize: 3, padding: 'same', activation: 'relu', kernelInitializer: glorot(2) }));
  model.add(tf.layers.flatten());
  model.add(tf.layers.dense({ units: 64, activation: 'relu', kernelInitializer: glorot(3) }));
  return model;
}

/** The pretrained base's weights under a new, untrained head for 5 classes, compiled with `optimizer`. */
function transferred(optimizer: tf.Optimizer): tf.LayersModel {
  const model = base();
  model.layers.forEach((layer, i) => layer.setWeights(pretrained.layers[i]!.getWeights()));
  model.add(tf.layers.dense({ units: 5, activation: 'softmax', kernelInitializer: glorot(9) }));
  model.compile({ optimizer, loss: 'categoricalCrossentropy', metrics: ['accuracy'] });
  return model;
}

/** The examples whose digit is in [from, from + 5), relabelled 0–4. */
function digits(split: { xs: tf.Tensor; labels: Int32Array }, from: number): Split {
  const rows = Array.from(split.labels).flatMap((label, i) => (label >= from && label < from + 5 ? [i] : []));
  return tf.tidy(() => ({
    xs: tf.gather(split.xs, tf.tensor1d(rows, 'int32')),
    ys: tf.oneHot(tf.tensor1d(rows.map((i) => split.labels[i]! - from), 'int32'), 5).toFloat(),
  }));
}

beforeAll(async () => {
  await initBackend('wasm', { wasmThreads: 1 });
  const data = await loadDataset('digits', { seed: 0 });
  [first, second, secondValidation] = [digits(data.train, 0), digits(data.train, 5), digits(data.validation, 5)];
  data.dispose();
  pretrained = base();
  pretrained.add(tf.layers.dense({ units: 5, activation: 'softmax', kernelInitializer: glorot(4) }));
  pretrained.compile({ optimizer: tf.train.adam(1e-3), loss: 'categoricalCrossentropy' });
  await pretrained.fit(first.xs, first.ys, { epochs: 5, batchSize: 32, verbose: 0, shuffle: false }); // tfjs's shuffle is not seeded
});

afterAll(() => {
  tf.dispose([first.xs, first.ys, second.xs, second.ys, secondValidation.xs, secondValidation.ys]);
  pretrained.dispose();
});

const lastAccuracy = (history: { history: Record<string, unknown[]> }): number => history.history['val_acc']!.at(-1) as number;

describe('fineTune', () => {
  it('finds and trains the head on the frozen base, then everything, and ends at least as accurate as the same recipe at Adam 1e-3', async () => {
    const model = transferred(tf.train.adam(1e-3));
    const before = tf.memory().numTensors;
    const stages: string[] = [];
    const result = await fineTune(model, second, { validationData: secondValidation, epochs: 4, onStage: (s) => stages.push(s) });
    expect(stages).toEqual(['find the head', 'train the head', 'find all', 'train all']);
    expect(result.headLayers).toEqual([model.layers.at(-1)!.name]);
    expect(result.baseLayers).toHaveLength(3);
    // The first find trained the head alone: its result names the frozen layers.
    expect(result.head.found.rangeTest.layers).toEqual({ trained: result.headLayers, frozen: result.baseLayers });
    expect(result.all.found.rangeTest.layers!.frozen).toEqual([]);
    expect(model.layers.every((l) => l.trainable)).toBe(true);
    // The finder left nothing behind; training keeps its optimizer's state (a few tensors per weight).
    expect(tf.memory().numTensors - before).toBeLessThanOrEqual(3 * model.trainableWeights.length + 4);

    const adam = transferred(tf.train.adam(1e-3));
    adam.layers.slice(0, -1).forEach((l) => (l.trainable = false));
    adam.compile({ optimizer: tf.train.adam(1e-3), loss: 'categoricalCrossentropy', metrics: ['accuracy'] });
    await adam.fit(second.xs, second.ys, { epochs: 1, batchSize: 32, verbose: 0 });
    adam.layers.forEach((l) => (l.trainable = true));
    adam.compile({ optimizer: tf.train.adam(1e-3), loss: 'categoricalCrossentropy', metrics: ['accuracy'] });
    const fixed = await adam.fit(second.xs, second.ys, { epochs: 4, batchSize: 32, verbose: 0, validationData: [secondValidation.xs, secondValidation.ys] });
    expect(lastAccuracy(result.all.history)).toBeGreaterThanOrEqual(lastAccuracy(fixed));
    model.dispose();
    adam.dispose();
  });

  it('keeps layers the user froze frozen, and refuses a model with nothing to freeze', async () => {
    const model = transferred(tf.train.adam(1e-3));
    model.layers[0]!.trainable = false;
    model.compile({ optimizer: tf.train.adam(1e-3), loss: 'categoricalCrossentropy', metrics: ['accuracy'] });
    const result = await fineTune(model, second, { epochs: 1 });
    expect(result.baseLayers).not.toContain(model.layers[0]!.name);
    expect(result.all.found.rangeTest.layers!.frozen).toEqual([model.layers[0]!.name]);
    expect(model.layers[0]!.trainable).toBe(false);
    const single = tf.sequential({ layers: [tf.layers.dense({ units: 5, inputShape: [4] })] });
    single.compile({ optimizer: 'sgd', loss: 'meanSquaredError' });
    await expect(fineTune(single, second)).rejects.toThrow('fineTune needs a base to freeze: the model has 1 trainable layers with weights, and headLayers is 1');
    model.dispose();
    single.dispose();
  });

  it('says what to do when freezing left the optimizer with state for other weights', async () => {
    const model = transferred(tf.train.momentum(0.01, 0.9));
    await model.fit(second.xs, second.ys, { epochs: 1, batchSize: 32, verbose: 0 }); // momentum for every weight
    model.layers.slice(0, -1).forEach((l) => (l.trainable = false));
    await expect(findLearningRate(model, second)).rejects.toThrow(/the optimizer's state \(accumulations\) was built for other weights than the ones trainable now .*compile the model again with a new optimizer/);
    model.dispose();
  });
});

describe('layerLrCallback', () => {
  it('trains the named layers at a fraction of the lr: their step is that fraction of an unscaled step', async () => {
    const [a, b] = [transferred(tf.train.sgd(0.1)), transferred(tf.train.sgd(0.1))];
    const batch = { xs: second.xs.slice(0, 32), ys: second.ys.slice(0, 32) };
    const start = a.layers[0]!.getWeights()[0]!.dataSync().slice();
    const fit = (m: tf.LayersModel, callbacks: tf.Callback[]) => m.fit(batch.xs, batch.ys, { epochs: 1, batchSize: 32, shuffle: false, verbose: 0, callbacks });
    await fit(a, [scheduleCallback({ lr: constant(0.1) })]);
    await fit(b, [scheduleCallback({ lr: constant(0.1) }), layerLrCallback({ layers: [b.layers[0]!.name], factor: 0.25 })]);
    const [stepA, stepB] = [a, b].map((m) => Array.from(m.layers[0]!.getWeights()[0]!.dataSync(), (w, i) => w - start[i]!));
    stepB!.forEach((s, i) => expect(s).toBeCloseTo(0.25 * stepA![i]!, 6));
    // The other layers took the full step.
    expect(Array.from(b.layers.at(-1)!.getWeights()[0]!.dataSync())).toEqual(Array.from(a.layers.at(-1)!.getWeights()[0]!.dataSync()));
    tf.dispose([batch.xs, batch.ys]);
    a.dispose();
    b.dispose();
  });
});
