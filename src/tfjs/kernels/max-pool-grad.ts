// MaxPoolGrad for wasm. The stock kernel routes the gradient to the wrong element when a window's
// maximum is ≤ 0 (to the window's first element) or tied (to the last maximum). TensorFlow and the
// cpu backend send it to the first maximum in row-major window order; so does this one.
import * as tf from '@tensorflow/tfjs';
import { type BackendWasm, type Attrs, type Pad, type RoundingMode, type TensorInfo, heapF32 } from './kernel-utils.js';

export function maxPoolGrad(args: { inputs: Record<string, TensorInfo>; attrs: Attrs; backend: BackendWasm }): TensorInfo {
  const { inputs, attrs, backend } = args;
  const dy = inputs['dy']!;
  const x = inputs['input']!;
  const info = tf.backend_util.computePool2DInfo(
    x.shape as [number, number, number, number], attrs['filterSize'] as [number, number], attrs['strides'] as [number, number],
    1, attrs['pad'] as Pad, attrs['dimRoundingMode'] as RoundingMode,
  );
  const { batchSize: n, inHeight: h, inWidth: w, inChannels: c, outHeight: ho, outWidth: wo } = info;
  const { filterHeight: kh, filterWidth: kw, strideHeight: sh, strideWidth: sw, padInfo } = info;
  const out = backend.makeOutput(x.shape, 'float32');
  const xs = heapF32(backend, x);
  const dys = heapF32(backend, dy);
  const dx = heapF32(backend, out);
  dx.fill(0);
  const whole = padInfo.top === 0 && padInfo.left === 0 && (ho - 1) * sh + kh <= h && (wo - 1) * sw + kw <= w;
  if (kh === 2 && kw === 2 && sh === 2 && sw === 2 && whole) {
    pool2x2(xs, dys, dx, n, h, w, c, ho, wo);
    return out;
  }
  const best = new Float32Array(c);
  const where = new Int32Array(c);
  for (let b = 0; b < n; b++) {
    for (let i = 0; i < ho; i++) {
      const r0 = i * sh - padInfo.top;
      for (let j = 0; j < wo; j++) {
        const c0 = j * sw - padInfo.left;
        best.fill(-Infinity);
        where.fill(-1);
        for (let r = Math.max(r0, 0); r < Math.min(r0 + kh, h); r++) {
          for (let col = Math.max(c0, 0); col < Math.min(c0 + kw, w); col++) {
            const off = ((b * h + r) * w + col) * c;
            // Strictly greater: the first maximum in row-major order wins.
            for (let ch = 0; ch < c; ch++) {
              const v = xs[off + ch]!;
              if (v > best[ch]!) {
                best[ch] = v;
                where[ch] = off + ch;
              }
            }
          }
        }
        const dyOff = ((b * ho + i) * wo + j) * c;
        for (let ch = 0; ch < c; ch++) {
          const at = where[ch]!;
          if (at >= 0) dx[at] = dx[at]! + dys[dyOff + ch]!;
        }
      }
    }
  }
  return out;
}

/** The common 2×2, stride 2 pool with every window inside the input: four compares per output. */
function pool2x2(xs: Float32Array, dys: Float32Array, dx: Float32Array, n: number, h: number, w: number, c: number, ho: number, wo: number): void {
  const row = w * c;
  for (let b = 0; b < n; b++) {
    for (let i = 0; i < ho; i++) {
      for (let j = 0; j < wo; j++) {
        const p00 = ((b * h + 2 * i) * w + 2 * j) * c;
        const p01 = p00 + c;
        const p10 = p00 + row;
        const p11 = p10 + c;
        const dyOff = ((b * ho + i) * wo + j) * c;
        for (let ch = 0; ch < c; ch++) {
          // Row-major order with strict comparisons from -∞: ties go to the earliest position, and
          // NaNs never win (as on cpu).
          let at = -1;
          let best = -Infinity;
          const v00 = xs[p00 + ch]!;
          if (v00 > best) { best = v00; at = p00 + ch; }
          const v01 = xs[p01 + ch]!;
          if (v01 > best) { best = v01; at = p01 + ch; }
          const v10 = xs[p10 + ch]!;
          if (v10 > best) { best = v10; at = p10 + ch; }
          if (xs[p11 + ch]! > best) at = p11 + ch;
          if (at >= 0) dx[at] = dys[dyOff + ch]!;
        }
      }
    }
  }
}

export const maxPoolGradConfig: tf.KernelConfig = {
  kernelName: 'MaxPoolGrad',
  backendName: 'wasm',
  kernelFunc: maxPoolGrad as unknown as tf.KernelFunc,
};
