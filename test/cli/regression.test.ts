// A regression CSV through the real binary: the label is read as a number to predict, the summary
// and report say so, and one-cycle at the bounds it gives trains to a low validation error.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadCsvDataset } from '../../src/data/node.js';
import { buildModel } from '../../src/models/builders.js';
import { oneCycleCallback } from '../../src/tfjs/callbacks/one-cycle-callback.js';
import { parseRangeTestFile } from '../../src/range-test/file.js';
import { requireBuild, runCli, tempDir, repoRoot } from './helpers.js';
import { allElements, parseXml } from '../reports/xml.js';
import { writeLayersModel } from './fixtures.js';

const CARS = join(repoRoot, 'test/fixtures/cars.csv');

beforeAll(async () => {
  requireBuild();
  await tf.setBackend('cpu');
});

describe('lrfind find on a regression CSV', () => {
  it('reads mpg as a number to predict, gives bounds, and one-cycle at them trains to a low validation error', async () => {
    const out = join(tempDir(), 'cars');
    const r = await runCli(['find', '--model', 'mlp', '--data', CARS, '--label', 'mpg', '--backend', 'cpu', '--out', out], { env: { NO_COLOR: '1' } });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain('mlp on cars.csv (240 examples, regression on mpg)');
    const doc = parseRangeTestFile(readFileSync(join(out, 'range-test.json'), 'utf8'));
    expect(doc.loss).toBe('mean squared error of mpg (min-max scaled)');
    expect(doc.bounds).not.toBeNull();
    const rows = allElements(parseXml(readFileSync(join(out, 'index.html'), 'utf8'))).filter((e) => e.name === 'tr').map((e) => e.children.map((c) => c.text));
    expect(rows).toContainEqual(['loss', 'mean squared error of mpg (min-max scaled)']);
    expect(readFileSync(join(out, 'range-test.svg'), 'utf8')).toContain('loss: mean squared error of mpg');

    // Train as a user would: the same data and model, one-cycle from the file's bounds.
    const data = await loadCsvDataset(CARS, { label: 'mpg', seed: 0 });
    const model = buildModel('mlp', { inputShape: data.inputShape, numClasses: 1, task: 'regression', seed: 0 });
    model.compile({ optimizer: tf.train.sgd(0.01), loss: 'meanSquaredError' });
    const spread = tf.tidy(() => tf.moments(data.validation.ys).variance.dataSync()[0]!);
    const history = await model.fit(data.train.xs, data.train.ys, {
      epochs: 40, batchSize: 64, verbose: 0, validationData: [data.validation.xs, data.validation.ys], callbacks: [oneCycleCallback(doc)],
    });
    const mse = history.history['val_loss']!.at(-1) as number;
    // Predicting the mean scores the target's variance; the noise in cars.csv is about a tenth of it.
    expect(mse).toBeLessThan(0.25 * spread);
    model.dispose();
    data.dispose();
  });

  it('refuses --task on a built-in dataset, and a model whose output does not fit a regression', async () => {
    const r = await runCli(['find', '--model', 'mlp', '--data', 'digits', '--task', 'regression', '--backend', 'cpu']);
    expect(r.code).toBe(2);
    expect(r.stderr.trim()).toBe('lrfind: --task applies to CSV data, not digits (its labels are classes)');
    const threeClasses = await writeLayersModel(join(tempDir(), 'three'), [2], 3);
    const m = await runCli(['find', '--model', threeClasses, '--data', CARS, '--label', 'mpg', '--backend', 'cpu']);
    expect(m.code).toBe(2);
    expect(m.stderr.trim()).toBe('lrfind: --model model.json outputs [3] but --data cars.csv is a regression (one number per example: --task classification if its labels are classes)');
  });
});
