// webgpu rows for backend.bench.ts, where an adapter exists (not a bench file itself): ms/step and
// the first, shader-compiling step. A software adapter (lavapipe from scripts/install-lavapipe.sh,
// used when nothing else points Vulkan elsewhere) is labelled as such: it says nothing about GPUs.
import * as tf from '@tensorflow/tfjs';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { initBackend } from '../../src/index.js';
import { buildModel, type ModelName } from '../../src/models/index.js';

export interface BenchNet { label: string; model: ModelName; inputShape: number[] }

const LAVAPIPE_ICD = join(process.env['LRFIND_LAVAPIPE_DIR'] ?? '/opt/lrfind/lavapipe', 'lvp_icd.json');

/** Before Dawn loads: lavapipe if installed and nothing else is set; a fresh Mesa shader cache, so the first step is really cold. */
function pointVulkan(): void {
  if (process.env['VK_ICD_FILENAMES'] === undefined && existsSync(LAVAPIPE_ICD)) process.env['VK_ICD_FILENAMES'] = LAVAPIPE_ICD;
  process.env['MESA_SHADER_CACHE_DIR'] ??= mkdtempSync(join(tmpdir(), 'lrfind-bench-mesa-'));
}

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

/** Prints a table of webgpu ms/step for `nets`, or one line saying why there is none. */
export async function webgpuRows(nets: BenchNet[], batch: number, steps: number): Promise<void> {
  pointVulkan();
  const info = await initBackend('webgpu', { allowSoftwareAdapter: true }).catch((error: Error) => error);
  if (info instanceof Error) {
    console.log(`\nwebgpu: not measured (${info.message})`);
    return;
  }
  const label = info.adapter?.software ? `webgpu, SOFTWARE adapter (${info.adapter.text}): not a GPU figure` : `webgpu on ${info.adapter?.text ?? 'an adapter'}`;
  console.log(`\n${label}`);
  console.log('| model | steps | first step (compiles shaders) ms | second step ms | median ms/step | min ms/step |');
  console.log('|---|---|---|---|---|---|');
  for (const net of nets) {
    const model = buildModel(net.model, { inputShape: net.inputShape, numClasses: 10, seed: 0 });
    model.compile({ optimizer: tf.train.sgd(0.01), loss: 'categoricalCrossentropy' });
    const { xs, ys } = tf.tidy(() => ({
      xs: tf.randomUniform([batch, ...net.inputShape], 0, 1, 'float32', 1),
      ys: tf.oneHot(tf.randomUniform([batch], 0, 10, 'int32', 2), 10).toFloat(),
    }));
    const times: number[] = [];
    for (let i = 0; i < steps + 2; i++) {
      const started = performance.now();
      await model.trainOnBatch(xs, ys); // awaits the loss, so the GPU work is done
      times.push(performance.now() - started);
    }
    const timed = times.slice(2);
    console.log(`| ${net.label} | ${steps} | ${times[0]!.toFixed(0)} | ${times[1]!.toFixed(0)} | ${median(timed).toFixed(1)} | ${Math.min(...timed).toFixed(1)} |`);
    tf.dispose([xs, ys]);
    model.optimizer.dispose();
    model.dispose();
  }
}
