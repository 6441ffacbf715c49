// Small helpers shared by the data tests.
import type { SplitArrays } from '../../src/data/dataset-arrays.js';

export function classCounts(labels: ArrayLike<number>, k = 10): number[] {
  const counts = new Array<number>(k).fill(0);
  for (let i = 0; i < labels.length; i++) counts[labels[i]!]!++;
  return counts;
}

/** [min, max] of an array. */
export function range(xs: Float32Array): [number, number] {
  let lo = Infinity;
  let hi = -Infinity;
  for (const v of xs) {
    lo = Math.min(lo, v);
    hi = Math.max(hi, v);
  }
  return [lo, hi];
}

/** Each example as a string (label and features), to compare splits as sets of examples. */
export function rows(s: SplitArrays): string[] {
  const width = s.xs.length / s.size;
  return Array.from({ length: s.size }, (_, i) => `${s.labels[i]}:${s.xs.subarray(i * width, (i + 1) * width).join(',')}`);
}

/** Byte-wise equality of two typed arrays (much faster than toEqual on large arrays). */
export function sameBytes(a: ArrayBufferView, b: ArrayBufferView): boolean {
  return Buffer.from(a.buffer, a.byteOffset, a.byteLength).equals(Buffer.from(b.buffer, b.byteOffset, b.byteLength));
}
