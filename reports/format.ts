// The lr axis of the charts: its tick values and their labels (vega expressions). Numbers themselves: src/format.ts.

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
