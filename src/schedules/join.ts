// Composition of schedules: optax's join_schedules, the one way composite schedules are built.
import type { Schedule } from '../types.js';
import { fail, finite } from './validate.js';
import { normalizeStep } from './step.js';

/**
 * Runs `schedules[0]` before `boundaries[0]`, `schedules[i]` from `boundaries[i-1]` on, and
 * re-bases the step at every boundary: at global step `s ≥ boundaries[i-1]` the value is
 * `schedules[i](s - boundaries[i-1])`. Boundaries may be fractional or negative (PyTorch's
 * one-cycle puts them at `pctStart * totalSteps - 1`) but must not decrease.
 *
 * @example
 * // 100 warm-up steps, then cosine decay over 900 steps
 * const lr = join([linear({from: 0, to: 0.1, steps: 100}), cosine({from: 0.1, to: 0, steps: 900})], [100]);
 * @see https://github.com/google-deepmind/optax/blob/main/optax/schedules/_join.py
 */
export function join(schedules: readonly Schedule[], boundaries: readonly number[]): Schedule {
  if (!Array.isArray(schedules) || schedules.length === 0) {
    fail('schedules', 'a non-empty array of schedules', schedules);
  }
  schedules.forEach((s, i) => {
    if (typeof s !== 'function') fail(`schedules[${i}]`, 'a function', s);
  });
  if (!Array.isArray(boundaries) || boundaries.length !== schedules.length - 1) {
    fail('boundaries', `an array of ${schedules.length - 1} numbers (one fewer than schedules)`, boundaries);
  }
  boundaries.forEach((b, i) => {
    finite(`boundaries[${i}]`, b);
    const prev = boundaries[i - 1];
    if (prev !== undefined && b < prev) fail(`boundaries[${i}]`, `≥ boundaries[${i - 1}] (${prev})`, b);
  });
  const parts = schedules.slice();
  const bounds = boundaries.slice();
  return (step) => {
    const s = normalizeStep(step);
    let i = 0;
    while (i < bounds.length && s >= (bounds[i] as number)) i++;
    const schedule = parts[i] as Schedule;
    return i === 0 ? schedule(s) : schedule(s - (bounds[i - 1] as number));
  };
}
