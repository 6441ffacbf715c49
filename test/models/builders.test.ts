// Every built-in model against every kind of data lrfind loads: it builds for that data's shape
// and maps a batch to class probabilities, or it refuses with a RangeError that says why. Build
// only (no training): the CLI tests train the cases users hit.
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { csvDatasetArrays, loadDatasetArrays } from '../../src/data/node.js';
import { buildModel, MODEL_NAMES, type ModelName } from '../../src/models/index.js';
import { MODEL_INPUTS, modelInputProblem } from '../../src/models/names.js';

/** The example shape of each kind of data, as its loader reports it. */
const DATA: Record<string, () => Promise<number[]>> = {
  digits: async () => (await loadDatasetArrays('digits')).inputShape,
  // The IDX loaders report [rows, cols, 1]; both files hold 28 × 28 images (read when installed in test/data).
  mnist: async () => [28, 28, 1],
  'fashion-mnist': async () => [28, 28, 1],
  'CSV of 4 features': async () => csvDatasetArrays('a,b,c,d,y\n1,2,3,4,x\n2,3,4,5,z\n3,4,5,6,x\n4,5,6,7,z\n5,6,7,8,x\n').inputShape,
  'CSV of 1 feature': async () => csvDatasetArrays('a,y\n1,x\n2,z\n3,x\n4,z\n5,x\n').inputShape,
};

const shapes: Record<string, number[]> = {};

beforeAll(async () => {
  await tf.setBackend('cpu');
  tf.enableProdMode();
  for (const [name, shape] of Object.entries(DATA)) shapes[name] = await shape();
});

describe('built-in models × data', () => {
  const cases = MODEL_NAMES.flatMap((model) => Object.keys(DATA).map((data) => [model, data] as [ModelName, string]));

  it.each(cases)('%s on %s builds, or says why it cannot', (name, data) => {
    const inputShape = shapes[data]!;
    const images = inputShape.length === 3;
    if (MODEL_INPUTS[name] === 'images' && !images) {
      expect(modelInputProblem(name, inputShape)).toBe(`${name} needs image inputs [height, width, channels], got flat features [${inputShape.join(', ')}]`);
      expect(() => buildModel(name, { inputShape, numClasses: 3 })).toThrow(RangeError);
      expect(() => buildModel(name, { inputShape, numClasses: 3 })).toThrow(/needs image inputs/);
      return;
    }
    expect(modelInputProblem(name, inputShape)).toBeNull();
    const model = buildModel(name, { inputShape, numClasses: 3, seed: 1 });
    const out = tf.tidy(() => {
      const p = model.predict(tf.zeros([2, ...inputShape])) as tf.Tensor;
      return { shape: p.shape, sums: Array.from(p.sum(1).dataSync()) };
    });
    expect(out.shape).toEqual([2, 3]);
    for (const s of out.sums) expect(s).toBeCloseTo(1, 5);
    model.dispose();
  });

  it('the mlp keeps its layers for images and takes flat features without a Flatten', () => {
    const image = buildModel('mlp', { inputShape: [8, 8, 1], numClasses: 10 });
    const flat = buildModel('mlp', { inputShape: [64], numClasses: 10 });
    expect(image.layers.map((l) => l.getClassName())).toEqual(['Flatten', 'Dense', 'Dense']);
    expect(flat.layers.map((l) => l.getClassName())).toEqual(['Dense', 'Dense']);
    // The same seeded weights either way.
    expect(flat.getWeights().map((w) => w.shape)).toEqual(image.getWeights().map((w) => w.shape));
    expect(Array.from(flat.getWeights()[0]!.dataSync())).toEqual(Array.from(image.getWeights()[0]!.dataSync()));
    image.dispose();
    flat.dispose();
  });

  it('the conv models refuse images too small to pool twice, and every model refuses a bad shape', () => {
    expect(modelInputProblem('cnn', [3, 8, 1])).toBe('cnn needs images of at least 4×4 (it pools twice), got [3, 8, 1]');
    expect(() => buildModel('vgg-mini', { inputShape: [2, 2, 1], numClasses: 2 })).toThrow(/at least 4×4/);
    expect(modelInputProblem('cnn', [4, 4, 1])).toBeNull();
    expect(modelInputProblem('cnn', [8, 8])).toBe('cnn needs image inputs [height, width, channels], got inputs [8, 8]');
    expect(modelInputProblem('mlp', [0])).toBe('inputShape must be positive integers, got [0]');
    expect(() => buildModel('mlp', { inputShape: [], numClasses: 2 })).toThrow(RangeError);
  });
});
