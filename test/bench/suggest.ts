// `npm run bench:suggest`: is the recommended max lr any good? For three real setups: run the range
// test, then train one-cycle for a fixed short budget at a log-spaced grid of max lrs (2 seeds each)
// and at every method's suggestion, and report each method's accuracy shortfall from the grid's best.
//
// Trained accuracies are cached (keyed by setup, lr and seed) in $LRFIND_BENCH_CACHE when set, so a
// change to a suggestion rule only trains the lrs it newly suggests.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import * as tf from '@tensorflow/tfjs';
import {
  analyzeCurve, buildModel, findLearningRate, initBackend, loadDataset, oneCycle, trainWithSchedule,
  type Analysis, type Dataset, type DatasetName, type ModelName,
} from '../../src/index.js';

interface Setup {
  name: string;
  dataset: DatasetName;
  model: ModelName;
  optimizer: () => tf.Optimizer;
  batchSize: number;
  epochs: number;
  trainSize?: number;
  validationSize?: number;
}

const ALL_SETUPS: Setup[] = [
  { name: 'digits · MLP · SGD', dataset: 'digits', model: 'mlp', optimizer: () => tf.train.sgd(0.01), batchSize: 32, epochs: 10 },
  { name: 'MNIST · CNN · SGD+momentum', dataset: 'mnist', model: 'cnn', optimizer: () => tf.train.momentum(0.01, 0.9), batchSize: 64, epochs: 4, trainSize: 4000, validationSize: 2000 },
  { name: 'Fashion · MLP · Adam', dataset: 'fashion-mnist', model: 'mlp', optimizer: () => tf.train.adam(0.001), batchSize: 128, epochs: 6, trainSize: 10000, validationSize: 2000 },
];
// LRFIND_BENCH_ONLY=digits runs one setup.
const SETUPS = ALL_SETUPS.filter((s) => !process.env.LRFIND_BENCH_ONLY || s.dataset === process.env.LRFIND_BENCH_ONLY);
const SEEDS = [1, 2];
/** Half-decade grid, 1e-4 … 10. */
const GRID = Array.from({ length: 11 }, (_, k) => Number((10 ** (-4 + k / 2)).toPrecision(2)));
const DIV_FACTOR = 10; // one-cycle from maxLr/10, the recommended minLr, for every candidate

const cachePath = process.env.LRFIND_BENCH_CACHE;
const cache: Record<string, number> = cachePath && existsSync(cachePath) ? JSON.parse(readFileSync(cachePath, 'utf8')) : {};

function compiled(setup: Setup, data: Dataset, seed: number): tf.LayersModel {
  const model = buildModel(setup.model, { inputShape: data.inputShape, numClasses: data.numClasses, seed });
  model.compile({ optimizer: setup.optimizer(), loss: 'categoricalCrossentropy', metrics: ['accuracy'] });
  return model;
}

/** Final validation accuracy of a one-cycle run at `maxLr`, mean over the seeds. */
async function accuracyAt(setup: Setup, data: Dataset, maxLr: number): Promise<number> {
  const accuracies: number[] = [];
  for (const seed of SEEDS) {
    const key = `${setup.name}|${maxLr.toPrecision(6)}|${seed}|${setup.epochs}`;
    if (cache[key] === undefined) {
      const model = compiled(setup, data, seed);
      const stepsPerEpoch = Math.ceil(data.train.xs.shape[0]! / setup.batchSize);
      const { lr, momentum } = oneCycle({ maxLr, epochs: setup.epochs, stepsPerEpoch, divFactor: DIV_FACTOR });
      const history = await trainWithSchedule(model, data.train, data.validation, { epochs: setup.epochs, batchSize: setup.batchSize, lr, momentum, seed });
      const last = history.at(-1)!.valAccuracy;
      cache[key] = Number.isFinite(last) ? last : 0;
      model.dispose();
      if (cachePath) writeFileSync(cachePath, JSON.stringify(cache));
    }
    accuracies.push(cache[key]!);
  }
  return accuracies.reduce((a, b) => a + b, 0) / accuracies.length;
}

function suggestionsOf(analysis: Analysis): [string, number | null][] {
  const rows: [string, number | null][] = [[`recommended (${analysis.recommendation?.method ?? 'none'})`, analysis.recommendation?.maxLr ?? null]];
  for (const [name, s] of Object.entries(analysis.suggestions)) rows.push([name, s.lr]);
  return rows;
}

const fmt = (x: number | null): string => (x === null ? '—' : x.toPrecision(3));

async function main(): Promise<void> {
  const backend = await initBackend('auto');
  console.log(`backend: ${backend.backend}; seeds ${SEEDS.join(', ')}; one-cycle divFactor ${DIV_FACTOR}`);
  const summary: string[] = ['| setup | method | max lr | val acc | shortfall |', '|---|---|---|---|---|'];
  for (const setup of SETUPS) {
    const data = await loadDataset(setup.dataset, { seed: 0, trainSize: setup.trainSize, validationSize: setup.validationSize });
    const model = compiled(setup, data, SEEDS[0]!);
    const result = await findLearningRate(model, data.train, { startLr: 1e-7, endLr: 10, numIter: 100, batchSize: setup.batchSize });
    model.dispose();
    // LRFIND_RULE='{"divergencePosition":0.3}' tries other constants of the lrfind rule.
    const analysis = analyzeCurve(result, JSON.parse(process.env.LRFIND_RULE ?? '{}'));
    if (process.env.LRFIND_BENCH_CURVES) {
      writeFileSync(`${process.env.LRFIND_BENCH_CURVES}/${setup.dataset}.json`, JSON.stringify({ lrs: result.lrs, losses: result.losses }));
    }
    console.log(`\n## ${setup.name}: range test ${result.lrs.length} steps (${result.stopReason}), ${result.timing.msPerStep.toFixed(1)} ms/step`);
    const regions = analysis.regions.map((r) => `${r.kind} ${fmt(r.minLr)}–${fmt(r.maxLr)}`).join(', ');
    const divergence = analysis.divergenceIndex === null ? 'none' : fmt(analysis.curve.lrs[analysis.divergenceIndex]!);
    console.log(`curve: minimum at ${fmt(analysis.curve.lrs[analysis.minimumIndex]!)}, divergence at ${divergence}; ${regions}`);
    const grid: [number, number][] = [];
    for (const lr of GRID) grid.push([lr, await accuracyAt(setup, data, lr)]);
    // LRFIND_BENCH_PROBE='1.5,2.2' trains extra max lrs (e.g. to find the cliff); not part of the grid.
    for (const lr of (process.env.LRFIND_BENCH_PROBE ?? '').split(',').filter(Boolean).map(Number)) {
      console.log(`probe ${lr}: ${(await accuracyAt(setup, data, lr)).toFixed(4)}`);
    }
    const best = Math.max(...grid.map(([, acc]) => acc));
    console.log(`grid: ${grid.map(([lr, acc]) => `${lr}→${acc.toFixed(3)}`).join('  ')}  (best ${best.toFixed(4)})`);
    for (const [name, lr] of suggestionsOf(analysis)) {
      const acc = lr === null ? null : await accuracyAt(setup, data, lr);
      const shortfall = acc === null ? null : best - acc;
      const row = `| ${setup.name} | ${name} | ${fmt(lr)} | ${acc === null ? '—' : acc.toFixed(4)} | ${shortfall === null ? '—' : shortfall.toFixed(4)} |`;
      console.log(row);
      summary.push(row);
    }
    data.dispose();
  }
  console.log(`\n${summary.join('\n')}`);
}

await main();
