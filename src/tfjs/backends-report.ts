// What each backend can do on this machine, and why: the library half of `lrfind backends`. It
// looks without starting a backend for training: packages are resolved (native ones imported),
// webgpu's adapter is requested and described, and wasm's thread count is the one 'auto' chooses
// (measured once per process; see wasm-thread-choice.ts).
import * as tf from '@tensorflow/tfjs';
import { createRequire } from 'node:module';
import type { BackendOptions } from './backend.js';
import { registerWasmTrainingKernels } from './kernels/import-wasm.js';
import { withoutNewProcessHandlers } from './process-handlers.js';
import type { WasmThreadChoice } from './wasm-thread-choice.js';
import type { AdapterDescription } from './webgpu/adapter.js';
import { allowSoftwareAdapter } from './webgpu/choose.js';
import { importFailure } from './webgpu/navigator-gpu.js';
import { findAdapter } from './webgpu/start.js';

export type BackendName = 'tensorflow' | 'webgpu' | 'wasm' | 'cpu';

/** One backend, as `probeBackends` found it. */
export interface BackendReport {
  name: BackendName;
  /** `initBackend(name)` would start it here, with the options given (a software webgpu adapter only when allowed). */
  usable: boolean;
  /** `auto` may pick it: usable, and for webgpu a hardware adapter. `auto` takes the first such in this list's order. */
  auto: boolean;
  /** The npm packages it needs, and whether each resolves from here. */
  packages: Array<{ name: string; installed: boolean }>;
  /** One line: why (not) usable. */
  why: string;
  /** webgpu: the adapter it would train on. */
  adapter?: AdapterDescription;
  /** wasm: whether the SIMD build runs. */
  simd?: boolean;
  /** wasm: the threads it would run, and why. */
  threads?: WasmThreadChoice;
}

export interface BackendsReport {
  /** tensorflow, webgpu, wasm, cpu: the order in which `auto` tries them. */
  backends: BackendReport[];
  /** The backend `auto` picks here. */
  auto: BackendName;
  /** Why: what `auto` passed over, then what it takes. */
  autoWhy: string;
}

function installed(name: string): boolean {
  try {
    createRequire(import.meta.url).resolve(name);
    return true;
  } catch {
    return false;
  }
}

async function probeNative(): Promise<BackendReport> {
  const names = ['@tensorflow/tfjs-node-gpu', '@tensorflow/tfjs-node'];
  const packages = names.map((name) => ({ name, installed: installed(name) }));
  const notes: string[] = [];
  for (const { name, installed: present } of packages) {
    const short = name.replace('@tensorflow/', '');
    if (!present) {
      notes.push(`${short} not installed`);
      continue;
    }
    try {
      const specifier: string = name;
      await import(specifier);
    } catch (error) {
      notes.push(`${short} ${importFailure(name, error)}`);
      continue;
    }
    if (tf.findBackendFactory('tensorflow') !== null) return { name: 'tensorflow', usable: true, auto: true, packages, why: [...notes, `${short} loads (native TensorFlow)`].join('; ') };
    notes.push(`${short} loaded but registered no 'tensorflow' backend (a second copy of @tensorflow/tfjs-core?)`);
  }
  return { name: 'tensorflow', usable: false, auto: false, packages, why: notes.join('; ') };
}

async function probeWebGpu(allowSoftware: boolean): Promise<BackendReport> {
  const packages = ['webgpu', '@tensorflow/tfjs-backend-webgpu'].map((name) => ({ name, installed: installed(name) }));
  const found = await findAdapter();
  if ('failure' in found) return { name: 'webgpu', usable: false, auto: false, packages, why: found.failure };
  const adapter = found.description;
  if (!packages[1]!.installed) return { name: 'webgpu', usable: false, auto: false, packages, why: `adapter ${adapter.text}, but @tensorflow/tfjs-backend-webgpu is not installed`, adapter };
  if (!adapter.software) return { name: 'webgpu', usable: true, auto: true, packages, why: `hardware adapter ${adapter.text}`, adapter };
  const why = `software adapter ${adapter.text} (${adapter.softwareBecause}): auto never uses it; ` +
    (allowSoftware ? 'allowed for an explicit webgpu' : 'an explicit webgpu needs allowSoftwareAdapter or LRFIND_WEBGPU_ALLOW_SOFTWARE=1');
  return { name: 'webgpu', usable: allowSoftware, auto: false, packages, why, adapter };
}

async function probeWasm(options: BackendOptions): Promise<BackendReport> {
  const packages = [{ name: '@tensorflow/tfjs-backend-wasm', installed: installed('@tensorflow/tfjs-backend-wasm') }];
  await registerWasmTrainingKernels();
  const simd = Boolean(await tf.env().getAsync('WASM_HAS_SIMD_SUPPORT'));
  const fromEnv = process.env['LRFIND_WASM_THREADS'];
  const asked = options.wasmThreads ?? 'auto';
  let threads: WasmThreadChoice;
  if (asked !== 'auto') threads = { threads: asked, why: 'asked for (wasmThreads)' };
  else if (fromEnv !== undefined && fromEnv !== '') threads = { threads: Number(fromEnv), why: 'asked for (LRFIND_WASM_THREADS)' };
  else {
    // Measuring switches backends: put back the one that was active.
    const active = (tf.engine() as unknown as { backendName: string | null }).backendName;
    threads = await (await import('./wasm-thread-choice.js')).chooseWasmThreads();
    if (active !== null && active !== tf.getBackend()) await tf.setBackend(active);
  }
  const count = `${threads.threads} thread${threads.threads === 1 ? '' : 's'}`;
  return { name: 'wasm', usable: true, auto: true, packages, simd, threads, why: `${simd ? 'SIMD' : 'no SIMD'}, lrfind's training kernels, ${count}: ${threads.why}` };
}

const CPU: BackendReport = { name: 'cpu', usable: true, auto: true, packages: [{ name: '@tensorflow/tfjs-backend-cpu', installed: true }], why: 'pure JS: always there, slow for conv nets' };

/**
 * Probes every backend lrfind can train on (tensorflow, webgpu, wasm, cpu) and says which `auto`
 * picks. Side effects: native packages that resolve are imported, Dawn is loaded for webgpu, and
 * wasm's thread measurement may run (once per process).
 * @example
 * const { auto, backends } = await probeBackends();
 * for (const b of backends) console.log(b.name, b.usable, b.why);
 */
export async function probeBackends(options: BackendOptions = {}): Promise<BackendsReport> {
  const allowSoftware = allowSoftwareAdapter(options.allowSoftwareAdapter);
  const backends = [await probeNative(), await probeWebGpu(allowSoftware), await withoutNewProcessHandlers(() => probeWasm(options)), CPU];
  const pick = backends.find((b) => b.auto) ?? CPU;
  const passed = backends.slice(0, backends.indexOf(pick)).map((b) => `${b.name}: ${b.why}`);
  return { backends, auto: pick.name, autoWhy: [...passed, `${pick.name}: ${pick.why}`].join('; ') };
}
