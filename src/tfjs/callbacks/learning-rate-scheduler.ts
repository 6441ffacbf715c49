// Keras's LearningRateScheduler: a new learning rate at the start of every epoch.
import * as tf from '@tensorflow/tfjs';
import { getLearningRate, setLearningRate } from '../learning-rate.js';
import { optimizerOf, type UnresolvedLogs } from './logs.js';

export interface LearningRateSchedulerArgs {
  /** Called at the start of every epoch with the epoch index (from 0) and the current lr. */
  schedule: (epoch: number, lr: number) => number;
  /**
   * 1 prints a line each time the learning rate is set.
   * @default 0
   */
  verbose?: 0 | 1;
}

/**
 * Sets the learning rate to `schedule(epoch, lr)` at the start of every epoch and writes it as
 * `lr` into the epoch logs. A schedule that returns a non-finite number stops training with a
 * TypeError.
 * @see keras.callbacks.LearningRateScheduler
 */
export class LearningRateScheduler extends tf.Callback {
  readonly schedule: (epoch: number, lr: number) => number;
  readonly verbose: 0 | 1;
  /** The learning rate set for each epoch so far. */
  readonly lrHistory: number[] = [];

  constructor(args: LearningRateSchedulerArgs) {
    super();
    if (typeof args?.schedule !== 'function') {
      throw new RangeError(`schedule must be a function, got ${String(args?.schedule)}`);
    }
    const verbose = args.verbose ?? 0;
    if (verbose !== 0 && verbose !== 1) throw new RangeError(`verbose must be 0 or 1, got ${String(verbose)}`);
    this.schedule = args.schedule;
    this.verbose = verbose;
  }

  override async onEpochBegin(epoch: number): Promise<void> {
    const optimizer = optimizerOf(this, 'LearningRateScheduler');
    const lr = this.schedule(epoch, getLearningRate(optimizer));
    if (typeof lr !== 'number' || !Number.isFinite(lr)) {
      throw new TypeError(`LearningRateScheduler: schedule must return a finite number, got ${String(lr)} at epoch ${epoch}`);
    }
    setLearningRate(optimizer, lr);
    this.lrHistory.push(lr);
    if (this.verbose > 0) console.log(`Epoch ${epoch + 1}: LearningRateScheduler setting learning rate to ${lr}.`);
  }

  override async onEpochEnd(_epoch: number, logs?: UnresolvedLogs): Promise<void> {
    if (logs != null) logs.lr = getLearningRate(optimizerOf(this, 'LearningRateScheduler'));
  }
}

/**
 * Keras-style per-epoch learning-rate schedule.
 *
 * @example
 * // halve the rate every 10 epochs
 * model.fit(xs, ys, {epochs: 30, callbacks: [learningRateScheduler((epoch, lr) => (epoch > 0 && epoch % 10 === 0 ? lr / 2 : lr))]});
 */
export function learningRateScheduler(
  schedule: (epoch: number, lr: number) => number,
  options: { verbose?: 0 | 1 } = {},
): LearningRateScheduler {
  return new LearningRateScheduler({ schedule, ...options });
}
