// Extremes of arrays of any length. `Math.max(...values)` passes every value as an argument and
// throws "Maximum call stack size exceeded" past about 100,000 of them (a 70,000-point curve with
// the rest of a call stack on top is enough), so unbounded arrays go through these loops instead.

/** The largest value, as `Math.max(...values)` gives it (-Infinity when empty, NaN when one is NaN). */
export function maxOf(values: Iterable<number>): number {
  let max = Number.NEGATIVE_INFINITY;
  for (const v of values) {
    if (Number.isNaN(v)) return Number.NaN;
    if (v > max) max = v;
  }
  return max;
}

/** The smallest value, as `Math.min(...values)` gives it (Infinity when empty, NaN when one is NaN). */
export function minOf(values: Iterable<number>): number {
  let min = Number.POSITIVE_INFINITY;
  for (const v of values) {
    if (Number.isNaN(v)) return Number.NaN;
    if (v < min) min = v;
  }
  return min;
}
