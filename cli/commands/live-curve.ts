// What the views show of a sweep while it runs, smoothed exactly as the report smooths the final
// curve (`smoothLosses`: running median + Savitzky-Golay, with the window of the whole sweep, so a
// point's smoothed value stops changing once the window has passed it), so that the live numbers and
// chart of a completed sweep end on the report's. The range test's own EMA (its `emaLoss`, `bestLoss`) lags the loss by ~1/(1-β)
// steps and only drives the stop rule (--diverge): it is never shown, so no two "smoothed" losses
// disagree on screen.
import type { RangeTestStep } from '../../src/index.js';
import { LOSS_LIMIT } from '../../src/analysis/prepare.js';
import { smoothLosses } from '../../src/analysis/reading.js';
import { defaultWindowSize } from '../../src/analysis/savitzky-golay.js';
import type { StepStatus } from '../../src/present/words.js';
import { minOf } from '../../src/numbers.js';

export interface LiveCurve {
  /** Records a step (cheap: the smoothing runs only when asked for). */
  add(step: RangeTestStep): void;
  /** The current run's (lr, smoothed loss) points so far. */
  points(): { lr: number; loss: number }[];
  /** The latest step: raw loss, smoothed loss there and the lowest smoothed loss so far; null before the first. */
  status(): StepStatus | null;
}

/** A fresh live curve for a sweep of `runs` runs. */
export function liveCurve(runs: number): LiveCurve {
  let run = -1;
  let lrs: number[] = [];
  let losses: number[] = [];
  let last: RangeTestStep | null = null;
  let cache: { count: number; smoothed: number[] } | null = null;
  const smoothed = (): number[] => {
    if (cache?.count !== losses.length) {
      const windowSize = defaultWindowSize(last?.numIter ?? losses.length);
      cache = { count: losses.length, smoothed: smoothLosses(losses, { windowSize }) };
    }
    return cache.smoothed;
  };
  return {
    add(step) {
      // A new run, or a new sweep (an escalation, a weight decay's range test) starts at step 0.
      if (step.run !== run || step.step === 0) {
        run = step.run;
        lrs = [];
        losses = [];
      }
      last = step;
      // The analysis cuts a curve at a loss it cannot use; so does the view.
      if (lrs.length === step.step && Number.isFinite(step.loss) && Math.abs(step.loss) < LOSS_LIMIT) {
        lrs.push(step.lr);
        losses.push(step.loss);
      }
    },
    points() {
      const s = smoothed();
      return lrs.map((lr, i) => ({ lr, loss: s[i]! }));
    },
    status() {
      if (last === null) return null;
      const s = smoothed();
      const lowest = s.length > 0 ? minOf(s) : Number.NaN;
      return {
        run: last.run, runs, done: last.step + 1, numIter: last.numIter, lr: last.lr, loss: last.loss,
        smoothed: s.at(-1) ?? Number.NaN, lowest,
      };
    },
  };
}
