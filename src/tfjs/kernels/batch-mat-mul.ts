// BatchMatMul for wasm. The stock kernel sends only an untransposed, unbatched product to XNNPACK;
// every other case runs a scalar triple loop, 20–100× slower. Gradients of dense layers are exactly
// such cases (dA = dy·Bᵀ, dB = Aᵀ·dy), so here operands are transposed first (a cheap copy) and
// batches go to XNNPACK one at a time.
import * as tf from '@tensorflow/tfjs';
import { type BackendWasm, type Attrs, type TensorInfo, release, reshape, run, runStock } from './kernel-utils.js';

const size = (shape: number[]) => shape.reduce((a, b) => a * b, 1);

/** Products smaller than this many multiply-adds per batch stay on the stock loop (slicing costs more). */
const MIN_BATCHED_WORK = 16_384;

/** Swaps the last two axes, or passes x through when `swap` is false. */
export function swapLastAxes(backend: BackendWasm, x: TensorInfo, swap: boolean): TensorInfo {
  const rank = x.shape.length;
  if (!swap) return reshape(backend, x, x.shape);
  const perm = [...Array(rank - 2).keys(), rank - 1, rank - 2];
  return run(backend, 'Transpose', { x }, { perm });
}

export function batchMatMul(args: { inputs: Record<string, TensorInfo>; attrs: Attrs; backend: BackendWasm }): TensorInfo {
  const { inputs, attrs, backend } = args;
  const a = inputs['a']!;
  const b = inputs['b']!;
  const transposeA = Boolean(attrs['transposeA']);
  const transposeB = Boolean(attrs['transposeB']);
  const batchA = size(a.shape.slice(0, -2));
  const batchB = size(b.shape.slice(0, -2));
  if (a.dtype !== 'float32' || b.dtype !== 'float32') return runStock('BatchMatMul', args);
  if (batchA === 1 && batchB === 1 && !transposeA && !transposeB) return runStock('BatchMatMul', args);
  const at = swapLastAxes(backend, a, transposeA);
  const bt = swapLastAxes(backend, b, transposeB);
  const [m, k] = at.shape.slice(-2) as [number, number];
  const n = bt.shape[bt.shape.length - 1]!;
  const plain = { transposeA: false, transposeB: false };
  let out: TensorInfo;
  const sameBatches = batchA === batchB && a.shape.length === b.shape.length;
  if (batchA === 1 && batchB === 1) {
    out = runStock('BatchMatMul', { inputs: { a: at, b: bt }, attrs: plain, backend });
  } else if ((sameBatches || batchA === 1 || batchB === 1) && m * k * n >= MIN_BATCHED_WORK) {
    const batch = Math.max(batchA, batchB);
    const a3 = reshape(backend, at, [batchA, m, k]);
    const b3 = reshape(backend, bt, [batchB, k, n]);
    const parts: TensorInfo[] = [];
    for (let i = 0; i < batch; i++) {
      const ai = batchA === 1 ? reshape(backend, a3, a3.shape) : run(backend, 'Slice', { x: a3 }, { begin: [i, 0, 0], size: [1, m, k] });
      const bi = batchB === 1 ? reshape(backend, b3, b3.shape) : run(backend, 'Slice', { x: b3 }, { begin: [i, 0, 0], size: [1, k, n] });
      parts.push(runStock('BatchMatMul', { inputs: { a: ai, b: bi }, attrs: plain, backend }));
      release(backend, ai, bi);
    }
    // Concat takes its inputs as a list, not a name map.
    const joined = parts.length === 1 ? reshape(backend, parts[0]!, parts[0]!.shape) : run(backend, 'Concat', parts as unknown as Record<string, TensorInfo>, { axis: 0 });
    const outer = (batchA >= batchB ? a : b).shape.slice(0, -2);
    out = reshape(backend, joined, [...outer, m, n]);
    release(backend, a3, b3, joined, ...parts);
  } else {
    out = runStock('BatchMatMul', { inputs: { a: at, b: bt }, attrs: plain, backend });
  }
  release(backend, at, bt);
  return out;
}

export const batchMatMulConfig: tf.KernelConfig = {
  kernelName: 'BatchMatMul',
  backendName: 'wasm',
  kernelFunc: batchMatMul as unknown as tf.KernelFunc,
};
