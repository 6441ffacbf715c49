// `npm run bench:wd`: is the weight decay lrfind chooses worth it? Per setup and seed: lrfind's
// recommendation with weightDecay 'auto' (its family reads a validation share held out of the
// training data), then one-cycle at (found lr, found decay), at (found lr, no decay), and AdamW at a
// common default (Adam lr 1e-3, decoupled decay 1e-2), all scored on the setup's validation split,
// with the time the family cost against a plain find.
import * as tf from '@tensorflow/tfjs';
import { mean } from '../../src/analysis/statistics.js';
import { initBackend, recommendLearningRate, type LrFinderResult } from '../../src/node.js';
import { oneCycleFromBounds } from '../../src/schedules/from-bounds.js';
import { constant } from '../../src/schedules/annealers.js';
import { stepsPerEpoch } from '../../src/schedules/steps.js';
import { trainWithSchedule } from '../../src/study/train.js';
import type { Dataset } from '../../src/data/index.js';
import { maxOf, minOf } from '../../src/numbers.js';
import { chosenSetups, type Setup } from './setups.js';

const SEEDS = (process.env.LRFIND_BENCH_SEEDS ?? '1,2,3,4').split(',').map(Number);

function compiled(setup: Setup, data: Dataset, seed: number, optimizer = setup.optimizer()): tf.LayersModel {
  const model = setup.model(data, seed);
  model.compile({ optimizer, loss: 'categoricalCrossentropy', metrics: ['accuracy'] });
  return model;
}

async function find(setup: Setup, data: Dataset, seed: number, weightDecay: 'auto' | 0): Promise<{ found: LrFinderResult; seconds: number }> {
  const model = compiled(setup, data, seed);
  const started = performance.now();
  const found = await recommendLearningRate(model, data.train, { batchSize: setup.batchSize, seed: seed - 1, weightDecay });
  model.dispose();
  return { found, seconds: (performance.now() - started) / 1000 };
}

async function accuracy(setup: Setup, data: Dataset, seed: number, run: { maxLr: number; minLr: number; weightDecay: number } | 'adamw'): Promise<number> {
  const model = compiled(setup, data, seed, run === 'adamw' ? tf.train.adam(1e-3) : setup.optimizer());
  const epochs = setup.epochs;
  const steps = stepsPerEpoch(data.train.size, setup.batchSize);
  const cycle = run === 'adamw' ? { lr: constant(1e-3), momentum: null } : oneCycleFromBounds(run, { epochs, stepsPerEpoch: steps });
  const weightDecay = run === 'adamw' ? 1e-2 : run.weightDecay;
  const history = await trainWithSchedule(model, data.train, data.validation, { epochs, batchSize: setup.batchSize, lr: cycle.lr, momentum: cycle.momentum ?? null, seed, weightDecay });
  model.dispose();
  return history.at(-1)!.valAccuracy;
}

const range = (xs: number[]): string => `${mean(xs).toFixed(4)} (${minOf(xs).toFixed(3)}–${maxOf(xs).toFixed(3)})`;

async function main(): Promise<void> {
  console.log(`backend: ${(await initBackend('auto')).reason}; seeds ${SEEDS.join(', ')}`);
  const rows = ['| setup | decays chosen | found lr + found wd | found lr, no wd | difference (mean, worst) | AdamW 1e-3, wd 1e-2 | family time / plain find |', '|---|---|---|---|---|---|---|'];
  for (const setup of chosenSetups().filter((s) => !s.control)) {
    const data = await setup.data();
    const withWd: number[] = [];
    const without: number[] = [];
    const adamw: number[] = [];
    const chosen: number[] = [];
    const cost: number[] = [];
    for (const seed of SEEDS) {
      const auto = await find(setup, data, seed, 'auto');
      const plain = await find(setup, data, seed, 0);
      const bounds = auto.found.bounds;
      if (bounds === null) continue;
      const wd = auto.found.weightDecay?.value ?? 0;
      chosen.push(wd);
      cost.push(auto.seconds / plain.seconds);
      without.push(await accuracy(setup, data, seed, { maxLr: bounds.maxLr, minLr: bounds.minLr, weightDecay: 0 }));
      // With no decay chosen the run is the same one (same seed, same batches): not trained twice.
      withWd.push(wd === 0 ? without.at(-1)! : await accuracy(setup, data, seed, { maxLr: bounds.maxLr, minLr: bounds.minLr, weightDecay: wd }));
      adamw.push(await accuracy(setup, data, seed, 'adamw'));
      console.log(`${setup.name}, seed ${seed}: wd ${wd}, max lr ${bounds.maxLr.toPrecision(3)}: ${withWd.at(-1)!.toFixed(4)} (no wd ${without.at(-1)!.toFixed(4)}, AdamW ${adamw.at(-1)!.toFixed(4)}); ${auto.seconds.toFixed(1)} s against ${plain.seconds.toFixed(1)} s\n    ${auto.found.weightDecay?.reason ?? ''}`);
    }
    const diff = withWd.map((a, i) => a - without[i]!);
    if (diff.length > 0) {
      rows.push(`| ${setup.name} | ${chosen.map((w) => (w === 0 ? '0' : w.toExponential(0))).join(', ')} | ${range(withWd)} | ${range(without)} | ${mean(diff) >= 0 ? '+' : ''}${mean(diff).toFixed(4)}, ${minOf(diff).toFixed(4)} | ${range(adamw)} | ${mean(cost).toFixed(1)}× |`);
    }
    data.dispose();
  }
  console.log(`\n${rows.join('\n')}`);
}

await main();
