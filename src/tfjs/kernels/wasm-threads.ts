// Opt-in multi-threaded wasm under Node. tfjs-backend-wasm ships a threaded SIMD build but never
// loads it under Node: its thread check returns false for Node, its loader hands Emscripten blob:
// URLs that Node's worker_threads cannot start, and its C++ caps XNNPACK's pool at half the logical
// cores (1 on a 2-vCPU machine). This module starts that build itself: the pthread worker script is
// written to a file, the wasm is instantiated here so that the core count it sees can be set, and
// the worker threads are unref'd so that they never keep a finished process alive. Results are
// bitwise identical to one thread (XNNPACK splits work by output tiles). See docs/backend.md.
import * as tf from '@tensorflow/tfjs';
import { BackendWasm, setThreadsCount } from '@tensorflow/tfjs-backend-wasm';
import { readFileSync, renameSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { withoutNewProcessHandlers } from '../process-handlers.js';

/** The most threads tfjs's C++ accepts (it pre-spawns this many pthread workers). */
export const MAX_WASM_THREADS = 8;

interface EmscriptenWorker { unref(): void }
interface ThreadedModule {
  cwrap(name: string, ret: string | null, args: string[]): (...a: number[]) => number;
  PThread: { runningWorkers: EmscriptenWorker[]; unusedWorkers: EmscriptenWorker[] };
  tfjs?: unknown;
}
type Factory = (config: Record<string, unknown>) => Promise<ThreadedModule>;
type Receive = (instance: WebAssembly.Instance, module: WebAssembly.Module) => void;

/** Threads of the registered 'wasm' backend factory: 1 for the stock one. */
let registered = 1;
let stockFactory: ReturnType<typeof tf.findBackendFactory> | null = null;

/** The threads the registered 'wasm' backend runs (1 unless `registerThreadedWasm` replaced it). */
export function wasmThreads(): number {
  return registered;
}

function packageFiles(): { factory: string; worker: string; wasm: string; version: string } {
  const require = createRequire(import.meta.url);
  const root = dirname(require.resolve('@tensorflow/tfjs-backend-wasm/package.json'));
  const { version } = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { version: string };
  return {
    factory: join(root, 'wasm-out', 'tfjs-backend-wasm-threaded-simd.js'),
    worker: join(root, 'wasm-out', 'tfjs-backend-wasm-threaded-simd.worker.js'),
    wasm: join(root, 'dist', 'tfjs-backend-wasm-threaded-simd.wasm'),
    version,
  };
}

/** Writes Emscripten's pthread worker script (shipped as a JS string) to a file Node can start. */
function writeWorkerScript(source: string, version: string): string {
  const require = createRequire(import.meta.url);
  const { wasmWorkerContents } = require(source) as { wasmWorkerContents: string };
  const file = join(tmpdir(), `lrfind-tfjs-wasm-${version}-pthread.cjs`);
  const temp = `${file}.${process.pid}`;
  // tfjs escapes newlines the same way before making its Blob: they sit inside string literals.
  writeFileSync(temp, wasmWorkerContents.replace(/\n/g, '\\n'));
  renameSync(temp, file); // atomic, so concurrent processes never read half a file
  return file;
}

async function createModule(threads: number): Promise<ThreadedModule> {
  return withoutNewProcessHandlers(() => loadModule(threads));
}

async function loadModule(threads: number): Promise<ThreadedModule> {
  const files = packageFiles();
  const workerScript = writeWorkerScript(files.worker, files.version);
  const require = createRequire(import.meta.url);
  const factory = require(files.factory) as Factory;
  const bytes = readFileSync(files.wasm);
  const globals = globalThis as { Worker?: unknown };
  const hadWorker = 'Worker' in globals;
  const previousWorker = globals.Worker;
  const module = await factory({
    locateFile: (path: string, prefix: string) =>
      path.endsWith('.worker.js') ? workerScript : path.endsWith('.wasm') ? files.wasm : prefix + path,
    // The worker re-evaluates the factory script from this path (tfjs passes a Blob, which Node cannot read).
    mainScriptUrlOrBlob: files.factory,
    instantiateWasm: (imports: { env: Record<string, unknown> }, receive: Receive) => {
      // The C++ sizes its pool as min(requested, cores / 2): report enough cores for `threads`.
      imports.env['emscripten_num_logical_cores'] = () => 2 * threads;
      void WebAssembly.compile(bytes).then(async (compiled) => receive(await WebAssembly.instantiate(compiled, imports as WebAssembly.Imports), compiled));
      return {};
    },
  });
  // Emscripten sets a global Worker for Node; every worker it needs already exists, so put it back.
  if (hadWorker) globals.Worker = previousWorker;
  else delete globals.Worker;
  for (const worker of [...module.PThread.runningWorkers, ...module.PThread.unusedWorkers]) worker.unref();
  module.tfjs = {
    init: module.cwrap('init', null, []),
    initWithThreadsCount: module.cwrap('init_with_threads_count', null, ['number']),
    getThreadsCount: module.cwrap('get_threads_count', 'number', []),
    registerTensor: module.cwrap('register_tensor', null, ['number', 'number', 'number']),
    disposeData: module.cwrap('dispose_data', null, ['number']),
    dispose: module.cwrap('dispose', null, []),
  };
  return module;
}

/**
 * Replaces the 'wasm' backend with the threaded SIMD build running `threads` XNNPACK threads
 * (2 ≤ threads ≤ 8). Any live wasm backend is disposed, with its tensors: call this before making
 * wasm tensors. The backend starts on the next `tf.setBackend('wasm')`.
 */
export function registerThreadedWasm(threads: number): void {
  if (!Number.isInteger(threads) || threads < 2 || threads > MAX_WASM_THREADS) {
    throw new RangeError(`threads must be an integer in [2, ${MAX_WASM_THREADS}], got ${threads}`);
  }
  const current = tf.findBackendFactory('wasm');
  if (registered === 1) stockFactory = current;
  if (current !== null) tf.removeBackend('wasm');
  registered = threads;
  tf.registerBackend('wasm', async () => {
    const module = await createModule(threads);
    setThreadsCount(threads);
    const backend = new BackendWasm(module as unknown as ConstructorParameters<typeof BackendWasm>[0]);
    // Pool threads are pthreads started by the line above: unref them too.
    for (const worker of module.PThread.runningWorkers) worker.unref();
    return backend;
  }, 2);
}

/** Puts tfjs's own single-threaded 'wasm' backend back (disposing a live threaded one). */
export function restoreStockWasm(): void {
  if (registered === 1 || stockFactory === null) return;
  tf.removeBackend('wasm');
  tf.registerBackend('wasm', stockFactory, 2);
  registered = 1;
}
