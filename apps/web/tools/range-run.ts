// One seeded range test, the same in a page and in Node: the shared body of the browser tests,
// the cross-backend agreement check and the speed table. It reports plain numbers (JSON-safe),
// checks that the model comes back bit for bit and counts tensors around the run.
import * as tf from '@tensorflow/tfjs';
import { rangeTestFile, rangeTestFileText, recommendLearningRate, type LrFinderResult, type RangeTestStep } from '../../../src/index.js';
import { toDataset, type DatasetArrays } from '../../../src/data/index.js';
import { buildModel, type ModelName } from '../../../src/models/index.js';

export interface SeededRun {
  model: ModelName;
  numIter: number;
  /** @default 32 */
  batchSize?: number;
  /** @default 0 */
  seed?: number;
  /** @default 1e-7 */
  startLr?: number;
  /** @default 10 */
  endLr?: number;
  /** Confirmation probes. @default true */
  confirm?: boolean;
  /** @default 'momentum' (SGD + momentum 0.9) */
  optimizer?: 'momentum' | 'sgd' | 'adam';
}

export interface RunHooks {
  onStep?: (step: RangeTestStep) => void;
  onProbeStep?: (probe: { lr: number; step: number; steps: number; loss: number }) => void;
  /** Called with the result before the model is disposed (e.g. a live view's finish). */
  onResult?: (found: LrFinderResult) => Promise<unknown> | void;
  /** Makes the engine yield to the event loop every step, as a page with a Stop button does. */
  signal?: AbortSignal;
}

export interface RunReport {
  backend: string;
  lrs: number[];
  losses: number[];
  smoothed: number[];
  stopReason: string;
  /** Step of the lowest smoothed loss: past it the loss climbs, and small differences grow fast. */
  bestIndex: number;
  bounds: { maxLr: number; minLr: number; source: string } | null;
  curveBounds: { maxLr: number; minLr: number } | null;
  probes: { lr: number; passed: boolean; steps: number }[];
  /** Sweep steps only (tfjs's timing of the range test). */
  msPerStep: number;
  /** Median time between two sweep steps (without the first steps' warm-up: kernel set-up, shader compiles). */
  medianMsPerStep: number;
  /** Sweep and probes, wall clock. */
  seconds: number;
  weightsRestored: boolean;
  lrRestored: boolean;
  /** Tensors before making the model and data, and after disposing them. */
  tensorsBefore: number;
  tensorsAfter: number;
  /** Tensors just before and just after recommendLearningRate (model and data alive). */
  tensorsAroundRun: [number, number];
  /** range-test.json as the page offers it. */
  fileText: string;
}

const sameBits = (a: ArrayLike<number>, b: ArrayLike<number>): boolean => {
  if (a.length !== b.length) return false;
  const x = new Float32Array(Array.from(a));
  const y = new Float32Array(Array.from(b));
  return new Uint32Array(x.buffer).every((v, i) => v === new Uint32Array(y.buffer)[i]);
};

function median(xs: number[]): number {
  const sorted = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length === 0 ? Number.NaN : sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

function optimizer(name: SeededRun['optimizer']): tf.Optimizer {
  if (name === 'sgd') return tf.train.sgd(0.01);
  if (name === 'adam') return tf.train.adam(0.001);
  return tf.train.momentum(0.01, 0.9);
}

/** Runs `recommendLearningRate` on the current backend with everything seeded. */
export async function seededRun(arrays: DatasetArrays, spec: SeededRun, hooks: RunHooks = {}): Promise<RunReport> {
  const tensorsBefore = tf.memory().numTensors;
  const data = toDataset(arrays);
  const model = buildModel(spec.model, { inputShape: arrays.inputShape, numClasses: arrays.numClasses, seed: spec.seed ?? 0 });
  model.compile({ optimizer: optimizer(spec.optimizer), loss: 'categoricalCrossentropy' });
  try {
    const weights = model.getWeights().map((w) => w.dataSync().slice());
    const lrBefore = (model.optimizer as unknown as { learningRate: number }).learningRate;
    const started = performance.now();
    const beforeRun = tf.memory().numTensors;
    const stamps: number[] = [];
    const onStep = (step: RangeTestStep): void => {
      stamps.push(performance.now());
      hooks.onStep?.(step);
    };
    const found = await recommendLearningRate(model, { xs: data.train.xs, ys: data.train.ys }, {
      numIter: spec.numIter, batchSize: spec.batchSize ?? 32, seed: spec.seed ?? 0, startLr: spec.startLr ?? 1e-7, endLr: spec.endLr ?? 10,
      // The planned sweep, read as is: the same steps on every backend, as the agreement measures them.
      confirm: spec.confirm ?? true, escalate: false, onStep, ...(hooks.onProbeStep ? { onProbeStep: hooks.onProbeStep } : {}),
      ...(hooks.signal ? { signal: hooks.signal } : {}),
    });
    const afterRun = tf.memory().numTensors;
    const seconds = (performance.now() - started) / 1000;
    await hooks.onResult?.(found);
    const weightsRestored = model.getWeights().every((w, i) => sameBits(w.dataSync(), weights[i]!));
    const b = found.bounds;
    const c = found.analysis?.curveBounds ?? null;
    return {
      backend: tf.getBackend(),
      lrs: found.rangeTest.lrs,
      losses: found.rangeTest.losses,
      smoothed: found.rangeTest.emaLosses,
      stopReason: found.rangeTest.stopReason,
      bestIndex: found.rangeTest.bestIndex,
      bounds: b ? { maxLr: b.maxLr, minLr: b.minLr, source: b.source } : null,
      curveBounds: c ? { maxLr: c.maxLr, minLr: c.minLr } : null,
      probes: (found.confirmation?.probes ?? []).map((p) => ({ lr: p.lr, passed: p.passed, steps: p.losses.length })),
      msPerStep: found.rangeTest.timing.msPerStep,
      medianMsPerStep: median(stamps.slice(1).map((t, i) => t - stamps[i]!)),
      seconds,
      weightsRestored,
      lrRestored: (model.optimizer as unknown as { learningRate: number }).learningRate === lrBefore,
      tensorsBefore,
      tensorsAfter: Number.NaN,
      tensorsAroundRun: [beforeRun, afterRun],
      fileText: found.analysis ? rangeTestFileText(rangeTestFile(found, { model: spec.model, data: arrays.name })) : '',
    };
  } finally {
    // The optimizer was passed in, so model.dispose() leaves it (and its slots) to us. tfjs 4.22's
    // MomentumOptimizer.dispose() forgets the lr scalar `c` that its base class keeps: free it too.
    const opt = model.optimizer;
    const c = (opt as unknown as { c?: tf.Tensor }).c;
    opt.dispose();
    if (opt instanceof tf.MomentumOptimizer && c !== undefined && !c.isDisposed) c.dispose();
    model.dispose();
    data.dispose();
  }
}

/** `seededRun` with the tensor count taken after the model and data are gone. */
export async function seededRunChecked(arrays: DatasetArrays, spec: SeededRun, hooks: RunHooks = {}): Promise<RunReport> {
  const report = await seededRun(arrays, spec, hooks);
  return { ...report, tensorsAfter: tf.memory().numTensors };
}
