// Seeded splits and subsets as index lists, and gathering rows by index. Pure; no tfjs.
import { seededPermutation } from '../random.js';

export interface IndexSplit {
  train: Int32Array;
  validation: Int32Array;
}

/** Shuffles 0..n-1 with `seed`, then holds out the first round(n × fraction) for validation. */
export function randomSplit(n: number, seed: number, validationFraction: number, what: string): IndexSplit {
  const held = Math.round(n * validationFraction);
  if (held < 1 || held > n - 1) {
    throw new RangeError(
      `validationFraction must leave both splits non-empty for ${n} examples of ${what}, got ${validationFraction}`,
    );
  }
  const order = seededPermutation(n, seed);
  return { validation: order.subarray(0, held), train: order.subarray(held) };
}

/** Two separately stored sets (e.g. MNIST train and test), each shuffled with `seed`. */
export function canonicalSplit(trainCount: number, testCount: number, seed: number): IndexSplit {
  return { train: seededPermutation(trainCount, seed), validation: seededPermutation(testCount, seed) };
}

/** The first `size` of already-shuffled `indices`, so subsets of one seed nest across sizes. */
export function takeSubset(indices: Int32Array, size: number | undefined, arg: string, what: string): Int32Array {
  if (size === undefined) return indices;
  if (size > indices.length) {
    throw new RangeError(`${arg} must be ≤ ${indices.length} (the size of ${what}), got ${size}`);
  }
  return indices.subarray(0, size);
}

type Rows = Uint8Array | Float32Array;

/** Copies rows `indices` of a row-major `src` (`width` values per row), times `scale`. */
export function gatherRows(src: Rows, width: number, indices: Int32Array, scale = 1): Float32Array {
  const out = new Float32Array(indices.length * width);
  // Native typed-array copies (with conversion) first, then one scaling pass: ~5× faster on MNIST.
  for (let r = 0; r < indices.length; r++) {
    const from = indices[r]! * width;
    out.set(src.subarray(from, from + width), r * width);
  }
  if (scale !== 1) for (let i = 0; i < out.length; i++) out[i] = out[i]! * scale;
  return out;
}

export function gatherLabels(src: ArrayLike<number>, indices: Int32Array): Int32Array {
  return Int32Array.from(indices, (row) => src[row]!);
}
