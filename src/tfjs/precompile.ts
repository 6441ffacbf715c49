// One training step that does not count. webgpu compiles a shader for every kernel and shape the
// first time it meets them (~10 s cold for a small CNN on lavapipe, 0.26 s per later step): left in
// the sweep, that time would land on the first lr, inflate ms/step and fool the ETA. The step runs
// on a snapshot that is then restored, so the model, the optimizer and the lr sequence are exactly
// as if it never happened; only the compiled shaders (and allocated buffers) stay.
import * as tf from '@tensorflow/tfjs';
import { makeBatchSource, type TrainingData } from './batches.js';
import type { Learner } from './learner.js';
import { disposeSnapshot, restoreSnapshot, takeSnapshot } from './snapshot.js';
import { trainStep } from './train-step.js';

/** Backends whose first step compiles programs (webgpu shaders, webgl programs). */
const COMPILING_BACKENDS = ['webgpu', 'webgl'];

/** Whether the range test precompiles by default on `backend` (the active one unless given). */
export function precompilesByDefault(backend: string = tf.getBackend()): boolean {
  return COMPILING_BACKENDS.includes(backend);
}

/**
 * Trains one step on the first batch the range test would draw (from a source of its own: the
 * test's batches are untouched) and restores everything bit-exactly: the backend's one-time costs
 * (shader compilation) are paid here, not by the first timed step. `evaluate`, when given, runs
 * after the step (e.g. a validation loss, whose kernels compile too).
 * @returns the step's wall time in ms
 */
export async function precompileOnData(learner: Learner, data: TrainingData, batchSize: number, seed: number, evaluate?: () => Promise<unknown>): Promise<number> {
  const snapshot = takeSnapshot(learner);
  const lr = (learner.optimizer as unknown as { learningRate: number }).learningRate;
  const started = performance.now();
  try {
    await trainStep(learner, makeBatchSource(data, batchSize, seed), lr);
    // Evaluation runs other kernels (no gradients), compiled on their first use too.
    await evaluate?.();
    return performance.now() - started;
  } finally {
    restoreSnapshot(learner, snapshot);
    disposeSnapshot(snapshot);
  }
}
