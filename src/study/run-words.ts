// What each run of the study is, in words, one field per column of the study's table: the
// optimizer, the schedule and its lr settings. A pure function of the bounds and the run's length,
// so a study.json written before these fields existed gets the same words back from its numbers.
import { formatLr as fmt } from '../format.js';

export interface RunWords {
  /** e.g. "SGD momentum 0.9". */
  optimizer: string;
  /** e.g. "cosine". */
  schedule: string;
  /** The schedule's lr settings, e.g. "8e-2 → 0" (lrs as the reports write them). */
  lr: string;
}

/** Steps between SGDR's restarts: four cycles over the run. */
export function sgdrRestartSteps(totalSteps: number): number {
  return Math.max(1, Math.round(totalSteps / 4));
}

/** Every run's words by run name, for bounds `maxLr` / `minLr` and a run of `epochs` × `stepsPerEpoch` steps. */
export function studyRunWords(maxLr: number, minLr: number, epochs: number, stepsPerEpoch: number): Record<string, RunWords> {
  const momentum = 'SGD momentum 0.9';
  const restart = sgdrRestartSteps(epochs * stepsPerEpoch);
  return {
    constant: { optimizer: momentum, schedule: 'constant', lr: fmt(maxLr) },
    linear: { optimizer: momentum, schedule: 'linear', lr: `${fmt(maxLr)} → 0` },
    exponential: { optimizer: momentum, schedule: 'exponential', lr: `${fmt(maxLr)} → ${fmt(maxLr / 100)}` },
    cosine: { optimizer: momentum, schedule: 'cosine', lr: `${fmt(maxLr)} → 0` },
    sgdr: { optimizer: momentum, schedule: `SGDR, restarts every ${restart} steps`, lr: `${fmt(maxLr)} → 0` },
    // One-cycle ends at its start lr / finalDivFactor (1e4); the founding study's tail at min lr / 100.
    'one-cycle': { optimizer: 'SGD momentum 0.95 → 0.85 → 0.95', schedule: 'one-cycle', lr: `${fmt(minLr)} → ${fmt(maxLr)} → ${fmt(minLr / 1e4)}` },
    'warmup-cosine-tail': { optimizer: momentum, schedule: "warm-up, cosine and tail (45/45/10%)", lr: `${fmt(minLr)} → ${fmt(maxLr)} → ${fmt(minLr / 100)}` },
    sgd: { optimizer: 'SGD', schedule: 'constant', lr: fmt(0.01) },
    'sgd-nesterov-decay': { optimizer: 'SGD momentum 0.9 nesterov', schedule: 'Keras decay (lr / epochs)', lr: fmt(maxLr) },
    'sgd-nesterov-decay-lr/10': { optimizer: 'SGD momentum 0.9 nesterov', schedule: 'Keras decay (lr / epochs)', lr: fmt(maxLr / 10) },
    rmsprop: { optimizer: 'RMSprop', schedule: 'constant', lr: fmt(0.001) },
    adam: { optimizer: 'Adam', schedule: 'constant', lr: fmt(0.001) },
  };
}
