// Conv2DBackpropInput for wasm as one forward convolution (XNNPACK), faster than the stock kernel.
//
// dx = conv(dy with s-1 zeros between rows and columns, W rotated 180° with in/out channels
// swapped), stride 1, padded by kh-1-top above (and whatever makes the result the input's size
// below). For stride 1 the padding is passed to XNNPACK; for larger strides one JS pass builds the
// dilated, padded gradient.
import * as tf from '@tensorflow/tfjs';
import {
  type BackendWasm, type Attrs, type Pad, type RoundingMode, type TensorInfo, heapF32, release, run, runStock,
} from './kernel-utils.js';

/** Copies x [N, H, W, C] into a zeroed [N, top + (H-1)·sh + 1 + bottom, …, C], spreading rows/cols by the strides. */
export function dilateAndPad(
  backend: BackendWasm, x: TensorInfo, sh: number, sw: number, top: number, bottom: number, left: number, right: number,
): TensorInfo {
  const [n, h, w, c] = x.shape as [number, number, number, number];
  const oh = top + (h - 1) * sh + 1 + bottom;
  const ow = left + (w - 1) * sw + 1 + right;
  const out = backend.makeOutput([n, oh, ow, c], 'float32');
  const src = heapF32(backend, x);
  const dst = heapF32(backend, out);
  dst.fill(0);
  for (let b = 0; b < n; b++) {
    for (let i = 0; i < h; i++) {
      const row = top + i * sh;
      if (row < 0 || row >= oh) continue;
      for (let j = 0; j < w; j++) {
        const col = left + j * sw;
        if (col < 0 || col >= ow) continue;
        const from = ((b * h + i) * w + j) * c;
        dst.set(src.subarray(from, from + c), ((b * oh + row) * ow + col) * c);
      }
    }
  }
  return out;
}

/** W [kh, kw, Cin, Cout] → W rotated 180° in space, as [kh, kw, Cout, Cin]. */
export function flipFilter(backend: BackendWasm, filter: TensorInfo): TensorInfo {
  const reversed = run(backend, 'Reverse', { x: filter }, { dims: [0, 1] });
  const flipped = run(backend, 'Transpose', { x: reversed }, { perm: [0, 1, 3, 2] });
  release(backend, reversed);
  return flipped;
}

export function conv2dBackpropInput(args: { inputs: Record<string, TensorInfo>; attrs: Attrs; backend: BackendWasm }): TensorInfo {
  const { inputs, attrs, backend } = args;
  const dy = inputs['dy']!;
  const filter = inputs['filter']!;
  const inputShape = attrs['inputShape'] as [number, number, number, number];
  const info = tf.backend_util.computeConv2DInfo(
    inputShape, filter.shape as [number, number, number, number], attrs['strides'] as [number, number], 1,
    attrs['pad'] as Pad, attrs['dimRoundingMode'] as RoundingMode, false, 'channelsLast',
  );
  const { inHeight: h, inWidth: w, outHeight: ho, outWidth: wo, filterHeight: kh, filterWidth: kw } = info;
  const { strideHeight: sh, strideWidth: sw, padInfo } = info;
  const top = kh - 1 - padInfo.top;
  const left = kw - 1 - padInfo.left;
  const bottom = h + kh - 1 - ((ho - 1) * sh + 1) - top;
  const right = w + kw - 1 - ((wo - 1) * sw + 1) - left;
  // Odd explicit paddings (wider than the filter) and NCHW: leave them to the stock kernel.
  if (attrs['dataFormat'] === 'NCHW' || top < 0 || left < 0) return runStock('Conv2DBackpropInput', args);
  const flipped = flipFilter(backend, filter);
  let dx: TensorInfo;
  if (sh === 1 && sw === 1 && bottom >= 0 && right >= 0) {
    const pad: tf.backend_util.ExplicitPadding = [[0, 0], [top, bottom], [left, right], [0, 0]];
    dx = run(backend, 'Conv2D', { x: dy, filter: flipped }, { strides: [1, 1], dilations: [1, 1], pad, dataFormat: 'NHWC' });
  } else {
    const spread = dilateAndPad(backend, dy, sh, sw, top, bottom, left, right);
    dx = run(backend, 'Conv2D', { x: spread, filter: flipped }, { strides: [1, 1], dilations: [1, 1], pad: 'valid', dataFormat: 'NHWC' });
    release(backend, spread);
  }
  release(backend, flipped);
  return dx;
}

export const conv2dBackpropInputConfig: tf.KernelConfig = {
  kernelName: 'Conv2DBackpropInput',
  backendName: 'wasm',
  kernelFunc: conv2dBackpropInput as unknown as tf.KernelFunc,
};
