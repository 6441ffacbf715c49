// The range test's bookkeeping as a pure reducer: smoothing, best loss and the stop rule.
// Kept free of tfjs so that the stop rule can be tested on hand-made loss sequences.

export interface RecorderState {
  step: number;
  /** Biased EMA accumulator (before bias correction). */
  average: number;
  /** Bias-corrected smoothed loss of the latest step. */
  smoothed: number;
  /** Lowest smoothed loss so far. */
  best: number;
  bestIndex: number;
  /** Smoothed loss of the first step: the reference scale when losses are not positive. */
  first: number;
}

export type RecordVerdict = 'continue' | 'diverged' | 'non-finite loss';

export const initialRecorderState: RecorderState = {
  step: 0, average: 0, smoothed: NaN, best: Infinity, bestIndex: -1, first: NaN,
};

/**
 * Has the smoothed loss diverged? For a positive best loss this is exactly fastai's
 * `smoothed > threshold × best`. That test silently fails when losses are zero or negative, so
 * there the rise is measured against the larger of |best| and the drop from the first loss.
 */
export function hasDiverged(smoothed: number, best: number, first: number, threshold: number): boolean {
  if (!Number.isFinite(threshold)) return false;
  if (best > 0) return smoothed > threshold * best;
  const scale = Math.max(Math.abs(best), first - best) || Math.abs(first) || 1;
  return smoothed - best > (threshold - 1) * scale;
}

/** Adds one raw loss; returns the new state and whether the test should stop. */
export function recordLoss(
  state: RecorderState,
  loss: number,
  beta: number,
  divergeThreshold: number,
): { state: RecorderState; verdict: RecordVerdict } {
  if (!Number.isFinite(loss)) return { state, verdict: 'non-finite loss' };
  const average = beta * state.average + (1 - beta) * loss;
  const smoothed = average / (1 - Math.pow(beta, state.step + 1));
  const improved = state.step === 0 || smoothed < state.best;
  const next: RecorderState = {
    step: state.step + 1,
    average,
    smoothed,
    best: improved ? smoothed : state.best,
    bestIndex: improved ? state.step : state.bestIndex,
    first: state.step === 0 ? smoothed : state.first,
  };
  const diverged = hasDiverged(smoothed, next.best, next.first, divergeThreshold);
  return { state: next, verdict: diverged ? 'diverged' : 'continue' };
}
