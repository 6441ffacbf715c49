// Small robust statistics shared by the analysis steps.

/** Arithmetic mean; NaN when empty. */
export function mean(values: readonly number[]): number {
  return values.length === 0 ? NaN : values.reduce((a, b) => a + b, 0) / values.length;
}

/** Median of the values (average of the two middle ones for an even count); NaN when empty. */
export function median(values: readonly number[]): number {
  if (values.length === 0) return NaN;
  const sorted = Float64Array.from(values).sort(); // typed arrays sort numerically, and fast
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/** numpy's default (linear) quantile of already sorted values, q in [0, 1]. */
export function sortedQuantile(sorted: readonly number[], q: number): number {
  const position = q * (sorted.length - 1);
  const below = Math.floor(position);
  const above = Math.min(below + 1, sorted.length - 1);
  const low = sorted[below]!;
  const high = sorted[above]!;
  // Exact hits and equal neighbours return as is, which keeps Infinity·0 and ∞ − ∞ out.
  if (position === below || high === low) return low;
  return low + (high - low) * (position - below);
}

/**
 * Per-point noise of a curve, from the median absolute step between neighbours: for white noise of
 * standard deviation σ, median|Δ| = 0.954σ. The trend adds little as long as a step moves the loss
 * less than the noise does, and the median ignores a diverged tail shorter than half the curve.
 */
export function noiseLevel(values: readonly number[]): number {
  if (values.length < 2) return 0;
  const steps = new Array<number>(values.length - 1);
  for (let i = 1; i < values.length; i++) steps[i - 1] = Math.abs(values[i]! - values[i - 1]!);
  return median(steps) / 0.954;
}

/** Index of the first smallest value in [from, to); NaN values are skipped; -1 when none. */
export function argmin(values: readonly number[], from = 0, to = values.length): number {
  let best = -1;
  for (let i = from; i < to; i++) {
    const v = values[i]!;
    if (!Number.isNaN(v) && (best < 0 || v < values[best]!)) best = i;
  }
  return best;
}

/** Index of the curve point whose lr is nearest to `lr` on a log scale. */
export function nearestIndex(lrs: readonly number[], lr: number): number {
  const target = Math.log10(lr);
  let best = 0;
  for (let i = 1; i < lrs.length; i++) {
    if (Math.abs(Math.log10(lrs[i]!) - target) < Math.abs(Math.log10(lrs[best]!) - target)) best = i;
  }
  return best;
}
