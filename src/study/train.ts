// Training a model under a learning-rate (and momentum) schedule, with seeded per-epoch shuffles,
// recording loss and accuracy per epoch: the measuring stick of the demo, the study and the
// suggestion benchmark.
import * as tf from '@tensorflow/tfjs';
import { seededPermutation } from '../random.js';
import type { Schedule } from '../types.js';
import { scheduleCallback } from '../tfjs/callbacks/schedule-callback.js';
import { yieldToEventLoop } from '../tfjs/yield.js';
import { refreshBatchNorm } from '../tfjs/batch-norm.js';

export { stepsPerEpoch } from '../schedules/steps.js';

export interface EpochRecord {
  epoch: number;
  loss: number;
  accuracy: number;
  valLoss: number;
  valAccuracy: number;
  /** Learning rate of the epoch's last batch. */
  lr: number;
}

export interface TrainSplit {
  xs: tf.Tensor;
  ys: tf.Tensor;
}

export interface TrainOptions {
  epochs: number;
  batchSize: number;
  /** Learning rate per global step (batch). */
  lr: Schedule;
  /** Momentum (or Adam's beta1) per global step; ignored by optimizers without momentum. */
  momentum?: Schedule | null;
  /** Seeds the per-epoch shuffle. @default 0 */
  seed?: number;
  /** Called after every epoch, e.g. for progress lines. */
  onEpoch?: (record: EpochRecord) => void;
  /**
   * Stops after the current epoch. With a signal, training yields to the event loop after every
   * batch, so that signal handlers (Ctrl-C → abort) run while it trains on the same thread.
   */
  signal?: AbortSignal;
  /**
   * After the last epoch, recompute batch norm's running statistics over the training set (see
   * `refreshBatchNorm`) and measure the last epoch's validation again with them. Nothing happens
   * to a model without batch norm. On by default: it never cost accuracy on bench:bn, and after 2–4
   * epochs it added 0.8–11 points (docs/batch-norm.md).
   * @default true
   */
  refreshBatchNorm?: boolean;
  /** Decoupled weight decay each batch (AdamW's rule, kernels only). @default 0 */
  weightDecay?: number;
}

/** tfjs's fit never yields to the event loop on its own (its promises resolve as microtasks). */
class YieldEachBatch extends tf.Callback {
  override async onBatchEnd(): Promise<void> {
    await yieldToEventLoop();
  }
}

function lastValue(history: tf.History, ...keys: string[]): number {
  for (const key of keys) {
    const values = history.history[key];
    const last = values?.at(-1);
    if (last !== undefined) return typeof last === 'number' ? last : (last as tf.Tensor).dataSync()[0]!;
  }
  return NaN;
}

/**
 * Fits `model` (compiled with an 'accuracy' metric) for `epochs`, following the schedules batch by
 * batch. Each epoch sees the training rows in a seeded order, so runs repeat exactly.
 */
export async function trainWithSchedule(model: tf.LayersModel, train: TrainSplit, validation: TrainSplit, options: TrainOptions): Promise<EpochRecord[]> {
  const n = train.xs.shape[0]!;
  const callback = scheduleCallback({
    lr: options.lr, ...(options.momentum ? { momentum: options.momentum } : {}), skipMissingMomentum: true,
    ...(options.weightDecay ? { weightDecay: options.weightDecay } : {}),
  });
  const callbacks: tf.Callback[] = options.signal ? [callback, new YieldEachBatch()] : [callback];
  const records: EpochRecord[] = [];
  for (let epoch = 0; epoch < options.epochs; epoch++) {
    if (options.signal?.aborted) break;
    const order = tf.tensor1d(seededPermutation(n, (options.seed ?? 0) * 1009 + epoch), 'int32');
    const xs = tf.gather(train.xs, order);
    const ys = tf.gather(train.ys, order);
    order.dispose();
    try {
      const history = await model.fit(xs, ys, {
        epochs: epoch + 1, initialEpoch: epoch, batchSize: options.batchSize, shuffle: false, verbose: 0,
        validationData: [validation.xs, validation.ys], callbacks,
      });
      const record: EpochRecord = {
        epoch: epoch + 1,
        loss: lastValue(history, 'loss'),
        accuracy: lastValue(history, 'acc', 'accuracy'),
        valLoss: lastValue(history, 'val_loss'),
        valAccuracy: lastValue(history, 'val_acc', 'val_accuracy'),
        lr: callback.lrHistory.at(-1) ?? NaN,
      };
      records.push(record);
      options.onEpoch?.(record);
    } finally {
      tf.dispose([xs, ys]);
    }
  }
  const last = records.at(-1);
  if ((options.refreshBatchNorm ?? true) && last !== undefined && (await refreshBatchNorm(model, train.xs, { batchSize: options.batchSize })) > 0) {
    Object.assign(last, validationScores(model, validation, options.batchSize));
  }
  return records;
}

/** Validation loss and accuracy as `fit` reports them (the first metric after the loss). */
function validationScores(model: tf.LayersModel, validation: TrainSplit, batchSize: number): Pick<EpochRecord, 'valLoss' | 'valAccuracy'> {
  const scores = model.evaluate(validation.xs, validation.ys, { batchSize }) as tf.Scalar[];
  const [valLoss, valAccuracy] = scores.map((s) => s.dataSync()[0]!);
  tf.dispose(scores);
  return { valLoss: valLoss ?? NaN, valAccuracy: valAccuracy ?? NaN };
}
