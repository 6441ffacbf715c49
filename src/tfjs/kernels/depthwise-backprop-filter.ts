// DepthwiseConv2dNativeBackpropFilter for wasm (missing from the stock backend), in plain JS on
// the wasm heap: dW[a, b, c, m] = Σ_{n,i,j} x[n, i·sh + a·dh - top, j·sw + b·dw - left, c] · dy[n, i, j, c·M + m].
// Depthwise work is small (no channel mixing), so a direct loop with the channel axis innermost
// (contiguous in NHWC) is as fast as composing ops, and exact: sums run in float64.
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
  for (let b = 0; b < n; b++) {
    for (let i = 0; i < ho; i++) {
      for (let j = 0; j < wo; j++) {
        const dyOff = ((b * ho + i) * wo + j) * cm;
        for (let fa = 0; fa < kh; fa++) {
          const row = i * sh + fa * dh - top;
          if (row < 0 || row >= h) continue;
          for (let fb = 0; fb < kw; fb++) {
            const col = j * sw + fb * dw - left;
            if (col < 0 || col >= w) continue;
            const xOff = ((b * h + row) * w + col) * c;
            const wOff = (fa * kw + fb) * cm;
            if (m === 1) {
              for (let ch = 0; ch < c; ch++) acc[wOff + ch] = acc[wOff + ch]! + xs[xOff + ch]! * dys[dyOff + ch]!;
            } else {
              for (let ch = 0; ch < c; ch++) {
                const xv = xs[xOff + ch]!;
                for (let k = ch * m; k < ch * m + m; k++) acc[wOff + k] = acc[wOff + k]! + xv * dys[dyOff + k]!;
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
