// `npm run bench:suggest`: is the recommended max lr any good? For four real setups: get lrfind's
// recommendation twice (`recommendLearningRate`, as `lrfind find` runs it: range test + confirmation
// probes, with other model seeds and shuffles: one curve is a noisy estimate), then train one-cycle
// for a fixed short budget at a log-spaced grid of max lrs (2 seeds each) and at every method's
// suggestion from each range test, and report each method's accuracy shortfall from the grid's best.
//
// Trained accuracies are cached (keyed by setup, lr and seed) in $LRFIND_BENCH_CACHE when set, so a
// change to a suggestion rule only trains the lrs it newly suggests.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import * as tf from '@tensorflow/tfjs';
import { mean } from '../../src/analysis/statistics.js';
import { trainWithSchedule } from '../../src/study/train.js';
import { stepsPerEpoch } from '../../src/schedules/steps.js';
import { initBackend, loadDataset, oneCycle, recommendLearningRate, type LrFinderResult } from '../../src/node.js';
import { type Dataset, type DatasetName } from '../../src/data/index.js';
import { buildModel, type ModelName } from '../../src/models/index.js';

interface Setup {
  name: string;
  dataset: DatasetName;
  model: ModelName;
  optimizer: () => tf.Optimizer;
  batchSize: number;
  epochs: number;
  trainSize?: number;
  validationSize?: number;
  /** Minutes per run rather than seconds: only with LRFIND_BENCH_SLOW=1 or when LRFIND_BENCH_ONLY names it. */
  slow?: boolean;
}

const ALL_SETUPS: Setup[] = [
  { name: 'digits · MLP · SGD', dataset: 'digits', model: 'mlp', optimizer: () => tf.train.sgd(0.01), batchSize: 32, epochs: 10 },
  { name: 'MNIST · CNN · SGD+momentum', dataset: 'mnist', model: 'cnn', optimizer: () => tf.train.momentum(0.01, 0.9), batchSize: 64, epochs: 4, trainSize: 4000, validationSize: 2000 },
  { name: 'Fashion · MLP · Adam', dataset: 'fashion-mnist', model: 'mlp', optimizer: () => tf.train.adam(0.001), batchSize: 128, epochs: 6, trainSize: 10000, validationSize: 2000 },
  // Conv nets with momentum, as the demo and the study train them: these die above a cliff that
  // the range test shows late, so they test whether a rule is safe, not only whether it is bold.
  { name: 'digits · CNN · SGD+momentum', dataset: 'digits', model: 'cnn', optimizer: () => tf.train.momentum(0.01, 0.9), batchSize: 32, epochs: 8 },
  { name: 'MNIST · VGG · SGD+momentum', dataset: 'mnist', model: 'vgg-mini', optimizer: () => tf.train.momentum(0.01, 0.9), batchSize: 64, epochs: 6, trainSize: 2000, validationSize: 1000, slow: true },
];
// LRFIND_BENCH_ONLY=vgg runs the setups whose name contains "vgg" (case-insensitive); "mlp,cnn" either.
const only = process.env.LRFIND_BENCH_ONLY?.toLowerCase().split(',');
const SETUPS = ALL_SETUPS.filter((s) =>
  only === undefined ? !s.slow || process.env.LRFIND_BENCH_SLOW === '1' : only.some((part) => s.name.toLowerCase().includes(part)));
// LRFIND_BENCH_SEEDS=1,2,3 trains every max lr with more seeds (less noise, longer).
const SEEDS = (process.env.LRFIND_BENCH_SEEDS ?? '1,2').split(',').map(Number);
/** Range tests per setup (other model seeds and shuffles): one curve is a noisy estimate, so each rule is scored on several. */
const RANGE_TESTS = Number(process.env.LRFIND_BENCH_RANGE_TESTS ?? 2);
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
      const steps = stepsPerEpoch(data.train.xs.shape[0]!, setup.batchSize);
      const { lr, momentum } = oneCycle({ maxLr, epochs: setup.epochs, stepsPerEpoch: steps, divFactor: DIV_FACTOR });
      const history = await trainWithSchedule(model, data.train, data.validation, { epochs: setup.epochs, batchSize: setup.batchSize, lr, momentum, seed });
      const last = history.at(-1)!.valAccuracy;
      cache[key] = Number.isFinite(last) ? last : 0;
      model.dispose();
      if (cachePath) writeFileSync(cachePath, JSON.stringify(cache));
    }
    accuracies.push(cache[key]!);
  }
  return mean(accuracies);
}

const DEFAULT_ROW = 'lrfind (default: curve + probes)';
const CURVE_ROW = 'lrfind --no-confirm (curve only)';

// LRFIND_BENCH_MARGINS=1.6,2 adds rows for other confirmation margins (the probes' edge / margin).
const MARGINS = (process.env.LRFIND_BENCH_MARGINS ?? '').split(',').filter(Boolean).map(Number);

/** Every method's max lr on one range test: lrfind's default, its curve-only bounds, then the peers' rules. */
function suggestionsOf({ analysis, confirmation, bounds }: LrFinderResult): Map<string, number | null> {
  const curve = analysis?.curveBounds?.maxLr ?? null;
  const picks = new Map<string, number | null>([[DEFAULT_ROW, bounds?.maxLr ?? null], [CURVE_ROW, curve]]);
  for (const m of MARGINS) picks.set(`lrfind, probes' edge / ${m}`, confirmation?.edge != null ? confirmation.edge / m : curve);
  for (const [name, s] of Object.entries(analysis?.picks ?? {})) if (name !== 'lrfind') picks.set(name, s.lr);
  return picks;
}

const fmt = (x: number | null): string => (x === null ? '—' : x.toPrecision(3));
const slug = (name: string): string => name.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '');

/** Per method: its worst and mean shortfall over every setup and range test (no suggestion counts as the worst grid point). */
function overall(shortfalls: Map<string, number[]>): string[] {
  const lines = ['| method | worst shortfall | mean shortfall |', '|---|---|---|'];
  const rows = [...shortfalls].map(([method, values]) => ({ method, worst: Math.max(...values), mean: mean(values) }));
  for (const { method, worst, mean } of rows.sort((a, b) => a.worst - b.worst)) lines.push(`| ${method} | ${worst.toFixed(4)} | ${mean.toFixed(4)} |`);
  return lines;
}

/** lrfind's recommendation k of a setup (the model of seed k, shuffled with seed k - 1): range test and probes. */
async function recommendation(setup: Setup, data: Dataset, k: number): Promise<LrFinderResult> {
  const model = compiled(setup, data, k);
  const found = await recommendLearningRate(model, data.train, {
    startLr: 1e-7, endLr: 10, numIter: 100, batchSize: setup.batchSize, seed: k - 1,
    // LRFIND_RULE='{"safetyDivisor":3}' tries other constants of the lrfind rule.
    tuning: { analysis: JSON.parse(process.env.LRFIND_RULE ?? '{}') },
  });
  model.dispose();
  const { rangeTest: result, analysis, confirmation } = found;
  if (analysis === null) throw new Error(`range test ${k} of ${setup.name} stopped after ${result.lrs.length} steps`);
  if (confirmation) {
    const probes = confirmation.probes.map((p) => `${fmt(p.lr)}→${p.passed ? 'pass' : 'fail'} ${p.endLoss.toFixed(2)}`).join(', ');
    console.log(`range test ${k}: confirmation probes (pass below ${confirmation.target.toFixed(2)}): ${probes}`);
  }
  if (process.env.LRFIND_BENCH_CURVES) {
    writeFileSync(`${process.env.LRFIND_BENCH_CURVES}/${slug(setup.name)}-${k}.json`, JSON.stringify({ lrs: result.lrs, losses: result.losses }));
  }
  const regions = analysis.regions.map((r) => `${r.kind} ${fmt(r.minLr)}–${fmt(r.maxLr)}`).join(', ');
  const divergence = analysis.divergenceIndex === null ? 'none' : fmt(analysis.curve.lrs[analysis.divergenceIndex]!);
  console.log(`range test ${k}: ${result.lrs.length} steps (${result.stopReason}), ${result.timing.msPerStep.toFixed(1)} ms/step; ` +
    `minimum at ${fmt(analysis.curve.lrs[analysis.minimumIndex]!)}, rise at ${divergence}; ${regions}`);
  return found;
}

async function main(): Promise<void> {
  const backend = await initBackend('auto');
  console.log(`backend: ${backend.reason}`);
  console.log(`${RANGE_TESTS} range tests per setup; one-cycle training seeds ${SEEDS.join(', ')}; divFactor ${DIV_FACTOR}`);
  const summary: string[] = [
    `| setup | method | max lr (range test ${Array.from({ length: RANGE_TESTS }, (_, i) => i + 1).join(' · ')}) | val acc (mean) | shortfall (mean) | worst |`,
    '|---|---|---|---|---|---|',
  ];
  const shortfalls = new Map<string, number[]>();
  for (const setup of SETUPS) {
    console.log(`\n## ${setup.name}`);
    const data = await loadDataset(setup.dataset, { seed: 0, trainSize: setup.trainSize, validationSize: setup.validationSize });
    const picks: Map<string, number | null>[] = [];
    for (let k = 1; k <= RANGE_TESTS; k++) {
      picks.push(suggestionsOf(await recommendation(setup, data, k)));
    }
    const grid: [number, number][] = [];
    for (const lr of GRID) grid.push([lr, await accuracyAt(setup, data, lr)]);
    // LRFIND_BENCH_PROBE='1.5,2.2' trains extra max lrs (e.g. to find the cliff); not part of the grid.
    for (const lr of (process.env.LRFIND_BENCH_PROBE ?? '').split(',').filter(Boolean).map(Number)) {
      console.log(`probe ${lr}: ${(await accuracyAt(setup, data, lr)).toFixed(4)}`);
    }
    const best = Math.max(...grid.map(([, acc]) => acc));
    const worstGrid = Math.min(...grid.map(([, acc]) => acc));
    console.log(`grid: ${grid.map(([lr, acc]) => `${lr}→${acc.toFixed(3)}`).join('  ')}  (best ${best.toFixed(4)})`);
    for (const name of picks[0]!.keys()) {
      const lrs = picks.map((p) => p.get(name) ?? null);
      const accuracies: number[] = [];
      for (const lr of lrs) accuracies.push(lr === null ? worstGrid : await accuracyAt(setup, data, lr));
      const own = accuracies.map((acc) => best - acc);
      shortfalls.set(name, [...(shortfalls.get(name) ?? []), ...own]);
      const row = `| ${setup.name} | ${name} | ${lrs.map(fmt).join(' · ')} | ${mean(accuracies).toFixed(4)} | ${mean(own).toFixed(4)} | ${Math.max(...own).toFixed(4)} |`;
      console.log(row);
      summary.push(row);
    }
    data.dispose();
  }
  console.log(`\n${summary.join('\n')}`);
  console.log(`\nover all setups and range tests:\n${overall(shortfalls).join('\n')}`);
}

await main();
