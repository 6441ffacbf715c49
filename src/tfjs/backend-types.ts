// What `initBackend` takes and returns, in Node and in the browser alike.
import type { AdapterDescription } from './webgpu/adapter.js';

/** A backend to ask `initBackend` for; each entry accepts the ones it lists in `BACKEND_CHOICES`. */
export type BackendChoice = 'auto' | 'tensorflow' | 'webgpu' | 'webgl' | 'wasm' | 'cpu';

/** What `initBackend` set up. */
export interface BackendInfo {
  /** The active tfjs backend: 'tensorflow', 'webgpu', 'webgl', 'wasm' or 'cpu'. */
  backend: string;
  /** One line saying why, including what was tried first (e.g. "tfjs-node not installed"). */
  reason: string;
  /** The npm package providing the backend ('@tensorflow/tfjs-node', '@tensorflow/tfjs-backend-wasm', …). */
  package: string;
  /** Kernels lrfind registered so that the backend can train (wasm only, else empty). */
  trainingKernels: string[];
  /** wasm only: whether the SIMD build runs. */
  simd?: boolean;
  /** wasm only: the threads XNNPACK uses. */
  threads?: number;
  /** wasm only: why that many threads (what 'auto' measured, or "asked for"). */
  threadsWhy?: string;
  /** webgpu only: the adapter it trains on (`adapter.software` says whether it is a software one). */
  adapter?: AdapterDescription;
}

/** A bad environment variable (not a bad argument): callers can report it as such. */
export class EnvironmentError extends RangeError {
  override name = 'EnvironmentError';
}

/** The RangeError for a choice this entry does not offer. */
export function checkChoice(choice: unknown, choices: readonly BackendChoice[], where: string): asserts choice is BackendChoice {
  if (!choices.includes(choice as BackendChoice)) {
    throw new RangeError(`backend must be one of ${choices.join(', ')} ${where}, got ${String(choice)}`);
  }
}
