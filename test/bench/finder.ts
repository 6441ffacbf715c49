// `npm run bench:finder`: what lrfind answers on every bench setup, without training anything
// else: per setup and seed, the bounds (or why none), what the finder escalated and what it cost.
// The quick check behind bench:suggest's goals: an answer on every learnable setup, none on the
// control.
import { initBackend, recommendLearningRate, type LrFinderResult } from '../../src/node.js';
import { boundsLine, escalationLines, noBoundsReason } from '../../src/present/words.js';
import { chosenSetups, type Setup } from './setups.js';
import type { Dataset } from '../../src/data/index.js';

const SEEDS = (process.env.LRFIND_BENCH_SEEDS ?? '1,2,3,4').split(',').map(Number);

/** lrfind's answer on `setup` with the model of `seed`, shuffled with seed - 1: as `lrfind find` runs it. */
export async function answer(setup: Setup, data: Dataset, seed: number): Promise<LrFinderResult> {
  const model = setup.model(data, seed);
  model.compile({ optimizer: setup.optimizer(), loss: 'categoricalCrossentropy', metrics: ['accuracy'] });
  try {
    // LRFIND_BENCH_ESCALATE=0: the planned sweep read as is (what lrfind answered before it escalated).
    const escalate = process.env.LRFIND_BENCH_ESCALATE !== '0';
    return await recommendLearningRate(model, data.train, { batchSize: setup.batchSize, seed: seed - 1, escalate });
  } finally {
    model.dispose();
  }
}

function describe(found: LrFinderResult): string {
  const steps = found.rangeTest.timing.steps + (found.confirmation?.probes.reduce((n, p) => n + p.losses.length, 0) ?? 0);
  const why = found.bounds === null ? ` — ${found.analysis === null ? 'no curve' : noBoundsReason(found.analysis.warnings)}` : '';
  const probes = process.env.LRFIND_BENCH_VERBOSE && found.confirmation
    ? `\n    probes (target ${found.confirmation.target.toPrecision(3)}): ${found.confirmation.probes.map((p) => `${p.lr.toPrecision(2)}→${p.endLoss.toPrecision(2)}${p.passed ? '✓' : '✗'}`).join(' ')}`
    : '';
  const escalated = escalationLines(found).map((line) => `\n    ${line}`).join('');
  return `${boundsLine(found)}${why} (${steps} steps)${escalated}${probes}`;
}

async function main(): Promise<void> {
  console.log(`backend: ${(await initBackend('auto')).reason}; seeds ${SEEDS.join(', ')}`);
  for (const setup of chosenSetups()) {
    console.log(`\n## ${setup.name}`);
    const data = await setup.data();
    for (const seed of SEEDS) {
      const started = performance.now();
      const found = await answer(setup, data, seed);
      console.log(`seed ${seed}: ${describe(found)} [${((performance.now() - started) / 1000).toFixed(1)} s]`);
    }
    data.dispose();
  }
}

if (process.argv[1]?.endsWith('finder.js')) await main();
