// How every schedule reads its step argument, so that no schedule can throw or return NaN.

/** Largest step a schedule distinguishes; later steps read as this one. */
export const MAX_STEP = Number.MAX_SAFE_INTEGER;

/**
 * Clamps a step into [0, MAX_STEP]. Negative steps and NaN read as 0 (the value before training
 * starts); steps above 2^53 − 1 (including +Infinity) read as 2^53 − 1. Fractional steps are kept:
 * continuous schedules interpolate between integer steps, stepwise ones floor them.
 */
export function normalizeStep(step: number): number {
  if (!(step > 0)) return 0;
  return step > MAX_STEP ? MAX_STEP : step;
}
