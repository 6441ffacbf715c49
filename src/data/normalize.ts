// Column scaling for CSV features, fitted on the training rows only (no peeking at validation).
import type { Normalization } from './options.js';

export interface ColumnScaling {
  /** Subtracted from each column. */
  offset: Float32Array;
  /** Each column is multiplied by this after the offset (0 for constant columns). */
  factor: Float32Array;
}

/** Fits per-column scaling on `train` (row-major, `width` columns). */
export function fitScaling(train: Float32Array, width: number, method: Normalization): ColumnScaling {
  const rows = width === 0 ? 0 : train.length / width;
  const offset = new Float32Array(width);
  const factor = new Float32Array(width).fill(1);
  if (method === 'none' || rows === 0) return { offset, factor };
  for (let c = 0; c < width; c++) {
    let a = Infinity;
    let b = -Infinity;
    let sum = 0;
    for (let r = 0; r < rows; r++) {
      const v = train[r * width + c]!;
      a = Math.min(a, v);
      b = Math.max(b, v);
      sum += v;
    }
    if (method === 'min-max') {
      offset[c] = a;
      factor[c] = b > a ? 1 / (b - a) : 0;
    } else {
      const mean = sum / rows;
      let squares = 0;
      for (let r = 0; r < rows; r++) squares += (train[r * width + c]! - mean) ** 2;
      const std = Math.sqrt(squares / rows);
      offset[c] = mean;
      factor[c] = std > 0 ? 1 / std : 0;
    }
  }
  return { offset, factor };
}

/** Applies `scaling` to a row-major matrix in place. */
export function applyScaling(values: Float32Array, scaling: ColumnScaling): void {
  const width = scaling.offset.length;
  for (let i = 0; i < values.length; i++) {
    const c = i % width;
    values[i] = (values[i]! - scaling.offset[c]!) * scaling.factor[c]!;
  }
}
