// Conv2DBackpropFilter for wasm, missing from the stock backend (so no conv2d layer could train).
//
// dW[a, b, ci, co] = Σ_{n,i,j} xp[n, a + i·s, b + j·s, ci] · dy[n, i, j, co], with xp the padded input.
// That is a forward convolution whose batch is Cin and whose channels are N: input x as
// [Cin, H, W, N], filter dy as [Ho, Wo, N, Cout], stride 1, dilation s, the forward padding (made
// explicit, so that XNNPACK pads for free) → [Cin, kh, kw, Cout]. One XNNPACK call does the work.
import * as tf from '@tensorflow/tfjs';
import { type BackendWasm, type Attrs, type Pad, type RoundingMode, type TensorInfo, release, run, transpose } from './kernel-utils.js';

export function conv2dBackpropFilter(args: { inputs: Record<string, TensorInfo>; attrs: Attrs; backend: BackendWasm }): TensorInfo {
  const { inputs, attrs, backend } = args;
  const x = inputs['x']!;
  const dy = inputs['dy']!;
  if (attrs['dataFormat'] === 'NCHW') throw new Error('wasm Conv2DBackpropFilter supports dataFormat NHWC only');
  const filterShape = attrs['filterShape'] as [number, number, number, number];
  const info = tf.backend_util.computeConv2DInfo(
    x.shape as [number, number, number, number], filterShape, attrs['strides'] as [number, number], 1,
    attrs['pad'] as Pad, attrs['dimRoundingMode'] as RoundingMode, false, 'channelsLast',
  );
  const { batchSize: n, inHeight: h, inWidth: w, inChannels: cin, outHeight: ho, outWidth: wo } = info;
  const { filterHeight: kh, filterWidth: kw, strideHeight: sh, strideWidth: sw, padInfo } = info;
  // Rows of the padded input that some output reads: kh + (ho - 1)·sh from -top. Rows past the
  // end are padding (bottom ≥ 0) or never read (bottom < 0: crop them).
  const bottom = kh + (ho - 1) * sh - padInfo.top - h;
  const right = kw + (wo - 1) * sw - padInfo.left - w;
  const temps: TensorInfo[] = [];
  let xc = x;
  if (bottom < 0 || right < 0) {
    xc = run(backend, 'Slice', { x }, { begin: [0, 0, 0, 0], size: [n, h + Math.min(bottom, 0), w + Math.min(right, 0), cin] });
    temps.push(xc);
  }
  const xt = transpose(backend, xc, [3, 1, 2, 0]);
  const dyt = transpose(backend, dy, [1, 2, 0, 3]);
  temps.push(xt, dyt);
  const pad: tf.backend_util.ExplicitPadding = [[0, 0], [padInfo.top, Math.max(bottom, 0)], [padInfo.left, Math.max(right, 0)], [0, 0]];
  const out = run(backend, 'Conv2D', { x: xt, filter: dyt }, { strides: [1, 1], dilations: [sh, sw], pad, dataFormat: 'NHWC' });
  temps.push(out);
  const dw = transpose(backend, out, [1, 2, 0, 3]);
  release(backend, ...temps);
  return dw;
}

export const conv2dBackpropFilterConfig: tf.KernelConfig = {
  kernelName: 'Conv2DBackpropFilter',
  backendName: 'wasm',
  kernelFunc: conv2dBackpropFilter as unknown as tf.KernelFunc,
};
