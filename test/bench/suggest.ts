// `npm run bench:suggest`: is the recommended max lr any good, and the schedule lrfind recommends?
// For every setup (test/bench/setups.ts): get lrfind's recommendation RANGE_TESTS times
// (`recommendLearningRate` as `lrfind find` runs it, other model seeds and shuffles: one curve is a
// noisy estimate), train one-cycle for a fixed short budget at a log-spaced grid of max lrs and at
// every rule's pick, and report each rule's accuracy shortfall (regret) from the grid's best. Then,
// at each range test's bounds, train constant, cosine, warmup-cosine-tail and one-cycle. On the
// control (shuffled labels) the right answer is no bounds.
//
// Trained accuracies are cached (keyed by setup, schedule, lr and seed) in $LRFIND_BENCH_CACHE when
// set, so a change to a rule only trains the lrs it newly picks.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import type * as tf from '@tensorflow/tfjs';
import { mean } from '../../src/analysis/statistics.js';
import { trainWithSchedule } from '../../src/study/train.js';
import { stepsPerEpoch } from '../../src/schedules/steps.js';
import { constant, cosine } from '../../src/schedules/annealers.js';
import { oneCycleFromBounds, warmupCosineTailFromBounds } from '../../src/schedules/from-bounds.js';
import { initBackend, type LrFinderResult } from '../../src/node.js';
import type { Dataset } from '../../src/data/index.js';
import type { Schedule } from '../../src/types.js';
import { maxOf, minOf } from '../../src/numbers.js';
import { noBoundsReason } from '../../src/present/words.js';
import { answer } from './finder.js';
import { chosenSetups, type Setup } from './setups.js';

// LRFIND_BENCH_SEEDS=1,2 trains every max lr with fewer seeds (more noise, faster).
const SEEDS = (process.env.LRFIND_BENCH_SEEDS ?? '1,2,3,4').split(',').map(Number);
/** Range tests per setup (other model seeds and shuffles): one curve is a noisy estimate, so each rule is scored on several. */
const RANGE_TESTS = Number(process.env.LRFIND_BENCH_RANGE_TESTS ?? 4);
/** Half-decade grid, 1e-4 … 10. */
const GRID = Array.from({ length: 11 }, (_, k) => Number((10 ** (-4 + k / 2)).toPrecision(2)));
const DIV_FACTOR = 10; // one-cycle from maxLr/10, the recommended minLr, for every candidate
const SCHEDULES = ['constant', 'cosine', 'warmup-cosine-tail', 'one-cycle'] as const;
type ScheduleName = (typeof SCHEDULES)[number];

const cachePath = process.env.LRFIND_BENCH_CACHE;
const cache: Record<string, number> = cachePath && existsSync(cachePath) ? JSON.parse(readFileSync(cachePath, 'utf8')) : {};

function compiled(setup: Setup, data: Dataset, seed: number): tf.LayersModel {
  const model = setup.model(data, seed);
  model.compile({ optimizer: setup.optimizer(), loss: 'categoricalCrossentropy', metrics: ['accuracy'] });
  return model;
}

/** The lr (and momentum) per step of `name` between the bounds, over the setup's run. */
function scheduleOf(name: ScheduleName, maxLr: number, minLr: number, epochs: number, steps: number): { lr: Schedule; momentum: Schedule | null } {
  const total = epochs * steps;
  if (name === 'constant') return { lr: constant(maxLr), momentum: null };
  if (name === 'cosine') return { lr: cosine({ from: maxLr, to: 0, steps: total }), momentum: null };
  const cycle = name === 'one-cycle' ? oneCycleFromBounds({ maxLr, minLr }, { epochs, stepsPerEpoch: steps }) : warmupCosineTailFromBounds({ maxLr, minLr }, { epochs, stepsPerEpoch: steps });
  return { lr: cycle.lr, momentum: cycle.momentum ?? null };
}

/** Final validation accuracy of one run of `schedule` at `maxLr` (cached). */
async function trainedAccuracy(setup: Setup, data: Dataset, schedule: ScheduleName, maxLr: number, minLr: number, seed: number): Promise<number> {
  const name = schedule === 'one-cycle' && Math.abs(maxLr / minLr - DIV_FACTOR) < 1e-9 ? '' : `${schedule}|${(maxLr / minLr).toPrecision(4)}|`;
  const model = compiled(setup, data, seed);
  // Batch norm's statistics are recomputed after training (trainWithSchedule's default): a key of their own.
  const refreshed = model.layers.some((l) => l.getClassName() === 'BatchNormalization') ? '|bn-refreshed' : '';
  const key = `${setup.name}|${name}${maxLr.toPrecision(6)}|${seed}|${setup.epochs}${refreshed}`;
  if (cache[key] !== undefined) model.dispose();
  else {
    const { lr, momentum } = scheduleOf(schedule, maxLr, minLr, setup.epochs, stepsPerEpoch(data.train.xs.shape[0]!, setup.batchSize));
    const history = await trainWithSchedule(model, data.train, data.validation, { epochs: setup.epochs, batchSize: setup.batchSize, lr, momentum, seed });
    const last = history.at(-1)!.valAccuracy;
    cache[key] = Number.isFinite(last) ? last : 0;
    model.dispose();
    if (cachePath) writeFileSync(cachePath, JSON.stringify(cache));
  }
  return cache[key]!;
}

/** Final validation accuracy of one-cycle at `maxLr` (from maxLr / 10), mean over the seeds. */
async function accuracyAt(setup: Setup, data: Dataset, maxLr: number): Promise<number> {
  const accuracies: number[] = [];
  for (const seed of SEEDS) accuracies.push(await trainedAccuracy(setup, data, 'one-cycle', maxLr, maxLr / DIV_FACTOR, seed));
  return mean(accuracies);
}

const DEFAULT_ROW = 'lrfind (default: curve + probes)';
const CURVE_ROW = 'lrfind --no-confirm (curve only)';

/** Every method's max lr on one range test: lrfind's default, its curve-only bounds, then the peers' rules. */
function suggestionsOf({ analysis, bounds }: LrFinderResult): Map<string, number | null> {
  const picks = new Map<string, number | null>([[DEFAULT_ROW, bounds?.maxLr ?? null], [CURVE_ROW, analysis?.curveBounds?.maxLr ?? null]]);
  for (const [name, s] of Object.entries(analysis?.picks ?? {})) if (name !== 'lrfind') picks.set(name, s.lr);
  return picks;
}

const fmt = (x: number | null): string => (x === null ? '—' : x.toPrecision(3));

/** lrfind's recommendation k of a setup (the model of seed k, shuffled with seed k - 1), logged. */
async function recommendation(setup: Setup, data: Dataset, k: number): Promise<LrFinderResult> {
  const found = await answer(setup, data, k);
  const { rangeTest, analysis, confirmation, bounds, escalations } = found;
  const probes = confirmation?.probes.map((p) => `${fmt(p.lr)}→${p.passed ? 'pass' : 'fail'} ${p.endLoss.toFixed(2)}`).join(', ') ?? 'none';
  const said = bounds === null ? `no bounds: ${analysis === null ? 'no curve' : noBoundsReason(analysis.warnings)}` : `max lr ${fmt(bounds.maxLr)}`;
  console.log(`range test ${k}: ${said}; ${rangeTest.lrs.length} points, escalations: ${escalations.map((e) => e.action).join(', ') || 'none'}; probes: ${probes}`);
  return found;
}

/** Per method: its worst and mean shortfall over every setup and range test (no suggestion counts as the worst grid point). */
function overall(shortfalls: Map<string, number[]>): string[] {
  const lines = ['| method | worst shortfall | mean shortfall |', '|---|---|---|'];
  const rows = [...shortfalls].map(([method, values]) => ({ method, worst: maxOf(values), mean: mean(values) }));
  for (const { method, worst, mean } of rows.sort((a, b) => a.worst - b.worst)) lines.push(`| ${method} | ${worst.toFixed(4)} | ${mean.toFixed(4)} |`);
  return lines;
}

interface Tables {
  picks: string[];
  schedules: string[];
  controls: string[];
  shortfalls: Map<string, number[]>;
}

/** The rules' rows of one setup: each method's picks, mean accuracy and shortfall from the grid's best. */
async function scorePicks(setup: Setup, data: Dataset, found: LrFinderResult[], tables: Tables): Promise<void> {
  const grid: [number, number][] = [];
  for (const lr of GRID) grid.push([lr, await accuracyAt(setup, data, lr)]);
  const best = maxOf(grid.map(([, acc]) => acc));
  const worstGrid = minOf(grid.map(([, acc]) => acc));
  console.log(`grid: ${grid.map(([lr, acc]) => `${lr}→${acc.toFixed(3)}`).join('  ')}  (best ${best.toFixed(4)})`);
  const picks = found.map(suggestionsOf);
  for (const name of picks[0]!.keys()) {
    const lrs = picks.map((p) => p.get(name) ?? null);
    const accuracies: number[] = [];
    for (const lr of lrs) accuracies.push(lr === null ? worstGrid : await accuracyAt(setup, data, lr));
    const own = accuracies.map((acc) => best - acc);
    tables.shortfalls.set(name, [...(tables.shortfalls.get(name) ?? []), ...own]);
    const row = `| ${setup.name} | ${name} | ${lrs.map(fmt).join(' · ')} | ${mean(accuracies).toFixed(4)} | ${mean(own).toFixed(4)} | ${maxOf(own).toFixed(4)} |`;
    console.log(row);
    tables.picks.push(row);
  }
}

/** The schedules at each range test's bounds, range test k trained with seed k: mean accuracy per schedule. */
async function scoreSchedules(setup: Setup, data: Dataset, found: LrFinderResult[], tables: Tables): Promise<void> {
  const cells: string[] = [];
  for (const schedule of SCHEDULES) {
    const accuracies: number[] = [];
    for (const [i, { bounds }] of found.entries()) {
      if (bounds !== null) accuracies.push(await trainedAccuracy(setup, data, schedule, bounds.maxLr, bounds.minLr, i + 1));
    }
    cells.push(accuracies.length === 0 ? '—' : `${mean(accuracies).toFixed(4)} (${minOf(accuracies).toFixed(3)}–${maxOf(accuracies).toFixed(3)})`);
  }
  const row = `| ${setup.name} | ${cells.join(' | ')} |`;
  console.log(row);
  tables.schedules.push(row);
}

async function main(): Promise<void> {
  const backend = await initBackend('auto');
  console.log(`backend: ${backend.reason}`);
  console.log(`${RANGE_TESTS} range tests per setup; one-cycle training seeds ${SEEDS.join(', ')}; divFactor ${DIV_FACTOR}`);
  const tables: Tables = { picks: [], schedules: [], controls: [], shortfalls: new Map() };
  for (const setup of chosenSetups()) {
    console.log(`\n## ${setup.name}`);
    const data = await setup.data();
    const found: LrFinderResult[] = [];
    for (let k = 1; k <= RANGE_TESTS; k++) found.push(await recommendation(setup, data, k));
    if (setup.control) {
      const answered = found.filter((f) => f.bounds !== null).length;
      tables.controls.push(`| ${setup.name} | ${answered === 0 ? `no bounds on all ${RANGE_TESTS}` : `bounds on ${answered} of ${RANGE_TESTS}`} |`);
    } else {
      await scorePicks(setup, data, found, tables);
      await scoreSchedules(setup, data, found, tables);
    }
    data.dispose();
  }
  const tests = Array.from({ length: RANGE_TESTS }, (_, i) => i + 1).join(' · ');
  console.log(`\n| setup | method | max lr (range test ${tests}) | val acc (mean) | shortfall (mean) | worst |\n|---|---|---|---|---|---|\n${tables.picks.join('\n')}`);
  console.log(`\nover all setups and range tests:\n${overall(tables.shortfalls).join('\n')}`);
  console.log(`\nschedules at lrfind's bounds (range test k trained with seed k; mean, min–max):\n| setup | ${SCHEDULES.join(' | ')} |\n|---|${SCHEDULES.map(() => '---').join('|')}|\n${tables.schedules.join('\n')}`);
  console.log(`\ncontrols (the right answer is no bounds):\n| setup | lrfind |\n|---|---|\n${tables.controls.join('\n')}`);
}

await main();
