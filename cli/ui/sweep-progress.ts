// The progress bar's numbers for a sweep, planned or run again by an escalation.
import type { RangeTestStep } from '../../src/index.js';
import type { RunHeader } from '../../src/present/words.js';

/**
 * How far the sweep has got: over every planned run, or, once an escalation runs it again (more
 * runs or steps than the header planned), over the run in progress.
 */
export function sweepProgress(step: Pick<RangeTestStep, 'run' | 'step' | 'numIter'>, header: Pick<RunHeader, 'runs' | 'numIter'> | null): { done: number; total: number; run: string } {
  const runs = header?.runs ?? 1;
  if (header !== null && (step.run >= runs || step.numIter !== header.numIter)) {
    return { done: step.step + 1, total: step.numIter, run: `run ${step.run + 1}  ` };
  }
  return { done: step.run * step.numIter + step.step + 1, total: step.numIter * runs, run: runs > 1 ? `run ${step.run + 1}/${runs}  ` : '' };
}
