// Epoch logs reach callbacks as numbers or scalar tensors; callbacks that read them resolve them.
import * as tf from '@tensorflow/tfjs';

/** tfjs-layers' `UnresolvedLogs` (not exported publicly). */
export type UnresolvedLogs = { [key: string]: number | tf.Scalar };

/**
 * Replaces scalar tensors in `logs` with their numbers, in place, and disposes the tensors — what
 * tfjs's own EarlyStopping does, so later callbacks (History) see plain numbers.
 */
export async function resolveLogs(logs: UnresolvedLogs | undefined): Promise<void> {
  if (logs == null) return;
  const keys = Object.keys(logs).filter((k) => typeof logs[k] !== 'number');
  const tensors = keys.map((k) => logs[k] as tf.Scalar);
  const values = await Promise.all(tensors.map((t) => t.data()));
  keys.forEach((k, i) => {
    logs[k] = (values[i] as ArrayLike<number>)[0] as number;
  });
  tf.dispose(tensors);
}

/** The model's optimizer, or a TypeError when the callback runs before `compile`. */
export function optimizerOf(callback: tf.Callback, name: string): tf.Optimizer {
  const optimizer = (callback.model as tf.LayersModel | undefined)?.optimizer;
  if (optimizer == null) throw new TypeError(`${name} needs a compiled model with an optimizer`);
  return optimizer;
}
