// How many threads `wasmThreads: 'auto'` runs: the choice must never be slower than one thread.
// No fixed rule is (docs/constants.md#wasm-threads), so it is measured: a probe model trains a few
// steps on the stock build (1 thread) and on the threaded build (N), and N must be clearly faster.
// Switching builds re-creates the wasm backend, which disposes its tensors, so this runs only
// while no wasm tensor exists (initBackend, before any model).
import * as tf from '@tensorflow/tfjs';
import { availableParallelism, loadavg } from 'node:os';
import { cnn } from '../models/index.js';
import { MAX_WASM_THREADS, registerThreadedWasm, restoreStockWasm, wasmThreads } from './kernels/wasm-threads.js';
import { WASM_THREADS } from '../constants.js';

/** A compiled model and one batch to time training steps on. */
export interface WasmThreadProbe {
  build: () => tf.LayersModel;
  batch: () => { xs: tf.Tensor; ys: tf.Tensor };
}

/** What 'auto' chose, and why (`BackendInfo.threadsWhy`, `lrfind backends`). */
export interface WasmThreadChoice {
  threads: number;
  /** One line, e.g. "2 threads measured 61 ms against 1 thread 52 ms per probe step, not 10% faster in both of 2 rounds (load 0.4 on 2 cores)". */
  why: string;
  /** The probe's ms per step on each build (median over rounds); absent when no measurement was needed. */
  measured?: { threads: number; threadedMs: number; oneThreadMs: number };
}

/** N threads must take at most this fraction of one thread's time: ties and noise go to one thread. */
export const THREADS_MARGIN = WASM_THREADS.margin;
const ROUNDS = 2;
const WARM_STEPS = 2;
const TIMED_STEPS = 4;

/** The small CNN of the measurements (conv16 → pool → conv32 → pool → dense, 28×28×1, batch 64). */
export const SMALL_CNN_PROBE: WasmThreadProbe = {
  build: () => {
    const model = cnn({ inputShape: [28, 28, 1], numClasses: 10, seed: 0 });
    model.compile({ optimizer: tf.train.sgd(0.01), loss: 'categoricalCrossentropy' });
    return model;
  },
  batch: () => tf.tidy(() => ({
    xs: tf.randomUniform([64, 28, 28, 1], 0, 1, 'float32', 1),
    ys: tf.oneHot(tf.randomUniform([64], 0, 10, 'int32', 2), 10).toFloat(),
  })),
};

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const plural = (n: number): string => `${n} thread${n === 1 ? '' : 's'}`;

/** Starts the wasm build with `threads` and times probe steps: median ms, or null if it did not start. */
async function timeBuild(threads: number, probe: WasmThreadProbe): Promise<number | null> {
  if (threads === 1) restoreStockWasm();
  else if (wasmThreads() !== threads) registerThreadedWasm(threads);
  if (!(await tf.setBackend('wasm').catch(() => false))) return null;
  const model = probe.build();
  const { xs, ys } = probe.batch();
  try {
    for (let i = 0; i < WARM_STEPS; i++) await model.trainOnBatch(xs, ys);
    const times: number[] = [];
    for (let i = 0; i < TIMED_STEPS; i++) {
      const started = performance.now();
      await model.trainOnBatch(xs, ys);
      times.push(performance.now() - started);
    }
    return median(times);
  } finally {
    tf.dispose([xs, ys]);
    // model.dispose() leaves the optimizer's tensors (SGD's lr scalar) on the backend.
    model.optimizer?.dispose();
    model.dispose();
  }
}

/**
 * The 1-minute load average less this process's own share (its CPU seconds over the last minute,
 * estimated from its total over its uptime): a process that has been training must not count as
 * "another job" against itself.
 */
function othersLoad(): number {
  const { user, system } = process.cpuUsage();
  const own = (user + system) / 1e6 / Math.max(process.uptime(), 60);
  return Math.max(0, (loadavg()[0] ?? 0) - own);
}

/** Whether a live wasm backend holds data: switching builds would dispose it. */
function wasmHoldsData(): boolean {
  const live = (tf.engine() as unknown as { registry: Record<string, tf.KernelBackend | undefined> }).registry['wasm'];
  return live !== undefined && live.numDataIds() > 0;
}

/** Options of `measureWasmThreads`. */
export interface MeasureOptions {
  /** Time a probe of your own (e.g. the model you will train) instead of the small CNN. */
  probe?: WasmThreadProbe;
  /**
   * Answer 1 thread without measuring when the 1-minute load average leaves no idle core. Benches
   * turn it off to see what the probe says (a process started a second ago is not in the average).
   * @default true
   */
  loadGate?: boolean;
}

/**
 * Measures whether N threads (one per core, at most 8) train the probe clearly faster than one;
 * leaves the winning build registered. Skips the measurement when the machine has one core, when
 * its load average leaves no idle core, or when wasm tensors exist (then it keeps the build that
 * runs). Changes the active backend while it measures.
 */
export async function measureWasmThreads(options: MeasureOptions = {}): Promise<WasmThreadChoice> {
  const probe = options.probe ?? SMALL_CNN_PROBE;
  const cores = availableParallelism();
  const candidate = Math.min(MAX_WASM_THREADS, cores);
  const load = othersLoad();
  const context = `others' load ${load.toFixed(1)} on ${cores} cores`;
  if (candidate < 2) return { threads: 1, why: 'one core' };
  if ((options.loadGate ?? true) && load > cores - 1) return { threads: 1, why: `${context}: no idle core for a second thread` };
  if (wasmHoldsData()) return { threads: wasmThreads(), why: 'wasm tensors exist, so the running build stays (switching would dispose them)' };
  // Two alternating rounds; N must win both: one round alone was fooled by a load change (measured:
  // it chose 2 threads that then ran 1.83× slower while another process held a core).
  const rounds: Array<{ one: number | null; many: number | null }> = [];
  for (let round = 0; round < ROUNDS; round++) rounds.push({ one: await timeBuild(1, probe), many: await timeBuild(candidate, probe) });
  const wins = rounds.every((r) => r.one !== null && r.many !== null && r.many < THREADS_MARGIN * r.one);
  if (!wins) restoreStockWasm();
  if (rounds.some((r) => r.one === null)) return { threads: 1, why: 'the probe did not start on wasm' };
  if (rounds.some((r) => r.many === null)) return { threads: 1, why: 'the threaded build did not start' };
  const oneThreadMs = median(rounds.map((r) => r.one!));
  const threadedMs = median(rounds.map((r) => r.many!));
  const measured = { threads: candidate, threadedMs, oneThreadMs };
  const threads = wins ? candidate : 1;
  const verdict = threads === 1 ? `not ${Math.round((1 - THREADS_MARGIN) * 100)}% faster in both of ${ROUNDS} rounds` : `faster in both of ${ROUNDS} rounds`;
  const why = `${plural(candidate)} measured ${threadedMs.toFixed(0)} ms against 1 thread ${oneThreadMs.toFixed(0)} ms per probe step, ${verdict} (${context})`;
  return { threads, why, measured };
}

let chosen: Promise<WasmThreadChoice> | null = null;

/** `measureWasmThreads` once per process: later calls return the first answer. */
export function chooseWasmThreads(): Promise<WasmThreadChoice> {
  chosen ??= measureWasmThreads();
  return chosen;
}
