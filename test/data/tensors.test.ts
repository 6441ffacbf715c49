import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { oneHotLabels, type Dataset } from '../../src/data/tensors.js';
import { loadCsvDataset, loadDataset } from '../../src/data/load.js';

const scratch = mkdtempSync(path.join(tmpdir(), 'lrfind-tensors-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

/** Checks shapes, dtypes, one-hot rows and that ys agree with the JS labels. */
async function checkDataset(d: Dataset, xsShape: number[], numClasses: number): Promise<void> {
  expect(d.train.xs.shape).toEqual(xsShape);
  expect(d.train.xs.dtype).toBe('float32');
  expect(d.train.ys.shape).toEqual([xsShape[0], numClasses]);
  expect(d.train.ys.dtype).toBe('float32');
  const ys = await d.train.ys.array();
  ys.forEach((row, i) => {
    expect(row.reduce((a, b) => a + b, 0)).toBe(1);
    expect(row.indexOf(1)).toBe(d.train.labels[i]);
  });
  const [lo, hi] = [d.train.xs.min(), d.train.xs.max()];
  expect([(await lo.data())[0], (await hi.data())[0]]).toEqual([0, 1]);
  tf.dispose([lo, hi]);
}

describe.each(['cpu', 'wasm'])('on the %s backend', (backend) => {
  beforeAll(async () => {
    await tf.setBackend(backend);
    await tf.ready();
  });

  it('loads digits as [n, 8, 8, 1] images with one-hot labels, and dispose frees all tensors', async () => {
    const before = tf.memory().numTensors;
    const d = await loadDataset('digits', { trainSize: 200, validationSize: 60, seed: 2 });
    expect(tf.memory().numTensors).toBe(before + 4);
    await checkDataset(d, [200, 8, 8, 1], 10);
    expect(d.validation.xs.shape).toEqual([60, 8, 8, 1]);
    expect(d.classNames).toHaveLength(10);
    d.dispose();
    d.dispose();
    expect(tf.memory().numTensors).toBe(before);
  });

  it('builds one-hot rows exactly', async () => {
    const ys = oneHotLabels(Int32Array.from([2, 0, 1]), 3);
    expect(await ys.array()).toEqual([
      [0, 0, 1],
      [1, 0, 0],
      [0, 1, 0],
    ]);
    ys.dispose();
  });
});

describe('other datasets as tensors', () => {
  beforeAll(async () => {
    await tf.setBackend('cpu');
  });

  it('loads an MNIST subset as [n, 28, 28, 1]', async () => {
    const before = tf.memory().numTensors;
    const d = await loadDataset('mnist', { trainSize: 100, validationSize: 20 });
    await checkDataset(d, [100, 28, 28, 1], 10);
    d.dispose();
    expect(tf.memory().numTensors).toBe(before);
  });

  it('loads a CSV as [n, features]', async () => {
    const file = path.join(scratch, 'three.csv');
    writeFileSync(file, Array.from({ length: 30 }, (_, i) => `${i},${i % 7},${['a', 'b', 'c'][i % 3]}`).join('\n'));
    const d = await loadCsvDataset(file);
    await checkDataset(d, [24, 2], 3);
    expect(d).toMatchObject({ name: 'three', inputShape: [2], classNames: ['a', 'b', 'c'] });
    d.dispose();
  });
});
