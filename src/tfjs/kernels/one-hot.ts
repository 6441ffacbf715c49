// OneHot for wasm. The stock kernel writes integer bit patterns into float32 outputs
// (tf.oneHot(i, n, 1, 0, 'float32') gives 1.4e-45 for 1); this one writes values of the right type.
import * as tf from '@tensorflow/tfjs';
import type { BackendWasm, Attrs, TensorInfo } from './kernel-utils.js';

export function oneHot(args: { inputs: Record<string, TensorInfo>; attrs: Attrs; backend: BackendWasm }): TensorInfo {
  const { inputs, attrs, backend } = args;
  const indices = inputs['indices']!;
  const depth = attrs['depth'] as number;
  const onValue = (attrs['onValue'] as number | undefined) ?? 1;
  const offValue = (attrs['offValue'] as number | undefined) ?? 0;
  const dtype = (attrs['dtype'] as tf.DataType | undefined) ?? 'int32';
  const out = backend.makeOutput([...indices.shape, depth], dtype);
  const idx = backend.typedArrayFromHeap(indices);
  const values = backend.typedArrayFromHeap(out);
  values.fill(offValue);
  for (let p = 0; p < idx.length; p++) {
    const k = idx[p]!;
    if (k >= 0 && k < depth) values[p * depth + k] = onValue;
  }
  return out;
}

export const oneHotConfig: tf.KernelConfig = {
  kernelName: 'OneHot',
  backendName: 'wasm',
  kernelFunc: oneHot as unknown as tf.KernelFunc,
};
