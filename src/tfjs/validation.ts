// The validation loss a range test records beside the training loss (pytorch-lr-finder's
// `val_loader`): over the whole validation set, or over a fixed number of its batches per step,
// taken in turn so that the sample never runs dry and, over the sweep, covers the set.
import * as tf from '@tensorflow/tfjs';
import { exampleCount, orderedBatches, tensorList, xsYsOf, type BatchSource, type TensorData } from './batches.js';
import type { Learner } from './learner.js';

export interface ValidationOptions {
  /** Data to measure a validation loss on, as pytorch-lr-finder's `val_loader` does. */
  validationData?: TensorData;
  /** Measure the validation loss every this many steps (and on the last). @default 1 */
  validationEvery?: number;
  /** Measure it on this many batches per step (the next ones each time) instead of the whole set. @default the whole set */
  validationBatches?: number;
}

export function checkValidationOptions(options: ValidationOptions): void {
  if (options.validationData !== undefined) exampleCount(options.validationData, 'validationData');
  const every = options.validationEvery ?? 1;
  if (!Number.isInteger(every) || every < 1) throw new RangeError(`validationEvery must be a positive integer, got ${every}`);
  const batches = options.validationBatches;
  if (batches !== undefined && !(Number.isInteger(batches) && batches >= 1)) throw new RangeError(`validationBatches must be a positive integer, got ${batches}`);
}

/** Measures the validation loss of a learner: the example-weighted mean over the batches it reads. */
export class Validator {
  private readonly perCall: number;
  private readonly sample: BatchSource | null;

  constructor(private readonly learner: Learner, private readonly data: TensorData, private readonly batchSize: number, batches?: number) {
    const n = exampleCount(data, 'validationData');
    this.perCall = batches ?? Math.ceil(n / Math.min(batchSize, n));
    // A sample goes on where the last one stopped; the whole set starts over every time.
    this.sample = batches === undefined ? null : orderedBatches(data, batchSize);
  }

  async loss(): Promise<number> {
    const source = this.sample ?? orderedBatches(this.data, this.batchSize);
    let weighted = 0;
    let count = 0;
    for (let i = 0; i < this.perCall; i++) {
      const batch = await source.next();
      try {
        const rows = tensorList(xsYsOf(batch, 'validationData').xs)[0]!.shape[0]!;
        const value = this.learner.evaluate(batch);
        weighted += (await value.data())[0]! * rows;
        count += rows;
        value.dispose();
      } finally {
        tf.dispose(batch);
      }
    }
    return weighted / count;
  }
}
