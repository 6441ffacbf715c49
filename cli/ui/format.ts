// Short, locale-free numbers for terminal output.
// The module itself, not the reports barrel: that one loads vega, which a terminal view never needs.
export { formatLr } from '../../reports/format.js';

/** A loss with 4 significant digits: "2.303", "0.04213"; non-finite values as "nan"/"inf". */
export function formatLoss(loss: number): string {
  if (Number.isNaN(loss)) return 'nan';
  if (!Number.isFinite(loss)) return loss > 0 ? 'inf' : '-inf';
  return String(Number(loss.toPrecision(4)));
}

export { plural } from '../../src/text.js';

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

/**
 * Seconds left, from the pace so far: `done` of `total` steps took `elapsed` seconds.
 * null before the first step (no pace yet).
 */
export function etaSeconds(done: number, total: number, elapsed: number): number | null {
  if (done <= 0 || total <= 0) return null;
  return (elapsed / done) * Math.max(0, total - done);
}

/**
 * Seconds left at the pace of the steps after the first: whatever ran before the first step ended
 * (a backend compiling its shaders, a warm-up step) does not slow the estimate. null until a second
 * step has ended.
 */
export function etaAfterFirstStep(stepsSince: number, secondsSince: number, remaining: number): number | null {
  if (stepsSince <= 0) return null;
  return (secondsSince / stepsSince) * Math.max(0, remaining);
}

/** "42%" of `done` / `total`, floored so 100% means finished. */
export function percent(done: number, total: number): string {
  return `${total > 0 ? Math.floor((100 * Math.min(done, total)) / total) : 0}%`;
}
