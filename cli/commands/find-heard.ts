// What `find`'s main thread has heard from its training worker, kept so that a second Ctrl-C can
// stop the worker at once and still write the curve: the steps of the sweep, its reading once the
// sweep is over, and the losses of every probe step.
import type { Confirmation, Escalation, LrFinderResult, LrProbe, RangeTestStep } from '../../src/index.js';
import { analyzeRangeTest } from '../../src/range-test/analyze-result.js';
import { DEFAULT_CONFIRM_SETTINGS, judgeProbe, probeJudgement } from '../../src/range-test/confirm.js';
import { rangeTestFromSteps } from '../../src/range-test/from-steps.js';
import { finderResult } from '../../src/range-test/result.js';
import type { WorkerMessage } from './find-messages.js';
import type { FindPlan } from './find-plan.js';

type Ready = Extract<WorkerMessage, { type: 'ready' }>;
type Swept = Extract<WorkerMessage, { type: 'analysis' }>;

export interface Heard {
  ready: Ready | null;
  steps: RangeTestStep[];
  swept: Swept | null;
  /** Each probe's lr and the losses of the steps it ran, in order. */
  probes: { lr: number; losses: number[]; steps: number }[];
  /** What the finder did beyond the plan, so far. */
  escalations: Escalation[];
  started: number;
}

export function nothingHeard(): Heard {
  return { ready: null, steps: [], swept: null, probes: [], escalations: [], started: performance.now() };
}

/** Adds a worker message to what was heard. */
export function hear(heard: Heard, message: WorkerMessage): void {
  if (message.type === 'ready') heard.ready = message;
  else if (message.type === 'step') {
    // A sweep run again with more steps per run replaces the one before it (more runs of the same sweep add to it).
    const planned = heard.steps.reduce((n, s) => Math.max(n, s.numIter), 0);
    if (message.step.step === 0 && message.step.numIter > planned && heard.steps.length > 0) heard.steps = [];
    heard.steps.push(message.step);
  } else if (message.type === 'escalation') heard.escalations.push(message.escalation);
  else if (message.type === 'analysis') heard.swept = message;
  else if (message.type === 'probe') {
    const { lr, done, steps, loss } = message.probe;
    if (done === 1) heard.probes.push({ lr, losses: [], steps });
    heard.probes.at(-1)?.losses.push(loss);
  }
}

/** The probes that finished, judged as the worker would have; the one cut short is left out. */
function stoppedConfirmation(heard: Heard, swept: Swept): Confirmation {
  const judgement = probeJudgement(swept.analysis, DEFAULT_CONFIRM_SETTINGS);
  const finished = heard.probes.filter((p) => p.losses.length === p.steps || !p.losses.every(Number.isFinite));
  const probes: LrProbe[] = finished.map((p) => ({ lr: p.lr, losses: p.losses, ...judgeProbe(p.losses, judgement) }));
  return { maxLr: null, edge: null, target: judgement.target, probes, stopped: true };
}

/**
 * The result as far as it was heard, for a worker stopped at once: the sweep (partial when it was
 * cut), read when it has two points, and the finished probes with the curve's bounds (unconfirmed).
 */
export function heardResult(heard: Heard, plan: FindPlan): LrFinderResult {
  const swept = heard.swept;
  if (swept !== null) {
    // Stopped probes confirm nothing: the bounds stay the curve's.
    return finderResult(swept.rangeTest, swept.analysis, heard.probes.length > 0 ? stoppedConfirmation(heard, swept) : null, { escalations: heard.escalations });
  }
  const about = {
    backend: heard.ready?.backend ?? 'unknown',
    optimizer: heard.ready?.optimizer ?? plan.optimizer,
    seconds: (performance.now() - heard.started) / 1000,
  };
  // The sweep heard last, as planned at its first step: an escalation may have run it with more steps or runs.
  const runs = Math.max(plan.settings.runs, new Set(heard.steps.map((s) => s.run)).size);
  const settings = { ...plan.settings, numIter: heard.steps[0]?.numIter ?? plan.settings.numIter, runs };
  const rangeTest = rangeTestFromSteps(heard.steps, settings, about);
  let analysis = null;
  try {
    analysis = rangeTest.lrs.length >= 2 ? analyzeRangeTest(rangeTest) : null;
  } catch {
    analysis = null; // nothing readable: reported as too few steps
  }
  return finderResult(rangeTest, analysis, null, { escalations: heard.escalations });
}
