// The loss window of the range-test chart: how high the y axis goes, which losses fall above it,
// its tick values, and the smoothed line cut where it leaves the window (so it never runs into the
// label strips and never seems to flatten at the top).
import type { Analysis } from '../src/types.js';
import { maxOf, minOf } from '../src/numbers.js';

type WindowInput = Pick<Analysis, 'curve' | 'smoothedLosses' | 'divergenceIndex' | 'aggregate'>;

export interface CurveWindow {
  lo: number;
  hi: number;
  /** The highest loss drawn as a point; [top, hi] is headroom, so a point at the top is drawn whole. */
  top: number;
  /** Losses above `top`, which the chart does not draw; null when there are none. */
  cut: { count: number; highest: number } | null;
}

/** The finite values of `xs`. */
export const finite = (xs: Iterable<number>): number[] => [...xs].filter((x) => Number.isFinite(x));

/** Room above the highest drawn loss, as a share of the window: a point's symbol fits in it. */
const HEADROOM = 0.03;

/**
 * From just under the lowest loss to the highest one that says something: the smoothed curve and
 * the raw losses up to the divergence (after it, raw losses only scatter upwards and would leave
 * the plot empty above the curve), but never above `clipFactor` × the first smoothed loss, so a
 * loss that explodes at the end does not flatten the interesting part.
 */
export function curveWindow(input: WindowInput, clipFactor: number): CurveWindow {
  const smoothed = finite(input.smoothedLosses);
  const end = input.divergenceIndex === null ? input.curve.losses.length : input.divergenceIndex + 1;
  const rawBefore = finite(input.curve.losses.slice(0, end));
  const agg = input.aggregate;
  const highs = [...smoothed, ...rawBefore, ...finite(agg?.upper ?? [])];
  const lows = [...smoothed, ...rawBefore, ...finite(agg?.lower ?? [])];
  const start = smoothed[0] ?? 1;
  const cap = start > 0 ? start * clipFactor : Number.POSITIVE_INFINITY;
  const highest = Math.min(maxOf(highs), cap);
  const low = minOf(lows);
  let lo = low - (highest - low) * 0.05;
  if (lo < 0 && low >= 0) lo = 0;
  const top = highest > lo ? highest : lo + 1;
  const hi = top + (top - lo) * HEADROOM;
  const above = finite([...input.curve.losses, ...input.smoothedLosses]).filter((v) => v > top);
  return { lo, hi, top, cut: above.length > 0 ? { count: above.length, highest: maxOf(above) } : null };
}

/** Round tick values inside [lo, hi], about `count` of them (1, 2 or 5 × a power of ten apart). */
export function niceTicks(lo: number, hi: number, count = 6): number[] {
  const raw = (hi - lo) / count;
  if (!(raw > 0) || !Number.isFinite(raw)) return [lo];
  const power = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 5, 10].map((m) => m * power).find((s) => s >= raw) ?? 10 * power;
  const decimals = Math.max(0, -Math.floor(Math.log10(step)) + 1);
  const ticks: number[] = [];
  for (let k = Math.ceil(lo / step - 1e-9); k * step <= hi + step * 1e-9; k++) ticks.push(Number((k * step).toFixed(decimals)));
  return ticks;
}

/** A point of the smoothed line; `piece` changes where the line leaves the window or has a gap. */
export interface LinePoint {
  lr: number;
  loss: number;
  piece: number;
}

/**
 * The smoothed line inside [lo, hi]: where it crosses `hi` it ends (or starts) exactly on the
 * window's edge, interpolated on the log-lr axis; non-finite values break it.
 */
export function smoothedPieces(lrs: readonly number[], smoothed: readonly number[], lo: number, hi: number): LinePoint[] {
  const out: LinePoint[] = [];
  let piece = 0;
  let open = false;
  const inside = (v: number) => Number.isFinite(v) && v >= lo && v <= hi;
  const crossing = (i: number): LinePoint => {
    const a = smoothed[i] ?? Number.NaN;
    const b = smoothed[i + 1] ?? Number.NaN;
    const edge = (a > hi || b > hi) ? hi : lo;
    const t = (edge - a) / (b - a);
    const la = Math.log(lrs[i] ?? 1);
    const lb = Math.log(lrs[i + 1] ?? 1);
    return { lr: Math.exp(la + (lb - la) * t), loss: edge, piece };
  };
  for (let i = 0; i < lrs.length; i++) {
    const v = smoothed[i] ?? Number.NaN;
    const lr = lrs[i] ?? Number.NaN;
    if (inside(v)) {
      if (!open && i > 0 && Number.isFinite(smoothed[i - 1] ?? Number.NaN)) out.push(crossing(i - 1));
      out.push({ lr, loss: v, piece });
      open = true;
      continue;
    }
    if (open) {
      if (Number.isFinite(v)) out.push(crossing(i - 1));
      piece++;
      open = false;
    }
  }
  return out;
}
