// Confirms the max lr of a range test by sustained training: from the starting weights, each probe
// warms up to a candidate lr and holds it (see src/range-test/confirm.ts for why); candidates go
// down from where the sweep's loss rose until one trains. The model and optimizer are restored
// exactly, as after the range test.
import {
  type ConfirmSettingsInput, judgeProbe, ladderTop, probeJudgement, probeLadder, probeSchedule, resolveConfirmSettings, trainsClearlyBetter, checkVerdict,
} from '../range-test/confirm.js';
import type { Analysis, Confirmation, LrProbe } from '../types.js';
import { makeBatchSource, type TrainingData } from './batches.js';
import { prepareLearner } from './check-inputs.js';
import type { Trainable } from './learner.js';
import { disposeSnapshot, restoreSnapshot, takeSnapshot } from './snapshot.js';
import { checkAccumulationSteps, trainStep, type StepOptions } from './train-step.js';
import { WeightDecay, type WeightDecayOptions } from './weight-decay.js';
import { yieldToEventLoop } from './yield.js';

export interface ConfirmOptions extends ConfirmSettingsInput, StepOptions, Partial<WeightDecayOptions> {
  /** Mini-batch size when the data is given as tensors; use the range test's. @default 64 */
  batchSize?: number;
  /** Shuffle seed of every probe. @default 0 */
  seed?: number;
  /** Stops the probes; the confirmation then has `stopped: true` and no maxLr. */
  signal?: AbortSignal;
  /** Called after every probe step, e.g. to abort the signal or draw progress. */
  onStep?: (probe: { lr: number; step: number; steps: number; loss: number }) => void;
  /** The first candidate. @default where the sweep's loss rose (see `ladderTop`) */
  top?: number;
}

/**
 * Probes candidate max lrs on `model` (a compiled model or a training step, as given to
 * `findLearningRate`), largest first,
 * and returns the confirmed max lr. Costs up to (maxProbes + 1) × (warmupSteps + holdSteps) steps: a check replaces two rungs of the ladder.
 * @example
 * const result = await findLearningRate(model, data, { batchSize: 32 });
 * const { maxLr } = await confirmMaxLr(model, data, analyzeCurve(result), { batchSize: 32 });
 */
export async function confirmMaxLr(model: Trainable, data: TrainingData, analysis: Analysis, options: ConfirmOptions = {}): Promise<Confirmation> {
  const settings = resolveConfirmSettings(options);
  const batchSize = options.batchSize ?? 64;
  const seed = options.seed ?? 0;
  if (!Number.isInteger(batchSize) || batchSize < 1) throw new RangeError(`batchSize must be a positive integer, got ${batchSize}`);
  checkAccumulationSteps(options.accumulationSteps);
  const learner = await prepareLearner(model, data, batchSize);
  const decay = options.weightDecay === undefined ? null : WeightDecay.of(learner.trainable, { weightDecay: options.weightDecay, ...(options.decayApplyTo ? { decayApplyTo: options.decayApplyTo } : {}) });
  const stepOptions = { accumulationSteps: options.accumulationSteps ?? 1, decay };
  const { lrs } = analysis.curve;
  const judgement = probeJudgement(analysis, settings);
  const { target } = judgement;
  const probes: LrProbe[] = [];
  const snapshot = takeSnapshot(learner);
  const atRise = analysis.divergenceIndex === null ? null : lrs[analysis.divergenceIndex]!;
  const top = options.top ?? ladderTop(lrs[analysis.minimumIndex]!, atRise, settings.ceiling);
  if (!(top > 0 && Number.isFinite(top))) throw new RangeError(`top must be a positive number, got ${top}`);
  const stopped: Confirmation = { maxLr: null, edge: null, target, probes, stopped: true };
  /** One probe at `lr` (a check below a pass when `check`), recorded; null when the signal stopped it. */
  const runProbe = async (lr: number, check = false): Promise<LrProbe | null> => {
    const losses: number[] = [];
    const source = makeBatchSource(data, batchSize, seed);
    const schedule = probeSchedule(lr, settings);
    try {
      for (const [step, stepLr] of schedule.entries()) {
        if (options.signal) await yieldToEventLoop();
        if (options.signal?.aborted) return null;
        const loss = await trainStep(learner, source, stepLr, stepOptions);
        losses.push(loss);
        options.onStep?.({ lr, step, steps: schedule.length, loss });
        if (!Number.isFinite(loss)) break; // blown up: no need to go on
      }
    } finally {
      restoreSnapshot(learner, snapshot);
    }
    const probe: LrProbe = check ? { lr, losses, ...checkVerdict(losses, judgement), check } : { lr, losses, ...judgeProbe(losses, judgement) };
    probes.push(probe);
    return probe;
  };
  try {
    let below = Number.POSITIVE_INFINITY; // the ladder goes on under a check that did not train
    for (const lr of probeLadder(top, settings)) {
      if (lr >= below * (1 - 1e-9)) continue;
      const probe = await runProbe(lr);
      if (probe === null) return stopped;
      if (!probe.passed) continue;
      if (!settings.checkBelow) return { maxLr: lr / settings.margin, edge: lr, target, probes, stopped: false };
      // A larger lr past the edge of stability can pass while training worse than one below it, or by luck.
      const check = await runProbe(lr / settings.ladder ** 2, true);
      if (check === null) return stopped;
      if (!check.passed) {
        probes[probes.indexOf(probe)] = { ...probe, passed: false, unbacked: true };
        below = check.lr;
        continue;
      }
      const edge = trainsClearlyBetter(check, probe, judgement.level, settings.betterBy) ? check : probe;
      return { maxLr: edge.lr / settings.margin, edge: edge.lr, target, probes, stopped: false, ...(edge === check ? { steppedDown: true } : {}) };
    }
    return { maxLr: null, edge: null, target, probes, stopped: false };
  } finally {
    decay?.forget();
    disposeSnapshot(snapshot);
  }
}
