// _FusedMatMul (matmul + bias + activation) for wasm: like BatchMatMul, the stock kernel uses
// XNNPACK only without transposes, so transposed operands are copied into place first.
import * as tf from '@tensorflow/tfjs';
import { type BackendWasm, type Attrs, type TensorInfo, release, runStock } from './kernel-utils.js';
import { swapLastAxes } from './batch-mat-mul.js';

export function fusedMatMul(args: { inputs: Record<string, TensorInfo>; attrs: Attrs; backend: BackendWasm }): TensorInfo {
  const { inputs, attrs, backend } = args;
  const transposeA = Boolean(attrs['transposeA']);
  const transposeB = Boolean(attrs['transposeB']);
  if (!transposeA && !transposeB) return runStock('_FusedMatMul', args);
  const a = swapLastAxes(backend, inputs['a']!, transposeA);
  const b = swapLastAxes(backend, inputs['b']!, transposeB);
  const out = runStock('_FusedMatMul', { inputs: { ...inputs, a, b }, attrs: { ...attrs, transposeA: false, transposeB: false }, backend });
  release(backend, a, b);
  return out;
}

export const fusedMatMulConfig: tf.KernelConfig = {
  kernelName: '_FusedMatMul',
  backendName: 'wasm',
  kernelFunc: fusedMatMul as unknown as tf.KernelFunc,
};
