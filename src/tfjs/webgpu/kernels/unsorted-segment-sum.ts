// UnsortedSegmentSum for webgpu. The stock kernel drops negative ids but not ids ≥ numSegments: it
// adds those rows somewhere in the output (measured: relative error 0.73 against cpu), where
// TensorFlow and cpu drop them. Gather's gradient only makes ids in range, so embeddings trained
// right before; this maps ids ≥ numSegments to -1 and runs the stock kernel.
import * as tf from '@tensorflow/tfjs';
import type { KernelArgs } from './program.js';
import { stockWebGpuKernels } from './stock.js';

function run(name: string, args: KernelArgs, inputs: Record<string, tf.TensorInfo>, attrs: tf.NamedAttrMap = {}): tf.TensorInfo {
  const kernel = tf.getKernel(name, 'webgpu');
  if (kernel === undefined) throw new Error(`webgpu kernel ${name} is not registered`);
  return kernel.kernelFunc({ inputs, attrs, backend: args.backend as unknown as tf.KernelBackend }) as tf.TensorInfo;
}

export function unsortedSegmentSum(args: KernelArgs): tf.TensorInfo {
  const { inputs, attrs, backend } = args;
  const stock = stockWebGpuKernels.get('UnsortedSegmentSum');
  if (stock === undefined) throw new Error('no stock webgpu UnsortedSegmentSum to call');
  const ids = inputs['segmentIds']!;
  const numSegments = attrs['numSegments'] as number;
  const limit = backend.makeTensorInfo([], 'int32', Int32Array.of(numSegments));
  // Select takes its output shape from its branches: -1 must have the ids' shape, not be a scalar.
  const dropped = run('Fill', args, {}, { shape: ids.shape, value: -1, dtype: 'int32' });
  const outside = run('GreaterEqual', args, { a: ids, b: limit });
  const kept = run('Select', args, { condition: outside, t: dropped, e: ids });
  const out = stock.kernelFunc({ inputs: { x: inputs['x']!, segmentIds: kept }, attrs, backend: backend as unknown as tf.KernelBackend }) as tf.TensorInfo;
  for (const info of [limit, dropped, outside, kept]) backend.disposeData(info.dataId);
  return out;
}

export const unsortedSegmentSumConfig: tf.KernelConfig = {
  kernelName: 'UnsortedSegmentSum',
  backendName: 'webgpu',
  kernelFunc: unsortedSegmentSum as unknown as tf.KernelFunc,
};
