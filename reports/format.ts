// Number formatting shared by the spec builders: short, stable, locale-free.

/** `x` rounded to `digits` significant digits (so specs stay small and diffs stay readable). */
export function roundSig(x: number, digits = 5): number {
  if (!Number.isFinite(x) || x === 0) return x;
  return Number(x.toPrecision(digits));
}

/** `x` rounded to `decimals` places after the point. */
export function roundTo(x: number, decimals: number): number {
  const f = 10 ** decimals;
  return Math.round(x * f) / f;
}

/** A learning rate as people write it: "3.2e-3", "0.2", "1.6", "12". */
export function formatLr(lr: number): string {
  if (!Number.isFinite(lr)) return String(lr);
  if (lr === 0) return '0';
  const abs = Math.abs(lr);
  if (abs >= 0.1 && abs < 100) return String(Number(lr.toPrecision(2)));
  return lr.toExponential(1).replace('e+', 'e').replace(/\.0e/, 'e');
}

/** A metric value with `digits` significant digits, without trailing zeros noise: 0.981, 2.3, 0.0421. */
export function formatValue(x: number, digits = 3): string {
  if (!Number.isFinite(x)) return String(x);
  return String(Number(x.toPrecision(digits)));
}

/** A vega expression labelling an lr axis's ticks in one notation, as `formatLr` writes decades: 1e-7 … 1e-1, 1, 10, 100, then 1e3 … */
export const LR_AXIS_LABEL = "datum.value >= 1 && datum.value < 1000 ? format(datum.value, '~g') : '1e' + round(log(datum.value) / LN10)";

/** Powers of ten covering [lo, hi]: the tick values of a log axis. */
export function decades(lo: number, hi: number): number[] {
  const out: number[] = [];
  for (let e = Math.ceil(Math.log10(lo) - 1e-9); e <= Math.floor(Math.log10(hi) + 1e-9); e++) {
    out.push(Number(`1e${e}`));
  }
  return out;
}
