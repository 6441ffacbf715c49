// Runs the same computation on cpu and on webgpu and compares (not a test file itself). Reads
// with data(): webgpu cannot read synchronously under Node.
import * as tf from '@tensorflow/tfjs';
import { initBackend } from '../../../src/tfjs/backend.js';
import { relativeError } from '../kernels/compare.js';

/** Runs `build` (which must create its tensors on the current backend) on `backend`; returns every output's values. */
export async function runOn(backend: 'cpu' | 'webgpu', build: () => tf.Tensor | tf.Tensor[]): Promise<Float32Array[]> {
  if (backend === 'webgpu') await initBackend('webgpu', { allowSoftwareAdapter: true });
  else await tf.setBackend('cpu');
  const outputs = tf.tidy(() => {
    const out = build();
    return Array.isArray(out) ? out : [out];
  });
  const values: Float32Array[] = [];
  for (const t of outputs) values.push(Float32Array.from(await t.data()));
  tf.dispose(outputs);
  return values;
}

/** Runs `build` on cpu and on webgpu and returns the worst relative error over its outputs. */
export async function cpuVsWebGpu(build: () => tf.Tensor | tf.Tensor[]): Promise<number> {
  const cpu = await runOn('cpu', build);
  const webgpu = await runOn('webgpu', build);
  if (cpu.length !== webgpu.length) return Infinity;
  return Math.max(...cpu.map((expected, i) => relativeError(webgpu[i]!, expected)));
}
