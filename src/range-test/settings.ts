// Defaults and eager validation of range-test settings (pure: no tfjs).
import { formatCount, MAX_RUNS, MAX_SWEEP_STEPS } from '../limits.js';
import type { RangeTestSettings, SweepMode } from '../types.js';

/** The tunable numbers of a range test; every field optional, defaults as documented. */
export interface RangeTestSettingsInput {
  /** First learning rate of the sweep. @default 1e-7 */
  startLr?: number;
  /** Last learning rate of the sweep. @default 1 */
  endLr?: number;
  /** Number of mini-batches (steps) in the sweep. @default 100 */
  numIter?: number;
  /** How the lr grows: 'exp' (geometric) or 'linear'. @default 'exp' */
  mode?: SweepMode;
  /** Mini-batch size when the data is given as tensors. @default 64 */
  batchSize?: number;
  /**
   * Stop when the smoothed loss rises this many times above the best (fastai uses 4); Infinity disables.
   * @default 4
   */
  divergeThreshold?: number;
  /** β of the bias-corrected EMA recorded with the raw loss. @default 0.98 */
  smoothing?: number;
  /** How many times to repeat the test, each with its own shuffle seed, from the same weights. @default 1 */
  runs?: number;
  /** Seed of the first run's shuffle; run r uses seed + r. @default 0 */
  seed?: number;
}

export const DEFAULT_RANGE_TEST_SETTINGS: RangeTestSettings = {
  startLr: 1e-7,
  endLr: 1,
  numIter: 100,
  mode: 'exp',
  batchSize: 64,
  divergeThreshold: 4,
  smoothing: 0.98,
  runs: 1,
  seed: 0,
};

/** Raised for settings that cannot make a range test; the message names the argument and the value. */
export class RangeTestSettingsError extends RangeError {
  override name = 'RangeTestSettingsError';
}

function fail(message: string): never {
  throw new RangeTestSettingsError(message);
}

function isPositiveInteger(x: number): boolean {
  return Number.isInteger(x) && x > 0;
}

/** Fills defaults and validates; throws `RangeTestSettingsError` naming the first bad argument. */
export function resolveRangeTestSettings(input: RangeTestSettingsInput = {}): RangeTestSettings {
  const s: RangeTestSettings = { ...DEFAULT_RANGE_TEST_SETTINGS };
  for (const [key, value] of Object.entries(input)) {
    if (value !== undefined && key in s) (s as unknown as Record<string, unknown>)[key] = value;
  }
  if (s.mode !== 'exp' && s.mode !== 'linear') fail(`mode must be 'exp' or 'linear', got ${String(s.mode)}`);
  if (typeof s.startLr !== 'number' || !Number.isFinite(s.startLr)) fail(`startLr must be a finite number, got ${s.startLr}`);
  if (typeof s.endLr !== 'number' || !Number.isFinite(s.endLr)) fail(`endLr must be a finite number, got ${s.endLr}`);
  // Also in linear mode: a step at lr 0 trains nothing, and the curve is read on a log axis.
  if (s.startLr <= 0) fail(`startLr must be positive (a learning rate of 0 trains nothing and has no place on a log axis), got ${s.startLr}`);
  if (s.endLr <= 0) fail(`endLr must be positive, got ${s.endLr}`);
  if (s.startLr >= s.endLr) fail(`startLr must be below endLr (got ${s.startLr} and ${s.endLr})`);
  if (!Number.isInteger(s.numIter) || s.numIter < 2) fail(`numIter must be an integer ≥ 2, got ${s.numIter}`);
  if (s.numIter > MAX_SWEEP_STEPS) fail(`numIter must be at most ${formatCount(MAX_SWEEP_STEPS)} (lrfind's limit for one sweep), got ${s.numIter}`);
  if (!isPositiveInteger(s.batchSize)) fail(`batchSize must be a positive integer, got ${s.batchSize}`);
  if (typeof s.divergeThreshold !== 'number' || Number.isNaN(s.divergeThreshold) || s.divergeThreshold <= 1) {
    fail(`divergeThreshold must be above 1 (Infinity disables it), got ${s.divergeThreshold}`);
  }
  if (typeof s.smoothing !== 'number' || !(s.smoothing >= 0 && s.smoothing < 1)) {
    fail(`smoothing must be in [0, 1), got ${s.smoothing}`);
  }
  if (!isPositiveInteger(s.runs)) fail(`runs must be a positive integer, got ${s.runs}`);
  if (s.runs > MAX_RUNS) fail(`runs must be at most ${MAX_RUNS}, got ${s.runs}`);
  if (!Number.isInteger(s.seed) || s.seed < 0) fail(`seed must be a non-negative integer, got ${s.seed}`);
  return s;
}
