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

interface EngineState {
  state: { numTensors: number };
  backendName: string | null;
}

/**
 * Refuses to switch backends while tensors exist: tfjs moves them to the new backend, and moves
 * some wrongly (a float32 tensor cast from int32 on cpu arrives in wasm as its integers' bits, so
 * `tf.oneHot(…).toFloat()` then sums to 5.6e-45 instead of 4, and every loss is garbage).
 * `target` is the backend the call would end on when known (a switch to the active one moves nothing).
 */
export function checkNoTensorsToMove(target: string | null, numTensors: number, active: string | null): void {
  if (numTensors === 0 || (target !== null && target === active)) return;
  const tensors = numTensors === 1 ? '1 tensor already exists' : `${numTensors} tensors already exist`;
  throw new Error(
    `initBackend must run before any tensor or model is made: ${tensors} on the '${active ?? 'default'}' backend, ` +
      'and switching backends would move them (tfjs moves some wrongly, corrupting their values). ' +
      'Call await initBackend() first, or dispose those tensors before calling it',
  );
}

/** The engine's live tensor count and active backend, read without starting a backend. */
export function engineState(engine: unknown): { numTensors: number; active: string | null } {
  const e = engine as EngineState;
  return { numTensors: e.state.numTensors, active: e.backendName ?? null };
}
