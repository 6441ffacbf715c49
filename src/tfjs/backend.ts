// Node's initBackend: picks the fastest tfjs backend that can train: native TensorFlow
// (tfjs-node-gpu, tfjs-node) when installed, else webgpu on a hardware GPU, else wasm with lrfind's
// training kernels, else the pure-JS cpu backend. The backend packages load only when asked for:
// importing this changes nothing.
import * as tf from '@tensorflow/tfjs';
import { BACKEND_CHOICES } from './backend-choices.js';
import { checkChoice, checkNoTensorsToMove, engineState, EnvironmentError, type BackendChoice, type BackendInfo } from './backend-types.js';
import { registerWasmTrainingKernels } from './kernels/import-wasm.js';
import { withoutNewProcessHandlers } from './process-handlers.js';
import { allowSoftwareAdapter, tryWebGpu } from './webgpu/choose.js';

export { BACKEND_CHOICES } from './backend-choices.js';
export { EnvironmentError, type BackendChoice, type BackendInfo } from './backend-types.js';

/** The most threads tfjs's wasm C++ accepts (kept here so that reading it loads no wasm). */
const MAX_WASM_THREADS = 8;

const wasmThreadsModule = () => import('./kernels/wasm-threads.js');

/** Options of `initBackend`. */
export interface BackendOptions {
  /**
   * Threads for wasm's matrix kernels (XNNPACK), 1–8, or 'auto': one per core (up to 8) only where
   * a probe model measured that clearly faster than one thread, else 1 (see wasm-thread-choice.ts);
   * overridden by the LRFIND_WASM_THREADS environment variable. More than 1 starts
   * tfjs's threaded SIMD build through lrfind's own loader (stock tfjs runs one thread under Node);
   * results are bitwise the same. Set it before making wasm tensors: switching disposes them.
   * @default 'auto'
   */
  wasmThreads?: number | 'auto';
  /**
   * webgpu only: train on a software adapter (lavapipe, SwiftShader) when asked for 'webgpu'
   * explicitly; overridden by LRFIND_WEBGPU_ALLOW_SOFTWARE=1. `auto` never picks one.
   * @default false
   */
  allowSoftwareAdapter?: boolean;
}

const NATIVE_PACKAGES = ['@tensorflow/tfjs-node-gpu', '@tensorflow/tfjs-node'] as const;

const cache = new Map<string, BackendInfo>();

const firstLine = (error: unknown): string => String((error as Error)?.message ?? error).split('\n')[0] ?? '';

/** Whether `error` says that the package `name` itself is missing (not one of its own imports). */
function notInstalled(error: unknown, name: string): boolean {
  const { code } = error as { code?: string };
  const line = firstLine(error);
  // Node says so with a code; bundlers' and test runners' resolvers ("Could not resolve …") without one.
  const missing = code === 'ERR_MODULE_NOT_FOUND' || code === 'MODULE_NOT_FOUND' || /could not resolve|cannot find (package|module)/i.test(line);
  return missing && line.includes(name);
}

/** Imports a native package; returns null on success, else why not ("not installed" or the load error). */
async function loadNative(name: string): Promise<string | null> {
  try {
    // A variable specifier: these optional peers have no types here and may be absent.
    const specifier: string = name;
    await import(specifier);
    return null;
  } catch (error) {
    return notInstalled(error, name) ? 'not installed' : `failed to load (${firstLine(error)})`;
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

/** Starts the registered 'wasm' backend; returns why it did not start, or null. */
async function startWasm(): Promise<string | null> {
  try {
    return (await tf.setBackend('wasm')) ? null : 'it did not start';
  } catch (error) {
    return String((error as Error).message ?? error);
  }
}

async function tryWasm(tried: string[], asked: number | 'auto'): Promise<BackendInfo | null> {
  let trainingKernels: string[];
  try {
    trainingKernels = await registerWasmTrainingKernels();
  } catch (error) {
    tried.push(`tfjs-backend-wasm ${notInstalled(error, '@tensorflow/tfjs-backend-wasm') ? 'not installed' : `failed to load (${firstLine(error)})`}`);
    return null;
  }
  // 'auto': measured once per process, so that it is never slower than one thread.
  const choice = asked === 'auto' ? await (await import('./wasm-thread-choice.js')).chooseWasmThreads() : { threads: asked, why: 'asked for' };
  const wanted = choice.threads;
  const { registerThreadedWasm, restoreStockWasm, wasmThreads } = await wasmThreadsModule();
  if (wanted !== wasmThreads()) {
    if (wanted === 1) restoreStockWasm();
    else registerThreadedWasm(wanted);
  }
  let failure = await startWasm();
  if (failure !== null && wanted > 1) {
    tried.push(`threaded wasm failed (${failure}), so 1 thread`);
    restoreStockWasm();
    failure = await startWasm();
  }
  if (failure !== null) {
    tried.push(`wasm failed (${failure})`);
    return null;
  }
  const simd = Boolean(await tf.env().getAsync('WASM_HAS_SIMD_SUPPORT'));
  const { getThreadsCount } = await import('@tensorflow/tfjs-backend-wasm');
  const threads = getThreadsCount();
  const build = `${simd ? 'SIMD' : 'no SIMD'}, ${threads} thread${threads === 1 ? '' : 's'}${asked === 'auto' ? `: ${choice.why}` : ''}`;
  return {
    backend: 'wasm',
    reason: [...tried, `using wasm with lrfind's training kernels (${build})`].join('; '),
    package: '@tensorflow/tfjs-backend-wasm',
    trainingKernels,
    simd,
    threads,
    threadsWhy: threads === wanted ? choice.why : 'the threaded build failed',
  };
}

async function useCpu(tried: string[]): Promise<BackendInfo> {
  await tf.setBackend('cpu');
  return { backend: 'cpu', reason: [...tried, 'using the cpu backend (pure JS: slow for conv nets)'].join('; '), package: '@tensorflow/tfjs-backend-cpu', trainingKernels: [] };
}

async function select(choice: BackendChoice, threads: number | 'auto', allowSoftware: boolean): Promise<BackendInfo> {
  const tried: string[] = [];
  switch (choice) {
    case 'webgpu': {
      const webgpu = await tryWebGpu(tried, allowSoftware);
      if (webgpu === null) throw new Error(`backend 'webgpu' could not start: ${tried.join('; ')}`);
      return webgpu;
    }
    case 'cpu':
      return useCpu(['cpu requested']);
    case 'wasm': {
      const wasm = await tryWasm(tried, threads);
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
      return (await tryNative(tried)) ?? (await tryWebGpu(tried, false, true)) ?? (await tryWasm(tried, threads)) ?? useCpu(tried);
    default:
      throw new RangeError(`backend ${choice} is not available in Node`);
  }
}

/** 'auto' → LRFIND_WASM_THREADS when set, else 'auto' (measured when wasm starts). */
function resolveThreads(wanted: number | 'auto'): number | 'auto' {
  if (wanted !== 'auto') return wanted;
  const fromEnv = process.env['LRFIND_WASM_THREADS'];
  if (fromEnv !== undefined && fromEnv !== '') {
    const threads = Number(fromEnv);
    if (!Number.isInteger(threads) || threads < 1 || threads > MAX_WASM_THREADS) {
      throw new EnvironmentError(`LRFIND_WASM_THREADS must be an integer in [1, ${MAX_WASM_THREADS}], got ${fromEnv}`);
    }
    return threads;
  }
  return 'auto';
}

/**
 * Selects and starts the backend lrfind trains on. `auto` tries @tensorflow/tfjs-node-gpu, then
 * @tensorflow/tfjs-node (both optional dependencies), then webgpu on a hardware adapter (optional
 * peers `webgpu` and `@tensorflow/tfjs-backend-webgpu`), then wasm with lrfind's training kernels,
 * then cpu. `tensorflow` means either native package and throws when neither loads. Calling it
 * again with the same arguments is cheap and returns the same answer while that backend is active.
 * @example
 * const { backend, reason } = await initBackend(); // 'wasm', 'tfjs-node-gpu not installed; …'
 */
export async function initBackend(choice: BackendChoice = 'auto', options: BackendOptions = {}): Promise<BackendInfo> {
  checkChoice(choice, BACKEND_CHOICES, 'in Node');
  const threads = resolveThreads(options.wasmThreads ?? 'auto');
  if (threads !== 'auto' && (!Number.isInteger(threads) || threads < 1 || threads > MAX_WASM_THREADS)) {
    throw new RangeError(`wasmThreads must be an integer in [1, ${MAX_WASM_THREADS}], got ${threads}`);
  }
  const allowSoftware = allowSoftwareAdapter(options.allowSoftwareAdapter);
  const key = `${choice}/${threads}/${allowSoftware}`;
  const known = cache.get(key);
  const stillActive = known !== undefined && tf.getBackend() === known.backend && (known.backend !== 'wasm' || known.threads === (await wasmThreadsModule()).wasmThreads());
  if (stillActive) return known;
  const { numTensors, active } = engineState(tf.engine());
  checkNoTensorsToMove(choice === 'auto' ? null : choice, numTensors, active);
  // Starting wasm (stock, threaded, or the thread probe) runs Emscripten's glue: keep its process handlers out.
  const info = await withoutNewProcessHandlers(async () => {
    const selected = await select(choice, threads, allowSoftware);
    await tf.ready();
    return selected;
  });
  cache.set(key, info);
  return info;
}
