// `npm run bench:bn`: does recomputing batch norm's running statistics at the end of a short
// one-cycle run help? For each setup with batch norm, per seed: lrfind's bounds, one-cycle training,
// then the validation accuracy with tfjs's running statistics (momentum 0.99) and again after
// `refreshBatchNorm` (one pass over the training set). Same weights, so the difference is the
// statistics alone.
import { mean } from '../../src/analysis/statistics.js';
import { initBackend } from '../../src/node.js';
import { refreshBatchNorm } from '../../src/train.js';
import { oneCycleFromBounds } from '../../src/schedules/from-bounds.js';
import { stepsPerEpoch } from '../../src/schedules/steps.js';
import { trainWithSchedule } from '../../src/study/train.js';
import { maxOf, minOf } from '../../src/numbers.js';
import { answer } from './finder.js';
import { ALL_SETUPS } from './setups.js';

const SEEDS = (process.env.LRFIND_BENCH_SEEDS ?? '1,2,3,4').split(',').map(Number);
const EPOCHS = (process.env.LRFIND_BENCH_EPOCHS ?? '3,8').split(',').map(Number);

async function main(): Promise<void> {
  console.log(`backend: ${(await initBackend('auto')).reason}; seeds ${SEEDS.join(', ')}; epochs ${EPOCHS.join(', ')}`);
  const rows = ['| setup | epochs | running statistics (tfjs) | recomputed | difference (mean, min–max) |', '|---|---|---|---|---|'];
  for (const setup of ALL_SETUPS.filter((s) => /bn/i.test(s.name))) {
    const data = await setup.data();
    for (const epochs of EPOCHS) {
      const [running, refreshed] = [[] as number[], [] as number[]];
      for (const seed of SEEDS) {
        const { bounds } = await answer(setup, data, seed);
        if (bounds === null) throw new Error(`${setup.name}: no bounds for seed ${seed}`);
        const model = setup.model(data, seed);
        model.compile({ optimizer: setup.optimizer(), loss: 'categoricalCrossentropy', metrics: ['accuracy'] });
        const cycle = oneCycleFromBounds(bounds, { epochs, stepsPerEpoch: stepsPerEpoch(data.train.size, setup.batchSize) });
        const history = await trainWithSchedule(model, data.train, data.validation, { epochs, batchSize: setup.batchSize, lr: cycle.lr, momentum: cycle.momentum, seed });
        running.push(history.at(-1)!.valAccuracy);
        await refreshBatchNorm(model, data.train.xs, { batchSize: setup.batchSize });
        const scores = model.evaluate(data.validation.xs, data.validation.ys, { batchSize: setup.batchSize }) as { dataSync(): Float32Array }[];
        refreshed.push(scores[1]!.dataSync()[0]!);
        model.dispose();
        console.log(`${setup.name}, ${epochs} epochs, seed ${seed}: max lr ${bounds.maxLr.toPrecision(3)}, ${running.at(-1)!.toFixed(4)} → ${refreshed.at(-1)!.toFixed(4)}`);
      }
      const gains = refreshed.map((r, i) => r - running[i]!);
      rows.push(`| ${setup.name} | ${epochs} | ${mean(running).toFixed(4)} | ${mean(refreshed).toFixed(4)} | ${mean(gains) >= 0 ? '+' : ''}${mean(gains).toFixed(4)} (${minOf(gains).toFixed(4)} – ${maxOf(gains).toFixed(4)}) |`);
    }
    data.dispose();
  }
  console.log(`\n${rows.join('\n')}`);
}

await main();
