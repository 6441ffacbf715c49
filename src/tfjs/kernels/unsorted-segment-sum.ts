// UnsortedSegmentSum for wasm (missing from the stock backend; gather's gradient needs it, so
// embeddings could not train). out[s, …] = Σ over positions p with segmentIds[p] = s of x[p, …].
// Ids outside [0, numSegments) are dropped, as TensorFlow drops negative ids.
import * as tf from '@tensorflow/tfjs';
import type { BackendWasm, Attrs, TensorInfo } from './kernel-utils.js';

export function unsortedSegmentSum(args: { inputs: Record<string, TensorInfo>; attrs: Attrs; backend: BackendWasm }): TensorInfo {
  const { inputs, attrs, backend } = args;
  const x = inputs['x']!;
  const ids = inputs['segmentIds']!;
  const numSegments = attrs['numSegments'] as number;
  const rows = ids.shape.reduce((a, b) => a * b, 1);
  const inner = x.shape.slice(ids.shape.length);
  const width = inner.reduce((a, b) => a * b, 1);
  const acc = new Float64Array(numSegments * width);
  const out = backend.makeOutput([numSegments, ...inner], x.dtype);
  const xs = backend.typedArrayFromHeap(x);
  const idv = backend.typedArrayFromHeap(ids);
  for (let p = 0; p < rows; p++) {
    const s = idv[p]!;
    if (s < 0 || s >= numSegments) continue;
    const from = p * width;
    const to = s * width;
    for (let k = 0; k < width; k++) acc[to + k] = acc[to + k]! + xs[from + k]!;
  }
  backend.typedArrayFromHeap(out).set(acc);
  return out;
}

export const unsortedSegmentSumConfig: tf.KernelConfig = {
  kernelName: 'UnsortedSegmentSum',
  backendName: 'wasm',
  kernelFunc: unsortedSegmentSum as unknown as tf.KernelFunc,
};
