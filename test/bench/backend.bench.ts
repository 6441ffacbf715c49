// Training speed of the default backend (wasm + lrfind's kernels here): ms per trainOnBatch step,
// batch 64, SGD, for the small CNN and the VGG-style net, with stock cpu beside it for the CNN; a
// 100-step range test of the VGG-style net; and where each VGG step's time goes, kernel by kernel.
// Options: --quick (fewer steps, no cpu, no range test), --no-cpu, --no-range-test, --profile-only,
// --threads=N (wasm with N XNNPACK threads instead of the default, one per core; the process must
// still exit on its own). With several threads, one-thread rows are measured beside them.
// Then webgpu where an adapter exists (lavapipe is labelled software; webgpu-rows.ts): --no-webgpu
// skips it, --webgpu-only runs nothing else.
import * as tf from '@tensorflow/tfjs';
import { findLearningRate, initBackend } from '../../src/node.js';
import { buildModel, type ModelName } from '../../src/models/index.js';
import { webgpuRows } from './webgpu-rows.js';

const BATCH = 64;
const args = new Set(process.argv.slice(2));
const quick = args.has('--quick');
const threadsArg = [...args].find((a) => a.startsWith('--threads='));
const wasmThreads = threadsArg === undefined ? 'auto' : Number(threadsArg.slice('--threads='.length));

interface Net { label: string; model: ModelName; inputShape: number[] }
const CNN: Net = { label: 'small CNN (28×28×1)', model: 'cnn', inputShape: [28, 28, 1] };
const VGG: Net = { label: 'VGG-style (32×32×3)', model: 'vgg-mini', inputShape: [32, 32, 3] };

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

function batch(net: Net): { xs: tf.Tensor; ys: tf.Tensor } {
  return tf.tidy(() => ({
    xs: tf.randomUniform([BATCH, ...net.inputShape], 0, 1, 'float32', 1),
    ys: tf.oneHot(tf.randomUniform([BATCH], 0, 10, 'int32', 2), 10).cast('float32'),
  }));
}

function compiled(net: Net): tf.LayersModel {
  const model = buildModel(net.model, { inputShape: net.inputShape, numClasses: 10, seed: 0 });
  model.compile({ optimizer: tf.train.sgd(0.01), loss: 'categoricalCrossentropy' });
  return model;
}

/** Median ms per trainOnBatch step after `warmup` untimed steps. */
async function msPerStep(net: Net, warmup: number, steps: number): Promise<{ median: number; min: number }> {
  const model = compiled(net);
  const data = batch(net);
  for (let i = 0; i < warmup; i++) await model.trainOnBatch(data.xs, data.ys);
  const times: number[] = [];
  for (let i = 0; i < steps; i++) {
    const started = performance.now();
    await model.trainOnBatch(data.xs, data.ys);
    times.push(performance.now() - started);
  }
  tf.dispose([data.xs, data.ys]);
  model.dispose();
  return { median: median(times), min: Math.min(...times) };
}

/**
 * Self time of every kernel over `steps` steps: wraps each registered kernel of the active backend
 * with a timer that leaves out the time of kernels it calls (tf.profile would count those twice).
 */
async function kernelProfile(net: Net, steps: number): Promise<Array<[string, number, number]>> {
  const backendName = tf.getBackend();
  const self = new Map<string, { ms: number; calls: number }>();
  const stack: number[] = [];
  const originals = tf.getKernelsForBackend(backendName);
  for (const config of originals) {
    tf.unregisterKernel(config.kernelName, backendName);
    tf.registerKernel({
      ...config,
      kernelFunc: (a) => {
        stack.push(0);
        const started = performance.now();
        const out = config.kernelFunc(a);
        const total = performance.now() - started;
        const inner = stack.pop()!;
        if (stack.length > 0) stack[stack.length - 1]! += total;
        const entry = self.get(config.kernelName) ?? { ms: 0, calls: 0 };
        entry.ms += total - inner;
        entry.calls += 1;
        self.set(config.kernelName, entry);
        return out;
      },
    });
  }
  const model = compiled(net);
  const data = batch(net);
  await model.trainOnBatch(data.xs, data.ys);
  self.clear();
  const started = performance.now();
  for (let i = 0; i < steps; i++) await model.trainOnBatch(data.xs, data.ys);
  const wall = (performance.now() - started) / steps;
  tf.dispose([data.xs, data.ys]);
  model.dispose();
  for (const config of originals) {
    tf.unregisterKernel(config.kernelName, backendName);
    tf.registerKernel(config);
  }
  const rows: Array<[string, number, number]> = [...self.entries()].map(([name, e]) => [name, e.ms / steps, e.calls / steps]);
  rows.sort((a, b) => b[1] - a[1]);
  const inKernels = rows.reduce((s, r) => s + r[1], 0);
  rows.push(['(outside kernels: engine, layers, optimizer JS)', wall - inKernels, 0]);
  rows.push(['= wall time per step', wall, 0]);
  return rows;
}

async function main(): Promise<void> {
  if (args.has('--webgpu-only')) return webgpuRows(quick ? [CNN] : [CNN, VGG], BATCH, quick ? 3 : 5);
  const info = await initBackend('auto', { wasmThreads });
  console.log(`default backend: ${info.backend} — ${info.reason}`);
  console.log(`batch ${BATCH}, SGD, trainOnBatch; medians (the machine is shared, so timings are noisy)\n`);
  if (!args.has('--profile-only')) {
    const steps = quick ? 5 : 15;
    const label = (threads: number | undefined): string => (info.backend === 'wasm' ? `wasm, ${threads} thread${threads === 1 ? '' : 's'}` : info.backend);
    console.log(`| model | backend | steps | median ms/step | min ms/step |`);
    console.log(`|---|---|---|---|---|`);
    for (const net of [CNN, VGG]) {
      const r = await msPerStep(net, 3, steps);
      console.log(`| ${net.label} | ${label(info.threads)} | ${steps} | ${r.median.toFixed(1)} | ${r.min.toFixed(1)} |`);
    }
    if (info.backend === 'wasm' && (info.threads ?? 1) > 1) {
      await initBackend('wasm', { wasmThreads: 1 });
      for (const net of [CNN, VGG]) {
        const r = await msPerStep(net, 3, steps);
        console.log(`| ${net.label} | ${label(1)} | ${steps} | ${r.median.toFixed(1)} | ${r.min.toFixed(1)} |`);
      }
      await initBackend('auto', { wasmThreads });
    }
    if (!quick && !args.has('--no-cpu')) {
      await tf.setBackend('cpu');
      const r = await msPerStep(CNN, 1, 3);
      console.log(`| ${CNN.label} | cpu (stock) | 3 | ${r.median.toFixed(1)} | ${r.min.toFixed(1)} |`);
      await initBackend('auto', { wasmThreads });
    }
    if (!quick && !args.has('--no-range-test')) {
      const model = compiled(VGG);
      const n = BATCH * 8;
      const data = tf.tidy(() => ({
        xs: tf.randomUniform([n, ...VGG.inputShape], 0, 1, 'float32', 3),
        ys: tf.oneHot(tf.randomUniform([n], 0, 10, 'int32', 4), 10).cast('float32'),
      }));
      const started = performance.now();
      await findLearningRate(model, data, { numIter: 100, batchSize: BATCH, startLr: 1e-5, endLr: 1, divergeThreshold: Infinity });
      const seconds = (performance.now() - started) / 1000;
      console.log(`\n100-step range test, ${VGG.label}, batch ${BATCH}, ${label(info.threads)}: ${seconds.toFixed(1)} s (goal < 60 s)`);
      tf.dispose([data.xs, data.ys]);
      model.dispose();
    }
  }
  const profileSteps = quick ? 3 : 8;
  for (const net of [CNN, VGG]) {
    console.log(`\nwhere a ${net.label} step goes on ${tf.getBackend()} (self time per step, mean of ${profileSteps} steps):`);
    console.log('| kernel | ms/step | calls/step |');
    console.log('|---|---|---|');
    for (const [name, ms, calls] of await kernelProfile(net, profileSteps)) {
      if (ms < 0.5 && calls > 0) continue;
      console.log(`| ${name} | ${ms.toFixed(1)} | ${calls > 0 ? calls.toFixed(0) : ''} |`);
    }
  }
  if (!args.has('--no-webgpu')) await webgpuRows(quick ? [CNN] : [CNN, VGG], BATCH, quick ? 3 : 5);
}

await main();
