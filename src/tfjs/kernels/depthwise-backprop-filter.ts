// DepthwiseConv2dNativeBackpropFilter for wasm (missing from the stock backend), in plain JS on
// the wasm heap: dW[a, b, c, m] = Σ_{n,i,j} x[n, i·sh + a·dh - top, j·sw + b·dw - left, c] · dy[n, i, j, c·M + m].
// XNNPACK has no fast form of this (as a depthwise convolution its kernel is the whole of dy, and
// its depthwise code is made for small kernels: measured no faster), so a direct loop with the
// channel axis innermost (contiguous in NHWC); sums run in float64.
import * as tf from '@tensorflow/tfjs';
import { type BackendWasm, type Attrs, type Pad, type RoundingMode, type TensorInfo, heapF32 } from './kernel-utils.js';

export function depthwiseBackpropFilter(args: { inputs: Record<string, TensorInfo>; attrs: Attrs; backend: BackendWasm }): TensorInfo {
  const { inputs, attrs, backend } = args;
  const x = inputs['x']!;
  const dy = inputs['dy']!;
  const filterShape = attrs['filterShape'] as [number, number, number, number];
  const info = tf.backend_util.computeConv2DInfo(
    x.shape as [number, number, number, number], filterShape, attrs['strides'] as [number, number],
    attrs['dilations'] as [number, number], attrs['pad'] as Pad, attrs['dimRoundingMode'] as RoundingMode, true,
  );
  const { batchSize: n, inHeight: h, inWidth: w, inChannels: c, outHeight: ho, outWidth: wo } = info;
  const { filterHeight: kh, filterWidth: kw, strideHeight: sh, strideWidth: sw, dilationHeight: dh, dilationWidth: dw } = info;
  const m = filterShape[3];
  const cm = c * m;
  const top = info.padInfo.top;
  const left = info.padInfo.left;
  const acc = new Float64Array(kh * kw * cm);
  const out = backend.makeOutput(filterShape, 'float32');
  const xs = heapF32(backend, x);
  const dys = heapF32(backend, dy);
  // Tap by tap, with the valid output columns worked out once per tap so that the inner loops run
  // over contiguous channels without bounds checks (2× faster than checking every position).
  for (let fa = 0; fa < kh; fa++) {
    for (let fb = 0; fb < kw; fb++) {
      const wOff = (fa * kw + fb) * cm;
      const colShift = fb * dw - left;
      const j0 = Math.max(0, Math.ceil(-colShift / sw));
      const j1 = Math.min(wo, Math.floor((w - 1 - colShift) / sw) + 1);
      if (j1 <= j0) continue;
      for (let b = 0; b < n; b++) {
        for (let i = 0; i < ho; i++) {
          const row = i * sh + fa * dh - top;
          if (row < 0 || row >= h) continue;
          let xOff = ((b * h + row) * w + j0 * sw + colShift) * c;
          let dyOff = ((b * ho + i) * wo + j0) * cm;
          for (let j = j0; j < j1; j++, xOff += sw * c, dyOff += cm) {
            if (m === 1) {
              for (let ch = 0; ch < c; ch++) acc[wOff + ch] = acc[wOff + ch]! + xs[xOff + ch]! * dys[dyOff + ch]!;
            } else {
              for (let ch = 0; ch < c; ch++) {
                const xv = xs[xOff + ch]!;
                const base = ch * m;
                for (let k = 0; k < m; k++) acc[wOff + base + k] = acc[wOff + base + k]! + xv * dys[dyOff + base + k]!;
              }
            }
          }
        }
      }
    }
  }
  heapF32(backend, out).set(acc);
  return out;
}

export const depthwiseBackpropFilterConfig: tf.KernelConfig = {
  kernelName: 'DepthwiseConv2dNativeBackpropFilter',
  backendName: 'wasm',
  kernelFunc: depthwiseBackpropFilter as unknown as tf.KernelFunc,
};
