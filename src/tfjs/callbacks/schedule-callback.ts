// Per-batch schedules: sets the optimizer's lr (and momentum / beta1) before every batch.
import * as tf from '@tensorflow/tfjs';
import type { Schedule } from '../../types.js';
import { getLearningRate, setLearningRate } from '../learning-rate.js';
import { hasMomentum, setMomentum } from '../momentum.js';
import { optimizerOf, type UnresolvedLogs } from './logs.js';
import { refreshBatchNorm } from '../batch-norm.js';
import { checkWeightDecay, WeightDecay, type DecayRule } from '../weight-decay.js';

export interface ScheduleCallbackArgs {
  /** Learning rate per global step (one step = one batch). */
  lr: Schedule;
  /**
   * Momentum per global step: `momentum` for Momentum and RMSprop, `beta1` for Adam and Adamax.
   * @default undefined (momentum left alone)
   */
  momentum?: Schedule;
  /**
   * Global step of the first batch. The count goes on across epochs (tfjs restarts its batch
   * index every epoch) and across `fit` calls; `reset()` starts it over.
   * @default 0
   */
  initialStep?: number;
  /**
   * With a `momentum` schedule and an optimizer without momentum (plain SGD, Adagrad, Adadelta):
   * true skips the momentum schedule, false throws a TypeError when training begins.
   * @default false
   */
  skipMissingMomentum?: boolean;
  /**
   * Recompute batch norm's running statistics over one pass of these training inputs when training
   * ends (see `refreshBatchNorm`): tfjs's momentum of 0.99 leaves them behind a short schedule.
   * @default undefined (left as training left them)
   */
  refreshBatchNorm?: { xs: tf.Tensor; batchSize?: number };
  /** Decoupled weight decay (AdamW's rule) each batch: p ← p − lr·weightDecay·p at the batch's lr. @default 0 */
  weightDecay?: number;
  /** Which weights decay (see `DecayRule`). @default 'weights' (rank ≥ 2: kernels, not biases or normalization) */
  decayApplyTo?: DecayRule;
}

/**
 * Sets the learning rate (and momentum) from pure schedules at the start of every batch, using
 * `setLearningRate` / `setMomentum` so the value takes effect on SGD and Momentum (cached
 * scalars) as well as Adam, RMSprop and friends (fields). Records what it set in `lrHistory` /
 * `momentumHistory`, writes `lr` (and `momentum`) into every batch's logs, and the last values of
 * each epoch into the epoch logs, so `history.history.lr` shows them.
 */
export class ScheduleCallback extends tf.Callback {
  readonly lr: Schedule;
  readonly momentum: Schedule | null;
  readonly initialStep: number;
  readonly skipMissingMomentum: boolean;
  /** Global step of the next batch. */
  step: number;
  /** The learning rate set for each batch so far, in order. */
  readonly lrHistory: number[] = [];
  /** The momentum set for each batch so far (empty when momentum is not scheduled). */
  readonly momentumHistory: number[] = [];
  private cycling = false;
  private readonly refresh: ScheduleCallbackArgs['refreshBatchNorm'] | null;
  /** The decoupled weight decay applied each batch (0: none). */
  readonly weightDecay: number;
  private readonly decayApplyTo: DecayRule;
  private decay: WeightDecay | null = null;

  constructor(args: ScheduleCallbackArgs) {
    super();
    if (typeof args?.lr !== 'function') throw new RangeError(`lr must be a schedule function, got ${String(args?.lr)}`);
    if (args.momentum !== undefined && typeof args.momentum !== 'function') {
      throw new RangeError(`momentum must be a schedule function, got ${String(args.momentum)}`);
    }
    const initialStep = args.initialStep ?? 0;
    if (!Number.isSafeInteger(initialStep) || initialStep < 0) {
      throw new RangeError(`initialStep must be an integer ≥ 0, got ${String(initialStep)}`);
    }
    this.lr = args.lr;
    this.momentum = args.momentum ?? null;
    this.initialStep = initialStep;
    this.step = initialStep;
    this.skipMissingMomentum = args.skipMissingMomentum ?? false;
    this.refresh = args.refreshBatchNorm ?? null;
    if (args.weightDecay !== undefined) checkWeightDecay(args.weightDecay);
    this.weightDecay = args.weightDecay ?? 0;
    this.decayApplyTo = args.decayApplyTo ?? 'weights';
  }

  /** Starts the global step over (at `initialStep` unless given) and clears the histories. */
  reset(step = this.initialStep): void {
    this.step = step;
    this.lrHistory.length = 0;
    this.momentumHistory.length = 0;
  }

  override async onTrainBegin(): Promise<void> {
    const optimizer = optimizerOf(this, 'ScheduleCallback');
    getLearningRate(optimizer); // a clear TypeError now rather than mid-epoch
    this.cycling = this.momentum !== null && hasMomentum(optimizer);
    const model = this.model as unknown as tf.LayersModel;
    this.decay = WeightDecay.of(model.trainableWeights.map((w) => w.read() as tf.Variable), { weightDecay: this.weightDecay, decayApplyTo: this.decayApplyTo });
    if (this.momentum !== null && !this.cycling && !this.skipMissingMomentum) {
      throw new TypeError(
        `ScheduleCallback has a momentum schedule but optimizer ${optimizer.getClassName()} has no momentum ` +
          '(use Momentum, RMSProp, Adam or Adamax, or set skipMissingMomentum)',
      );
    }
  }

  override async onBatchBegin(): Promise<void> {
    const optimizer = optimizerOf(this, 'ScheduleCallback');
    const lr = this.lr(this.step);
    setLearningRate(optimizer, lr);
    this.lrHistory.push(lr);
    if (this.cycling && this.momentum) {
      const m = this.momentum(this.step);
      setMomentum(optimizer, m);
      this.momentumHistory.push(m);
    }
    this.decay?.remember();
  }

  override async onBatchEnd(_batch: number, logs?: UnresolvedLogs): Promise<void> {
    const lr = this.lrHistory.at(-1);
    if (lr !== undefined) this.decay?.decay(lr);
    this.writeLogs(logs);
    this.step++;
  }

  override async onEpochEnd(_epoch: number, logs?: UnresolvedLogs): Promise<void> {
    this.writeLogs(logs);
  }

  override async onTrainEnd(): Promise<void> {
    this.decay?.forget();
    if (this.refresh === null || this.refresh === undefined) return;
    const model = this.model as unknown as tf.LayersModel;
    await refreshBatchNorm(model, this.refresh.xs, this.refresh.batchSize === undefined ? {} : { batchSize: this.refresh.batchSize });
  }

  private writeLogs(logs?: UnresolvedLogs): void {
    const lr = this.lrHistory.at(-1);
    if (logs == null || lr === undefined) return;
    logs.lr = lr;
    const m = this.momentumHistory.at(-1);
    if (this.cycling && m !== undefined) logs.momentum = m;
  }
}

/**
 * A callback that follows `lr` (and `momentum`) schedules batch by batch.
 *
 * @example
 * const {lr, momentum} = oneCycle({maxLr: 0.05, epochs: 5, stepsPerEpoch: Math.ceil(n / 32)});
 * await model.fit(xs, ys, {epochs: 5, batchSize: 32, callbacks: [scheduleCallback({lr, momentum: momentum ?? undefined})]});
 */
export function scheduleCallback(args: ScheduleCallbackArgs): ScheduleCallback {
  return new ScheduleCallback(args);
}
