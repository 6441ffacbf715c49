// Picks the fastest tfjs backend that can train: native TensorFlow (tfjs-node-gpu, tfjs-node) when
// installed, else wasm with lrfind's training kernels, else the pure-JS cpu backend.
import * as tf from '@tensorflow/tfjs';
import { registerWasmTrainingKernels } from './kernels/register.js';

export type BackendChoice = 'auto' | 'tensorflow' | 'wasm' | 'cpu';
export const BACKEND_CHOICES: readonly BackendChoice[] = ['auto', 'tensorflow', 'wasm', 'cpu'];

/** What `initBackend` set up. */
export interface BackendInfo {
  /** The active tfjs backend: 'tensorflow', 'wasm' or 'cpu'. */
  backend: string;
  /** One line saying why, including what was tried first (e.g. "tfjs-node not installed"). */
  reason: string;
  /** The npm package providing the backend ('@tensorflow/tfjs-node', '@tensorflow/tfjs-backend-wasm', …). */
  package: string;
  /** Kernels lrfind registered so that the backend can train (wasm only, else empty). */
  trainingKernels: string[];
  /** wasm only: whether the SIMD build runs. */
  simd?: boolean;
  /** wasm only: the threads XNNPACK uses (1 under Node; see docs/backend.md). */
  threads?: number;
}

const NATIVE_PACKAGES = ['@tensorflow/tfjs-node-gpu', '@tensorflow/tfjs-node'] as const;

const cache = new Map<BackendChoice, BackendInfo>();

/** Imports a native package; returns null on success, else why not ("not installed" or the load error). */
async function loadNative(name: string): Promise<string | null> {
  try {
    // A variable specifier: these optional packages have no types here and may be absent.
    const specifier: string = name;
    await import(specifier);
    return null;
  } catch (error) {
    const { code, message } = error as { code?: string; message?: string };
    const text = String(message ?? error);
    if ((code === 'ERR_MODULE_NOT_FOUND' || code === 'MODULE_NOT_FOUND') && text.includes(name)) return 'not installed';
    return `failed to load (${text.split('\n')[0]})`;
  }
}

async function tryNative(tried: string[]): Promise<BackendInfo | null> {
  for (const name of NATIVE_PACKAGES) {
    const short = name.replace('@tensorflow/', '');
    const failure = await loadNative(name);
    if (failure !== null) {
      tried.push(`${short} ${failure}`);
      continue;
    }
    if (await tf.setBackend('tensorflow').catch(() => false)) {
      return { backend: 'tensorflow', reason: [...tried, `using ${short}`].join('; '), package: name, trainingKernels: [] };
    }
    tried.push(`${short} loaded but its 'tensorflow' backend did not start (a second copy of @tensorflow/tfjs-core?)`);
  }
  return null;
}

async function tryWasm(tried: string[]): Promise<BackendInfo | null> {
  const trainingKernels = registerWasmTrainingKernels();
  try {
    if (!(await tf.setBackend('wasm'))) {
      tried.push('wasm did not start');
      return null;
    }
  } catch (error) {
    tried.push(`wasm failed (${String((error as Error).message ?? error)})`);
    return null;
  }
  const simd = Boolean(await tf.env().getAsync('WASM_HAS_SIMD_SUPPORT'));
  const { getThreadsCount } = await import('@tensorflow/tfjs-backend-wasm');
  const threads = getThreadsCount();
  const build = `${simd ? 'SIMD' : 'no SIMD'}, ${threads} thread${threads === 1 ? '' : 's'}`;
  return {
    backend: 'wasm',
    reason: [...tried, `using wasm with lrfind's training kernels (${build})`].join('; '),
    package: '@tensorflow/tfjs-backend-wasm',
    trainingKernels,
    simd,
    threads,
  };
}

async function useCpu(tried: string[]): Promise<BackendInfo> {
  await tf.setBackend('cpu');
  return { backend: 'cpu', reason: [...tried, 'using the cpu backend (pure JS: slow for conv nets)'].join('; '), package: '@tensorflow/tfjs-backend-cpu', trainingKernels: [] };
}

async function select(choice: BackendChoice): Promise<BackendInfo> {
  const tried: string[] = [];
  switch (choice) {
    case 'cpu':
      return useCpu(['cpu requested']);
    case 'wasm': {
      const wasm = await tryWasm(tried);
      if (wasm === null) throw new Error(`backend 'wasm' could not start: ${tried.join('; ')}`);
      return wasm;
    }
    case 'tensorflow': {
      const native = await tryNative(tried);
      if (native === null) {
        throw new Error(`backend 'tensorflow' needs @tensorflow/tfjs-node or @tensorflow/tfjs-node-gpu: ${tried.join('; ')}`);
      }
      return native;
    }
    case 'auto':
      return (await tryNative(tried)) ?? (await tryWasm(tried)) ?? useCpu(tried);
  }
}

/**
 * Selects and starts the backend lrfind trains on. `auto` tries @tensorflow/tfjs-node-gpu, then
 * @tensorflow/tfjs-node (both optional dependencies), then wasm with lrfind's training kernels,
 * then cpu. `tensorflow` means either native package and throws when neither loads. Calling it
 * again with the same choice is cheap and returns the same answer while that backend is active.
 * @example
 * const { backend, reason } = await initBackend(); // 'wasm', 'tfjs-node-gpu not installed; …'
 */
export async function initBackend(choice: BackendChoice = 'auto'): Promise<BackendInfo> {
  if (!BACKEND_CHOICES.includes(choice)) {
    throw new RangeError(`backend must be one of ${BACKEND_CHOICES.join(', ')}, got ${String(choice)}`);
  }
  const known = cache.get(choice);
  if (known !== undefined && tf.getBackend() === known.backend) return known;
  const info = await select(choice);
  await tf.ready();
  cache.set(choice, info);
  return info;
}
