// Identity for wasm that shares the input's memory (reference counted), as the cpu backend does.
// The stock kernel copies, and the engine clones every tensor it saves for the backward pass, so a
// VGG-style training step spent ~10 ms copying activations. Tensor data is never written in place
// (variables swap their data id on assign), so sharing is safe.
import * as tf from '@tensorflow/tfjs';
import { type BackendWasm, type Attrs, type TensorInfo, runStock } from './kernel-utils.js';

export function identity(args: { inputs: Record<string, TensorInfo>; attrs: Attrs; backend: BackendWasm }): TensorInfo {
  const x = args.inputs['x']!;
  if (x.dtype === 'string') return runStock('Identity', args);
  args.backend.incRef(x.dataId);
  return { dataId: x.dataId, shape: x.shape, dtype: x.dtype };
}

export const identityConfig: tf.KernelConfig = {
  kernelName: 'Identity',
  backendName: 'wasm',
  kernelFunc: identity as unknown as tf.KernelFunc,
};
