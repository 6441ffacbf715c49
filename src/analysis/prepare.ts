// Cleaning a curve before analysis: what is dropped or cut, and why, goes into `warnings`.
import type { Curve } from '../types.js';
import { formatCount, MAX_CURVE_POINTS } from '../limits.js';
import { AnalysisError } from './errors.js';

/** Losses beyond this magnitude are treated like non-finite ones: the run has blown up, and
 * differences of such values would overflow to Infinity. */
export const LOSS_LIMIT = 1e100;

export interface PreparedCurve {
  /** The usable part of the curve; analysis indices refer to it. */
  curve: Curve;
  /** Number of leading points dropped because their lr was ≤ 0. */
  dropped: number;
  /** True when the curve was cut at a non-finite (or overflowing) loss or lr. */
  cut: boolean;
  warnings: string[];
}

const isNumber = (value: unknown): value is number => typeof value === 'number';
const usable = (lr: unknown, loss: unknown): boolean =>
  isNumber(lr) && Number.isFinite(lr) && isNumber(loss) && Number.isFinite(loss) && Math.abs(loss) < LOSS_LIMIT;

/**
 * Validates and cleans a curve: drops leading points with lr ≤ 0 (no log scale), cuts the curve at
 * the first non-finite loss or lr (as the range test stops there), then requires at least 2 points
 * with strictly increasing lrs. Throws an `AnalysisError` otherwise.
 */
export function prepareCurve(curve: Curve): PreparedCurve {
  const { lrs, losses } = (curve ?? {}) as Partial<Curve>;
  if (!Array.isArray(lrs) || !Array.isArray(losses)) {
    throw new AnalysisError('invalid-curve', 'a curve must be {lrs: number[], losses: number[]}');
  }
  if (lrs.length !== losses.length) {
    throw new AnalysisError('invalid-curve', `lrs has ${lrs.length} values but losses has ${losses.length}`);
  }
  if (lrs.length > MAX_CURVE_POINTS) {
    throw new AnalysisError('too-many-points', `the curve has ${formatCount(lrs.length)} points; lrfind reads at most ${formatCount(MAX_CURVE_POINTS)}: keep one point in ${Math.ceil(lrs.length / MAX_CURVE_POINTS)}`);
  }
  const warnings: string[] = [];
  let start = 0;
  while (start < lrs.length && isNumber(lrs[start]) && lrs[start]! <= 0) start++;
  if (start > 0) warnings.push(`dropped the first ${start === 1 ? 'point' : `${start} points`}: an lr ≤ 0 has no log scale`);
  let end = start;
  while (end < lrs.length && usable(lrs[end], losses[end])) end++;
  const cut = end < lrs.length;
  if (cut) {
    const what = usable(lrs[end], 0) ? `loss ${String(losses[end])}` : `lr ${String(lrs[end])}`;
    warnings.push(`the curve was cut at step ${end} (${what}): analysed the ${end - start} points before it`);
  }
  const kept: Curve = { lrs: lrs.slice(start, end), losses: losses.slice(start, end) };
  if (kept.lrs.length < 2) {
    const cutAt = cut ? `: the curve was cut at step ${end} (${usable(lrs[end], 0) ? `loss ${String(losses[end])}` : `lr ${String(lrs[end])}`}), which leaves ${kept.lrs.length} of its ${lrs.length} points` : `, got ${kept.lrs.length}`;
    throw new AnalysisError('too-few-points', `need at least 2 finite points with lr > 0 before any non-finite one${cutAt}`);
  }
  for (let i = 1; i < kept.lrs.length; i++) {
    if (!(Math.log10(kept.lrs[i]!) > Math.log10(kept.lrs[i - 1]!))) {
      throw new AnalysisError(
        'lrs-not-increasing',
        `lrs must strictly increase, but lrs[${start + i}] = ${kept.lrs[i]} follows ${kept.lrs[i - 1]}`,
      );
    }
  }
  return { curve: kept, dropped: start, cut, warnings };
}
