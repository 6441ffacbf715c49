// Fewer points for long series without losing their shape: every k-th step, the forced indices
// (phase boundaries), and both sides of every jump (warm restarts), so the SVG stays small.
import { maxOf, minOf } from '../src/numbers.js';

/** Sorted indices of `values` to keep: at most about `maxPoints` plus the forced ones and the jumps. */
export function keepIndices(values: number[][], maxPoints: number, forced: number[] = []): number[] {
  const n = values[0]?.length ?? 0;
  if (n <= maxPoints) return Array.from({ length: n }, (_, i) => i);
  const stride = Math.ceil(n / maxPoints);
  const keep = new Set<number>([0, n - 1]);
  for (let i = 0; i < n; i += stride) keep.add(i);
  for (const f of forced) if (f >= 0 && f < n) keep.add(Math.floor(f));
  for (const series of values) {
    const finiteValues = series.filter((v) => Number.isFinite(v));
    const range = maxOf(finiteValues) - minOf(finiteValues);
    // A step bigger than 2% of the range between neighbours is a jump: keep both of its ends.
    const jump = range * 0.02;
    for (let i = 1; i < n; i++) {
      if (Math.abs((series[i] ?? 0) - (series[i - 1] ?? 0)) > jump && jump > 0 && stride > 1) {
        keep.add(i - 1);
        keep.add(i);
      }
    }
  }
  return [...keep].sort((a, b) => a - b);
}
