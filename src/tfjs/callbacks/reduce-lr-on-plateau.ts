// Keras's ReduceLROnPlateau: divide the learning rate when a metric stops improving.
import * as tf from '@tensorflow/tfjs';
import { getLearningRate, setLearningRate } from '../learning-rate.js';
import { optimizerOf, resolveLogs, type UnresolvedLogs } from './logs.js';

export interface ReduceLROnPlateauArgs {
  /**
   * Epoch log to watch.
   * @default 'val_loss'
   */
  monitor?: string;
  /**
   * new lr = lr × factor, in (0, 1).
   * @default 0.1
   */
  factor?: number;
  /**
   * Epochs without improvement before the rate is reduced (an integer ≥ 0).
   * @default 10
   */
  patience?: number;
  /**
   * 1 prints a line at every reduction.
   * @default 0
   */
  verbose?: 0 | 1;
  /**
   * 'min': lower is better; 'max': higher is better; 'auto': 'max' when `monitor` contains "acc".
   * @default 'auto'
   */
  mode?: 'auto' | 'min' | 'max';
  /**
   * Smallest change that counts as an improvement (≥ 0).
   * @default 1e-4
   */
  minDelta?: number;
  /**
   * Epochs to wait after a reduction before counting again (an integer ≥ 0).
   * @default 0
   */
  cooldown?: number;
  /**
   * The rate is never reduced below this (≥ 0).
   * @default 0
   */
  minLr?: number;
}

/**
 * Reduces the learning rate by `factor` once `monitor` has not improved by more than `minDelta`
 * for `patience` epochs, then waits `cooldown` epochs; never goes below `minLr`. Writes the
 * current rate as `lr` into the epoch logs. Warns once when `monitor` is missing from the logs.
 * @see keras.callbacks.ReduceLROnPlateau
 */
export class ReduceLROnPlateau extends tf.Callback {
  readonly monitor: string;
  readonly factor: number;
  readonly patience: number;
  readonly verbose: 0 | 1;
  readonly mode: 'min' | 'max';
  readonly minDelta: number;
  readonly cooldown: number;
  readonly minLr: number;
  /** Best value seen so far. */
  best = Infinity;
  /** Epochs without improvement. */
  wait = 0;
  /** Epochs of cooldown left. */
  cooldownCounter = 0;
  /** Epoch index and new rate of every reduction. */
  readonly reductions: { epoch: number; lr: number }[] = [];
  private warned = false;

  constructor(args: ReduceLROnPlateauArgs = {}) {
    super();
    this.monitor = args.monitor ?? 'val_loss';
    this.factor = args.factor ?? 0.1;
    this.patience = args.patience ?? 10;
    this.verbose = args.verbose ?? 0;
    const mode = args.mode ?? 'auto';
    this.minDelta = args.minDelta ?? 1e-4;
    this.cooldown = args.cooldown ?? 0;
    this.minLr = args.minLr ?? 0;
    if (typeof this.monitor !== 'string' || this.monitor === '') bad('monitor', 'a metric name', this.monitor);
    if (!(this.factor > 0 && this.factor < 1)) bad('factor', 'in (0, 1)', this.factor);
    if (!Number.isSafeInteger(this.patience) || this.patience < 0) bad('patience', 'an integer ≥ 0', this.patience);
    if (this.verbose !== 0 && this.verbose !== 1) bad('verbose', '0 or 1', this.verbose);
    if (mode !== 'auto' && mode !== 'min' && mode !== 'max') bad('mode', "one of 'auto', 'min', 'max'", mode);
    if (!(this.minDelta >= 0 && Number.isFinite(this.minDelta))) bad('minDelta', 'a finite number ≥ 0', this.minDelta);
    if (!Number.isSafeInteger(this.cooldown) || this.cooldown < 0) bad('cooldown', 'an integer ≥ 0', this.cooldown);
    if (!(this.minLr >= 0 && Number.isFinite(this.minLr))) bad('minLr', 'a finite number ≥ 0', this.minLr);
    this.mode = mode === 'auto' ? (this.monitor.includes('acc') ? 'max' : 'min') : mode;
  }

  private improved(current: number): boolean {
    return this.mode === 'min' ? current < this.best - this.minDelta : current > this.best + this.minDelta;
  }

  override async onTrainBegin(): Promise<void> {
    this.best = this.mode === 'min' ? Infinity : -Infinity;
    this.wait = 0;
    this.cooldownCounter = 0;
  }

  override async onEpochEnd(epoch: number, logs?: UnresolvedLogs): Promise<void> {
    const optimizer = optimizerOf(this, 'ReduceLROnPlateau');
    await resolveLogs(logs);
    const current = logs?.[this.monitor];
    if (typeof current !== 'number' || Number.isNaN(current)) {
      if (!this.warned) {
        console.warn(
          `ReduceLROnPlateau: monitor '${this.monitor}' is not in the epoch logs ` +
            `(available: ${Object.keys(logs ?? {}).join(', ') || 'none'}); the learning rate is left alone`,
        );
        this.warned = true;
      }
    } else {
      if (this.cooldownCounter > 0) {
        this.cooldownCounter--;
        this.wait = 0;
      }
      if (this.improved(current)) {
        this.best = current;
        this.wait = 0;
      } else if (this.cooldownCounter === 0) {
        this.wait++;
        if (this.wait >= this.patience) this.reduce(optimizer, epoch);
      }
    }
    if (logs != null) logs.lr = getLearningRate(optimizer);
  }

  private reduce(optimizer: tf.Optimizer, epoch: number): void {
    const old = getLearningRate(optimizer);
    if (old > this.minLr) {
      const lr = Math.max(old * this.factor, this.minLr);
      setLearningRate(optimizer, lr);
      this.reductions.push({ epoch, lr });
      if (this.verbose > 0) console.log(`Epoch ${epoch + 1}: ReduceLROnPlateau reducing learning rate to ${lr}.`);
      this.cooldownCounter = this.cooldown;
      this.wait = 0;
    }
  }
}

function bad(name: string, expected: string, value: unknown): never {
  throw new RangeError(`${name} must be ${expected}, got ${typeof value === 'string' ? JSON.stringify(value) : String(value)}`);
}

/**
 * Keras's ReduceLROnPlateau with Keras's defaults.
 *
 * @example
 * model.fit(xs, ys, {epochs: 100, validationSplit: 0.2, callbacks: [reduceLROnPlateau({factor: 0.5, patience: 5})]});
 */
export function reduceLROnPlateau(args: ReduceLROnPlateauArgs = {}): ReduceLROnPlateau {
  return new ReduceLROnPlateau(args);
}
