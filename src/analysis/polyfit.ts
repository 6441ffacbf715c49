// Least-squares polynomial fits on a few points: the edges of the Savitzky-Golay filter.

/** Solves the small dense system `a·x = b` in place (Gaussian elimination, partial pivoting). */
function solve(a: number[][], b: number[]): number[] {
  const m = b.length;
  for (let col = 0; col < m; col++) {
    let pivot = col;
    for (let row = col + 1; row < m; row++) {
      if (Math.abs(a[row]![col]!) > Math.abs(a[pivot]![col]!)) pivot = row;
    }
    [a[col], a[pivot]] = [a[pivot]!, a[col]!];
    [b[col], b[pivot]] = [b[pivot]!, b[col]!];
    const diagonal = a[col]![col]!;
    for (let row = col + 1; row < m; row++) {
      const factor = a[row]![col]! / diagonal;
      for (let k = col; k < m; k++) a[row]![k]! -= factor * a[col]![k]!;
      b[row]! -= factor * b[col]!;
    }
  }
  const x = new Array<number>(m).fill(0);
  for (let row = m - 1; row >= 0; row--) {
    let sum = b[row]!;
    for (let k = row + 1; k < m; k++) sum -= a[row]![k]! * x[k]!;
    x[row] = sum / a[row]![row]!;
  }
  return x;
}

/**
 * Least-squares polynomial of `degree` through the points `start .. start+count-1`, at coordinates
 * `x` (or at positions 0..count-1 relative to `start` when `x` is null). Returns the evaluator of
 * its `derivative`-th derivative at a coordinate. Coordinates are centred and scaled to [-1, 1]
 * before fitting, which keeps the normal equations well conditioned for small degrees.
 * Requires count > degree and distinct coordinates.
 */
export function fitPolynomial(
  x: readonly number[] | null,
  values: readonly number[],
  start: number,
  count: number,
  degree: number,
): (at: number, derivative: number) => number {
  const coordinate = (i: number): number => (x === null ? i : x[start + i]!);
  const first = coordinate(0);
  const last = coordinate(count - 1);
  const centre = (first + last) / 2;
  const scale = Math.max((last - first) / 2, x === null ? 1 : Number.MIN_VALUE);
  const m = degree + 1;
  // Normal equations Σ u^(j+k) c_k = Σ u^j y.
  const powerSums = new Array<number>(2 * degree + 1).fill(0);
  const rhs = new Array<number>(m).fill(0);
  for (let i = 0; i < count; i++) {
    const u = (coordinate(i) - centre) / scale;
    const y = values[start + i]!;
    let p = 1;
    for (let j = 0; j <= 2 * degree; j++) {
      powerSums[j]! += p;
      if (j < m) rhs[j]! += p * y;
      p *= u;
    }
  }
  const matrix = Array.from({ length: m }, (_, j) => Array.from({ length: m }, (_, k) => powerSums[j + k]!));
  const coefficients = solve(matrix, rhs);
  return (at, derivative) => {
    const u = (at - centre) / scale;
    let sum = 0;
    for (let k = derivative; k < m; k++) {
      let falling = 1; // k·(k-1)·…·(k-derivative+1)
      for (let f = 0; f < derivative; f++) falling *= k - f;
      sum += coefficients[k]! * falling * Math.pow(u, k - derivative);
    }
    return sum * Math.pow(scale, -derivative); // d/dx = (1/scale)·d/du
  };
}

/** `fitPolynomial` on sample positions, evaluated at the positions `at` (relative to `start`). */
export function fitAndEvaluate(
  values: readonly number[],
  start: number,
  count: number,
  degree: number,
  derivative: number,
  at: readonly number[],
): number[] {
  const evaluate = fitPolynomial(null, values, start, count, degree);
  return at.map((position) => evaluate(position, derivative));
}
