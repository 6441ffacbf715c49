// Messages between `find` (main thread: terminal, Ctrl-C, files) and its training worker.
import type { Analysis, Escalation, LrFinderResult, RangeTestResult, RangeTestStep } from '../../src/index.js';
import type { ProbeStatus } from '../../src/present/words.js';
import type { FindPlan } from './find-plan.js';

/** What the worker starts with: the plan and a shared flag the main thread sets on Ctrl-C. */
export interface WorkerInput {
  plan: FindPlan;
  /** Int32Array over a SharedArrayBuffer: [0] becomes 1 on Ctrl-C. */
  stop: Int32Array;
}

export type WorkerMessage =
  /** Backend, data and model are ready; the sweep starts. */
  | { type: 'ready'; backend: string; examples: number; numClasses: number; optimizer: string; target?: string; step?: boolean }
  | { type: 'step'; step: RangeTestStep }
  /** The sweep is over and read; the probes start. */
  | { type: 'analysis'; rangeTest: RangeTestResult; analysis: Analysis }
  | { type: 'probe'; probe: ProbeStatus }
  /** A range test of the weight-decay family starts. */
  | { type: 'weight-decay'; member: { weightDecay: number; index: number; count: number } }
  /** The finder did more than planned because the curve did not answer (see `LrFinderResult.escalations`). */
  | { type: 'escalation'; escalation: Escalation }
  /** recommendLearningRate's result, as it came (its analysis null under two points). */
  | { type: 'result'; found: LrFinderResult }
  /** A thrown error, by class name (so the exit code can tell bad input from a bug) and message. */
  | { type: 'error'; name: string; message: string; stack?: string };
