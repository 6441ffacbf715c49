// Runs the same computation on the cpu and wasm backends and compares (not a test file itself).
import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';
import { seededRandom } from '../../../src/random.js';
import { registerWasmTrainingKernels } from '../../../src/tfjs/kernels/import-wasm.js';

// Test mode: the engine checks every kernel for leaked backend buffers (and the cpu backend stops
// printing its "install tfjs-node" banner).
tf.env().set('IS_TEST', true);

/** Seeded values in [-1, 1), optionally rounded to a few levels so that pooling windows hold ties. */
export function randomValues(size: number, seed: number, levels?: number): Float32Array {
  const random = seededRandom(seed);
  const values = new Float32Array(size);
  for (let i = 0; i < size; i++) {
    const v = random() * 2 - 1;
    values[i] = levels === undefined ? v : Math.round(v * levels) / levels;
  }
  return values;
}

/** Runs `build` (which must create its tensors on the current backend) on `backend`; returns every output's values. */
export async function runOn(backend: 'cpu' | 'wasm', build: () => tf.Tensor | tf.Tensor[]): Promise<Float32Array[]> {
  if (backend === 'wasm') await registerWasmTrainingKernels();
  await tf.setBackend(backend);
  return tf.tidy(() => {
    const out = build();
    return (Array.isArray(out) ? out : [out]).map((t) => Float32Array.from(t.dataSync() as ArrayLike<number>));
  });
}

/** max |a − b| / max |b|: relative to the reference's scale, so near-zero entries do not blow it up. */
export function relativeError(actual: Float32Array, expected: Float32Array): number {
  if (actual.length !== expected.length) return Infinity;
  let diff = 0;
  let scale = 0;
  for (let i = 0; i < expected.length; i++) {
    if (Number.isNaN(actual[i]!) !== Number.isNaN(expected[i]!)) return Infinity;
    diff = Math.max(diff, Math.abs(actual[i]! - expected[i]!));
    scale = Math.max(scale, Math.abs(expected[i]!));
  }
  return scale === 0 ? diff : diff / scale;
}

/** Runs `build` on cpu and on wasm and returns the worst relative error over its outputs. */
export async function cpuVsWasm(build: () => tf.Tensor | tf.Tensor[]): Promise<number> {
  const cpu = await runOn('cpu', build);
  const wasm = await runOn('wasm', build);
  if (cpu.length !== wasm.length) return Infinity;
  return Math.max(...cpu.map((expected, i) => relativeError(wasm[i]!, expected)));
}

/** Calls a kernel by name with tensors built from plain values on the current backend. */
export function kernel(name: string, inputs: Record<string, tf.Tensor>, attrs: Record<string, unknown>): tf.Tensor {
  return tf.engine().runKernel(name, inputs as tf.NamedTensorMap, attrs as tf.NamedAttrMap) as tf.Tensor;
}
