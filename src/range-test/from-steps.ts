// A range-test result rebuilt from the steps `onStep` reported, for a caller that must stop the
// trainer at once (a second Ctrl-C ends the CLI's training worker): what it saw is still a curve.
import type { RangeTestResult, RangeTestRun, RangeTestSettings } from '../types.js';

/** What `onStep` reports of a step that the rebuild needs. */
export interface StepRecord {
  run: number;
  lr: number;
  loss: number;
  /** The stop rule's EMA at this step. */
  emaLoss: number;
}

function runOf(steps: readonly StepRecord[], seed: number): RangeTestRun {
  const smoothed = steps.map((s) => s.emaLoss);
  let bestIndex = -1;
  smoothed.forEach((v, i) => {
    if (bestIndex < 0 || v < smoothed[bestIndex]!) bestIndex = i;
  });
  return {
    lrs: steps.map((s) => s.lr),
    losses: steps.map((s) => s.loss),
    emaLosses: smoothed,
    stopReason: 'stopped',
    seed,
    bestIndex,
    bestLoss: bestIndex >= 0 ? smoothed[bestIndex]! : Number.NaN,
  };
}

/** The steps seen so far as a stopped range test (every run that had a step). */
export function rangeTestFromSteps(
  steps: readonly StepRecord[],
  settings: RangeTestSettings,
  about: { backend: string; optimizer: string; seconds: number },
): RangeTestResult {
  const byRun = new Map<number, StepRecord[]>();
  for (const step of steps) {
    const run = byRun.get(step.run);
    if (run === undefined) byRun.set(step.run, [step]);
    else run.push(step);
  }
  const runs = [...byRun.keys()].sort((a, b) => a - b).map((run) => runOf(byRun.get(run)!, settings.seed + run));
  const first = runs[0] ?? runOf([], settings.seed);
  const count = steps.length;
  return {
    ...first,
    runs: runs.length > 0 ? runs : [first],
    settings,
    backend: about.backend,
    optimizer: about.optimizer,
    timing: { seconds: about.seconds, steps: count, msPerStep: count > 0 ? (about.seconds * 1000) / count : 0 },
  };
}
