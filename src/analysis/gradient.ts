// numpy.gradient: second-order central differences inside, first-order one-sided at the ends.

/**
 * Gradient of `values` with respect to `x` (unit spacing when `x` is omitted), exactly as
 * `numpy.gradient(values, x)` with `edge_order=1`: the interior uses the second-order formula for
 * uneven spacing, which reduces to `(f[i+1] - f[i-1]) / 2h` when spacing is even.
 * Fewer than 2 values give zeros (numpy raises instead).
 */
export function numpyGradient(values: readonly number[], x?: readonly number[]): number[] {
  const n = values.length;
  if (x !== undefined && x.length !== n) {
    throw new RangeError(`x must have ${n} values like values, got ${x.length}`);
  }
  const out = new Array<number>(n).fill(0);
  if (n < 2) return out;
  const at = (i: number): number => (x === undefined ? i : x[i]!);
  out[0] = (values[1]! - values[0]!) / (at(1) - at(0));
  out[n - 1] = (values[n - 1]! - values[n - 2]!) / (at(n - 1) - at(n - 2));
  // Like numpy, the central form is used only when every step is exactly equal.
  const h0 = at(1) - at(0);
  let even = true;
  for (let i = 2; i < n && even; i++) even = at(i) - at(i - 1) === h0;
  for (let i = 1; i < n - 1; i++) {
    const h1 = at(i) - at(i - 1);
    const h2 = at(i + 1) - at(i);
    if (even) {
      out[i] = (values[i + 1]! - values[i - 1]!) / (2 * h0);
    } else {
      const a = -h2 / (h1 * (h1 + h2));
      const b = (h2 - h1) / (h1 * h2);
      const c = h1 / (h2 * (h1 + h2));
      out[i] = a * values[i - 1]! + b * values[i]! + c * values[i + 1]!;
    }
  }
  return out;
}

/** The mean step of `x` when every step is within `tolerance` (relative) of it, else null. */
export function uniformStep(x: readonly number[], tolerance = 1e-6): number | null {
  const n = x.length;
  if (n < 2) return null;
  const mean = (x[n - 1]! - x[0]!) / (n - 1);
  if (!(Math.abs(mean) > 0) || !Number.isFinite(mean)) return null;
  for (let i = 1; i < n; i++) {
    if (Math.abs(x[i]! - x[i - 1]! - mean) > tolerance * Math.abs(mean)) return null;
  }
  return mean;
}
