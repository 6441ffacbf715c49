// What wasmThreads 'auto' chooses, idle and with one core held by a spinning child process, and
// what that choice costs against one thread, as ratios measured in one run: for the small CNN and
// the VGG-style net, ms/step on the stock build (1 thread) and on the threaded build (one thread
// per core), then the choice `measureWasmThreads` makes (its load gate on, and off: what its probe
// alone says). `npm run bench -- wasm-threads`; `--quick` skips the VGG-style net.
import * as tf from '@tensorflow/tfjs';
import { fork, type ChildProcess } from 'node:child_process';
import { availableParallelism, loadavg } from 'node:os';
import { buildModel, type ModelName } from '../../src/models/index.js';
import { registerWasmTrainingKernels } from '../../src/tfjs/kernels/import-wasm.js';
import { registerThreadedWasm, restoreStockWasm } from '../../src/tfjs/kernels/wasm-threads.js';
import { measureWasmThreads } from '../../src/tfjs/wasm-thread-choice.js';

const quick = process.argv.includes('--quick');
const BATCH = 64;
const N = Math.min(8, availableParallelism());
interface Net { label: string; model: ModelName; inputShape: number[]; steps: number }
const NETS: Net[] = [
  { label: 'small CNN', model: 'cnn', inputShape: [28, 28, 1], steps: 15 },
  ...(quick ? [] : [{ label: 'VGG-style', model: 'vgg-mini' as ModelName, inputShape: [32, 32, 3], steps: 5 }]),
];
const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

async function msPerStep(net: Net, threads: number): Promise<number> {
  if (threads === 1) restoreStockWasm();
  else registerThreadedWasm(threads);
  await tf.setBackend('wasm');
  const model = buildModel(net.model, { inputShape: net.inputShape, numClasses: 10, seed: 0 });
  model.compile({ optimizer: tf.train.sgd(0.01), loss: 'categoricalCrossentropy' });
  const { xs, ys } = tf.tidy(() => ({
    xs: tf.randomUniform([BATCH, ...net.inputShape], 0, 1, 'float32', 1),
    ys: tf.oneHot(tf.randomUniform([BATCH], 0, 10, 'int32', 2), 10).toFloat(),
  }));
  for (let i = 0; i < 2; i++) await model.trainOnBatch(xs, ys);
  const times: number[] = [];
  for (let i = 0; i < net.steps; i++) {
    const started = performance.now();
    await model.trainOnBatch(xs, ys);
    times.push(performance.now() - started);
  }
  tf.dispose([xs, ys]);
  model.optimizer.dispose();
  model.dispose();
  return median(times);
}

/** A child process that keeps one core busy until killed. */
function spinner(): ChildProcess {
  return fork('-e', ['for (;;) {}'], { execArgv: [], stdio: 'ignore' });
}

async function condition(name: string): Promise<void> {
  const gated = await measureWasmThreads();
  const probe = await measureWasmThreads({ loadGate: false });
  for (const net of NETS) {
    // Alternate the builds twice so that a change of load mid-run hits both.
    const one: number[] = [];
    const many: number[] = [];
    for (let round = 0; round < 2; round++) {
      one.push(await msPerStep(net, 1));
      many.push(await msPerStep(net, N));
    }
    const oneMs = Math.min(...one);
    const manyMs = Math.min(...many);
    const cost = (threads: number) => ((threads === 1 ? oneMs : manyMs) / oneMs).toFixed(2);
    console.log(`| ${name} | ${(loadavg()[0] ?? 0).toFixed(1)} | ${net.label} | ${oneMs.toFixed(1)} | ${manyMs.toFixed(1)} | ${(manyMs / oneMs).toFixed(2)} | ${gated.threads} (${cost(gated.threads)}) | ${probe.threads} (${cost(probe.threads)}) |`);
  }
  console.log(`|   | | auto's reasons: gated "${gated.why}"; probe only "${probe.why}" | | | | | |`);
}

async function main(): Promise<void> {
  registerWasmTrainingKernels();
  console.log(`wasm threads: stock build (1 thread) against the threaded build (${N} threads), batch ${BATCH}, SGD, best of two medians;`);
  console.log(`auto's choice (its cost: chosen ms / 1-thread ms, ≤ 1 means never slower), with its load gate and with the probe alone\n`);
  console.log(`| condition | load avg | model | 1 thread ms | ${N} threads ms | ${N}/1 | auto (gated) | auto (probe only) |`);
  console.log('|---|---|---|---|---|---|---|---|');
  await condition('idle');
  const child = spinner();
  try {
    await new Promise((resolve) => setTimeout(resolve, 1000));
    await condition('one core busy');
  } finally {
    child.kill('SIGKILL');
  }
  restoreStockWasm();
}

await main();
