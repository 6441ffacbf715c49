// Terminal-only numbers: ETAs and percentages (the rest is src/format.ts, as everywhere).

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
