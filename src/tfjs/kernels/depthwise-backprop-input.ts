// DepthwiseConv2dNativeBackpropInput for wasm (missing from the stock backend), in plain JS on the
// wasm heap: every dy[n, i, j, c·M + m] · W[a, b, c, m] lands on dx[n, i·sh + a·dh - top, j·sw + b·dw - left, c].
// Scattering in that order keeps the channel loop innermost and contiguous; sums run in float64.
import * as tf from '@tensorflow/tfjs';
import { type BackendWasm, type Attrs, type Pad, type RoundingMode, type TensorInfo, heapF32 } from './kernel-utils.js';

export function depthwiseBackpropInput(args: { inputs: Record<string, TensorInfo>; attrs: Attrs; backend: BackendWasm }): TensorInfo {
  const { inputs, attrs, backend } = args;
  const dy = inputs['dy']!;
  const filter = inputs['filter']!;
  const inputShape = attrs['inputShape'] as [number, number, number, number];
  const info = tf.backend_util.computeConv2DInfo(
    inputShape, filter.shape as [number, number, number, number], attrs['strides'] as [number, number],
    attrs['dilations'] as [number, number], attrs['pad'] as Pad, attrs['dimRoundingMode'] as RoundingMode, true,
  );
  const { batchSize: n, inHeight: h, inWidth: w, inChannels: c, outHeight: ho, outWidth: wo } = info;
  const { filterHeight: kh, filterWidth: kw, strideHeight: sh, strideWidth: sw, dilationHeight: dh, dilationWidth: dw } = info;
  const m = filter.shape[3]!;
  const cm = c * m;
  const top = info.padInfo.top;
  const left = info.padInfo.left;
  const acc = new Float64Array(n * h * w * c);
  const out = backend.makeOutput(inputShape, 'float32');
  const dys = heapF32(backend, dy);
  const ws = heapF32(backend, filter);
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
            const dxOff = ((b * h + row) * w + col) * c;
            const wOff = (fa * kw + fb) * cm;
            if (m === 1) {
              for (let ch = 0; ch < c; ch++) acc[dxOff + ch] = acc[dxOff + ch]! + ws[wOff + ch]! * dys[dyOff + ch]!;
            } else {
              for (let ch = 0; ch < c; ch++) {
                let sum = 0;
                for (let k = ch * m; k < ch * m + m; k++) sum += ws[wOff + k]! * dys[dyOff + k]!;
                acc[dxOff + ch] = acc[dxOff + ch]! + sum;
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

export const depthwiseBackpropInputConfig: tf.KernelConfig = {
  kernelName: 'DepthwiseConv2dNativeBackpropInput',
  backendName: 'wasm',
  kernelFunc: depthwiseBackpropInput as unknown as tf.KernelFunc,
};
