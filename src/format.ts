// Numbers as lrfind writes them, everywhere (terminal, reports, pages): short, stable, locale-free.

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

/** A loss with 4 significant digits: "2.303", "0.04213"; non-finite values as "nan"/"inf". */
export function formatLoss(loss: number): string {
  if (Number.isNaN(loss)) return 'nan';
  if (!Number.isFinite(loss)) return loss > 0 ? 'inf' : '-inf';
  return String(Number(loss.toPrecision(4)));
}

/** Seconds as "0.4s", "12s", "3m05s", "1h02m". */
export function formatDuration(seconds: number): string {
  if (!Number.isFinite(seconds) || seconds < 0) return '?';
  if (seconds < 10) return `${seconds.toFixed(1)}s`;
  const s = Math.round(seconds);
  if (s < 60) return `${s}s`;
  const m = Math.floor(s / 60);
  if (m < 60) return `${m}m${String(s % 60).padStart(2, '0')}s`;
  return `${Math.floor(m / 60)}h${String(m % 60).padStart(2, '0')}m`;
}
