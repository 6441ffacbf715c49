// Conv2DBackpropFilter for wasm, missing from the stock backend (so no conv2d layer could train).
//
// dW[a, b, ci, co] = Σ_{n,i,j} xp[n, a + i·s, b + j·s, ci] · dy[n, i, j, co], with xp the padded input.
// That is a forward convolution whose batch is Cin and whose channels are N: input x as
// [Cin, H, W, N], filter dy as [Ho, Wo, N, Cout], stride 1, dilation s, the forward padding (made
// explicit, so that XNNPACK pads for free) → [Cin, kh, kw, Cout]. One XNNPACK call does the work.
//
// With few input channels (a network's first layer) that convolution has only kh·kw·Cin output
// pixels and runs at a fraction of XNNPACK's speed; there the patches matrix [kh·kw·Cin, N·Ho·Wo],
// built in one JS pass, times dy as [N·Ho·Wo, Cout] is 2.5–3× faster.
import * as tf from '@tensorflow/tfjs';
import {
  type BackendWasm, type Attrs, type Pad, type RoundingMode, type TensorInfo, heapF32, release, reshape, run, runStock, transpose,
} from './kernel-utils.js';

/** Use patches when they have at most this many rows (3×3 filters with ≤ 3 input channels)… */
const MAX_PATCH_ROWS = 32;
/** …and at most this many floats (64 MB). */
const MAX_PATCH_FLOATS = 16 * 1024 * 1024;

/** dW as patchesᵀ · dy: patches[(a·kw + b)·Cin + ci, (n, i, j)] = x[n, i·sh + a - top, j·sw + b - left, ci], 0 outside. */
function filterGradByPatches(backend: BackendWasm, x: TensorInfo, dy: TensorInfo, info: tf.backend_util.Conv2DInfo): TensorInfo {
  const { batchSize: n, inHeight: h, inWidth: w, inChannels: cin, outHeight: ho, outWidth: wo, outChannels: cout } = info;
  const { filterHeight: kh, filterWidth: kw, strideHeight: sh, strideWidth: sw, padInfo } = info;
  const p = n * ho * wo;
  const patches = backend.makeOutput([1, kh * kw * cin, p], 'float32');
  const xs = heapF32(backend, x);
  const out = heapF32(backend, patches);
  let q = 0;
  for (let a = 0; a < kh; a++) {
    for (let b = 0; b < kw; b++) {
      for (let ci = 0; ci < cin; ci++) {
        for (let bn = 0; bn < n; bn++) {
          for (let i = 0; i < ho; i++) {
            const row = i * sh + a - padInfo.top;
            if (row < 0 || row >= h) {
              out.fill(0, q, q + wo);
              q += wo;
              continue;
            }
            const base = (bn * h + row) * w;
            for (let j = 0; j < wo; j++, q++) {
              const col = j * sw + b - padInfo.left;
              out[q] = col < 0 || col >= w ? 0 : xs[(base + col) * cin + ci]!;
            }
          }
        }
      }
    }
  }
  const dy3 = reshape(backend, dy, [1, p, cout]);
  // Untransposed and unbatched: the stock kernel's XNNPACK path.
  const product = runStock('BatchMatMul', { inputs: { a: patches, b: dy3 }, attrs: { transposeA: false, transposeB: false }, backend });
  const dw = reshape(backend, product, [kh, kw, cin, cout]);
  release(backend, patches, dy3, product);
  return dw;
}

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
  const rows = kh * kw * cin;
  if (rows <= MAX_PATCH_ROWS && rows * n * ho * wo <= MAX_PATCH_FLOATS) return filterGradByPatches(backend, x, dy, info);
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
