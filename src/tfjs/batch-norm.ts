// Batch norm's running statistics, recomputed over one pass of the training data: tfjs updates them
// with momentum 0.99 by default, so after a short schedule they still lag the weights the schedule
// ended on (PyTorch's torch.optim.swa_utils.update_bn, done for the same reason after SWA).
import * as tf from '@tensorflow/tfjs';
import { yieldToEventLoop } from './yield.js';

/** A batch norm layer as tfjs builds it; its momentum is a plain field it reads on every training call. */
interface BatchNormLayer {
  momentum: number;
  getClassName(): string;
}

function batchNormLayers(model: tf.LayersModel): BatchNormLayer[] {
  const found: BatchNormLayer[] = [];
  const visit = (layer: tf.layers.Layer): void => {
    if (layer.getClassName() === 'BatchNormalization') found.push(layer as unknown as BatchNormLayer);
    for (const inner of (layer as unknown as { layers?: tf.layers.Layer[] }).layers ?? []) visit(inner);
  };
  for (const layer of model.layers) visit(layer);
  return found;
}

export interface RefreshBatchNormOptions {
  /** Examples per forward pass. @default 64 */
  batchSize?: number;
}

/**
 * Sets every batch norm layer's moving mean and variance to their average over one pass of `xs`
 * (the training inputs): a forward pass per batch in training mode, the k-th weighted 1/k, so the
 * result is the mean of the batches' statistics. Trains nothing; returns how many layers it set
 * (0, and no pass, for a model without batch norm). Each layer's momentum is restored.
 */
export async function refreshBatchNorm(model: tf.LayersModel, xs: tf.Tensor, options: RefreshBatchNormOptions = {}): Promise<number> {
  const layers = batchNormLayers(model);
  if (layers.length === 0) return 0;
  const batchSize = options.batchSize ?? 64;
  if (!Number.isInteger(batchSize) || batchSize < 1) throw new RangeError(`batchSize must be a positive integer, got ${batchSize}`);
  const n = xs.shape[0]!;
  const momenta = layers.map((l) => l.momentum);
  try {
    for (let start = 0, k = 1; start < n; start += batchSize, k++) {
      for (const layer of layers) layer.momentum = (k - 1) / k;
      tf.tidy(() => {
        const batch = xs.slice(start, Math.min(batchSize, n - start));
        model.apply(batch, { training: true });
      });
      await yieldToEventLoop();
    }
  } finally {
    layers.forEach((l, i) => (l.momentum = momenta[i]!));
  }
  return layers.length;
}
