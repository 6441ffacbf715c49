// lrfind find on training code other than one single-input model: a module exporting a training
// step, and a two-input model.json whose inputs take named CSV columns (--inputs).
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { requireBuild, repoRoot, runCli, tempDir } from './helpers.js';
import { writeCsvData, writeLayersModel, writeStepModule, writeTwoInputModel } from './fixtures.js';

const CARS = join(repoRoot, 'test/fixtures/cars.csv');
let dir: string;
let twoInputs: string;

beforeAll(async () => {
  requireBuild();
  dir = tempDir();
  twoInputs = await writeTwoInputModel(join(dir, 'two'));
});

describe('lrfind find on any training code', () => {
  it('trains a training step a module exports (createStep), on CSV data', async () => {
    const csv = writeCsvData(join(dir, 'species.csv'));
    const step = writeStepModule(join(dir, 'step.mjs'));
    const r = await runCli(['find', '--model', step, '--data', csv, '--label', 'species', '--batch-size', '32', '--backend', 'cpu', '--json', '--out', join(dir, 'step-out')]);
    expect(r.code, r.stderr).toBe(0);
    const doc = JSON.parse(r.stdout) as { bounds: { maxLr: number } | null; optimizer: string };
    expect(doc.optimizer).toBe('SGD');
    expect(doc.bounds).not.toBeNull();
  });

  it('feeds a two-input model.json the CSV columns --inputs names, and says what is wrong with every bad combination', async () => {
    const ok = await runCli(['find', '--model', twoInputs, '--data', CARS, '--label', 'mpg', '--inputs', 'a=horsepower;b=weight', '--backend', 'cpu', '--json', '--out', join(dir, 'two-out')]);
    expect(ok.code, ok.stderr).toBe(0);
    expect((JSON.parse(ok.stdout) as { bounds: unknown }).bounds).not.toBeNull();
    const bad = async (args: string[], message: string): Promise<void> => {
      const r = await runCli(['find', ...args, '--backend', 'cpu', '--out', join(dir, 'bad')]);
      expect(r.code, r.stdout).toBe(2);
      expect(r.stderr.trim()).toBe(`lrfind: ${message}`);
    };
    const cars = ['--data', CARS, '--label', 'mpg'];
    await bad(['--model', twoInputs, ...cars], '--model model.json has 2 inputs (a, b): say which CSV columns feed each with --inputs "a=column,…;…"');
    await bad(['--model', twoInputs, ...cars, '--inputs', 'a=horsepower'], "--inputs must name the model's inputs (a, b); missing b");
    await bad(['--model', twoInputs, ...cars, '--inputs', 'a=horsepower;b=cylinders'], '--inputs: cars.csv has no feature column "cylinders"; its features are horsepower, weight');
    await bad(['--model', twoInputs, ...cars, '--inputs', 'a=horsepower,weight;b=weight'], '--inputs feeds column "weight" to more than one input');
    await bad(['--model', twoInputs, ...cars, '--inputs', 'a=horsepower,weight;b=mpg'], '--inputs: cars.csv has no feature column "mpg"; its features are horsepower, weight');
    await bad(['--model', twoInputs, ...cars, '--inputs', 'a'], '--inputs: "a" is not input=column,column…');
    await bad(['--model', 'mlp', ...cars, '--inputs', 'a=horsepower'], '--inputs is for a model with several named inputs (a model.json or a module), not the built-in mlp');
    await bad(['--model', twoInputs, '--data', 'digits', '--inputs', 'a=x'], '--inputs maps CSV columns to model inputs: it needs CSV data, not digits');
    const wide = await writeLayersModel(join(dir, 'wide'), [2], 1);
    const r = await runCli(['find', '--model', wide, ...cars, '--inputs', 'x=horsepower', '--backend', 'cpu', '--out', join(dir, 'bad')]);
    expect(r.code).toBe(2);
    expect(r.stderr.trim()).toMatch(/^lrfind: --inputs must name the model's inputs \((\w+)\); missing \1; the model has no input x$/);
  });
});
