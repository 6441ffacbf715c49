// A CSV whose label is a number to predict: read as a regression target (task 'auto' or given),
// scaled as the features are, one number per example in the tensors.
import * as tf from '@tensorflow/tfjs';
import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { inferTask, parseCsv } from '../../src/data/csv.js';
import { csvDatasetArrays } from '../../src/data/text-datasets.js';
import { toDataset } from '../../src/data/tensors.js';
import { buildModel } from '../../src/models/builders.js';

const CARS = readFileSync(new URL('../fixtures/cars.csv', import.meta.url), 'utf8');

beforeAll(async () => {
  await tf.setBackend('cpu');
});

describe('inferTask', () => {
  it('reads fractions, or many integers that do not count 0 (or 1) to k, as a number to predict', () => {
    expect(inferTask(['18.5', '22', '31.2'])).toBe('regression');
    expect(inferTask(Array.from({ length: 200 }, (_, i) => String(1000 + 7 * i)))).toBe('regression'); // prices
    expect(inferTask(Array.from({ length: 100 }, (_, i) => String(i % 100)))).toBe('classification'); // 100 classes, 0..99
    expect(inferTask(['1', '2', '3', '2', '1'])).toBe('classification');
    expect(inferTask(['3', '17', '40'])).toBe('classification'); // few values
    expect(inferTask(['setosa', 'virginica', '4.5'])).toBe('classification');
  });
});

describe('a regression CSV', () => {
  it('parses the label as numbers, and refuses a label that is not one when regression is asked for', () => {
    const table = parseCsv(CARS, { label: 'mpg' }, 'cars.csv');
    expect(table).toMatchObject({ task: 'regression', count: 300, numFeatures: 2, classNames: [], labelName: 'mpg' });
    expect(table.targets[0]).toBeCloseTo(33.9, 5);
    expect(parseCsv(CARS, { label: 'mpg', task: 'classification' }).classNames.length).toBe(184);
    expect(() => parseCsv('a,b\n1,x\n2,y\n', { task: 'regression' }, 'f.csv')).toThrow('f.csv: row 2: the label "b" is "x", not a number: regression needs a numeric label');
    expect(() => parseCsv(CARS, { task: 'sorting' as never })).toThrow('task must be one of auto, classification, regression, got sorting');
  });

  it('splits, scales the target as the features (fitted on the training rows) and gives one number per example', () => {
    const arrays = csvDatasetArrays(CARS, { label: 'mpg', seed: 0 }, 'cars.csv');
    expect(arrays).toMatchObject({ task: 'regression', numClasses: 1, inputShape: [2], classNames: [] });
    expect(arrays.train.size).toBe(240);
    const train = arrays.train.targets!;
    expect(Math.min(...train)).toBe(0);
    expect(Math.max(...train)).toBeCloseTo(1, 6);
    expect(arrays.target!.name).toBe('mpg');
    const data = toDataset(arrays);
    expect(data.train.ys.shape).toEqual([240, 1]);
    expect(data.task).toBe('regression');
    data.dispose();
  });

  it('gets built-in models with one linear output', () => {
    const model = buildModel('mlp', { inputShape: [2], numClasses: 1, task: 'regression' });
    const last = model.layers.at(-1)!.getConfig() as { units: number; activation: string };
    expect(last).toMatchObject({ units: 1, activation: 'linear' });
    expect(() => buildModel('mlp', { inputShape: [2], numClasses: 3, task: 'regression' })).toThrow('numClasses must be 1 for regression (one number to predict), got 3');
    model.dispose();
  });
});
