// Discriminative learning rates for model.fit: the named layers train at `factor` × the lr every
// other layer trains at (fastai's lower lr for a pretrained body), by scaled updates (scaled-updates.ts).
import * as tf from '@tensorflow/tfjs';
import { ScaledUpdates } from '../scaled-updates.js';

export interface LayerLrCallbackArgs {
  /** The layers (or their names) that train at the lower rate, e.g. a pretrained base. */
  layers: readonly (tf.layers.Layer | string)[];
  /** Their lr is this fraction of the optimizer's, in (0, 1]. */
  factor: number;
}

export class LayerLrCallback extends tf.Callback {
  private scaled: ScaledUpdates | null = null;

  constructor(private readonly args: LayerLrCallbackArgs) {
    super();
    if (!(args.factor > 0 && args.factor <= 1)) throw new RangeError(`factor must be in (0, 1], got ${args.factor}`);
  }

  override async onTrainBegin(): Promise<void> {
    const model = this.model as unknown as tf.LayersModel;
    const names = new Set(model.layers.map((l) => l.name));
    const wanted = this.args.layers.map((l) => (typeof l === 'string' ? l : l.name));
    const unknown = wanted.filter((name) => !names.has(name));
    if (unknown.length > 0) throw new RangeError(`LayerLrCallback: the model has no layer ${unknown.join(', ')}`);
    const variables = model.layers.filter((l) => wanted.includes(l.name)).flatMap((l) => l.trainableWeights.map((w) => w.read() as tf.Variable));
    this.scaled = new ScaledUpdates(variables, this.args.factor);
  }

  override async onBatchBegin(): Promise<void> {
    this.scaled?.remember();
  }

  override async onBatchEnd(): Promise<void> {
    this.scaled?.scale();
  }

  override async onTrainEnd(): Promise<void> {
    this.scaled?.forget();
  }
}

/**
 * Trains `layers` at `factor` × the lr of the rest, e.g. a pretrained base under a new head.
 * @example
 * await model.fit(xs, ys, { epochs: 4, callbacks: [oneCycleCallback(found), layerLrCallback({ layers: base, factor: 0.1 })] });
 */
export function layerLrCallback(args: LayerLrCallbackArgs): LayerLrCallback {
  return new LayerLrCallback(args);
}
