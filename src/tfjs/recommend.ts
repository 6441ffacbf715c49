// lrfind's whole recommendation in one call: the range test, the reading of its curve, and the
// confirmation probes that check the curve's max lr by sustained training (on by default: the
// curve alone misses the best one-cycle lr by more, see the README's benchmark). When the curve
// does not answer, it escalates as an expert would (src/range-test/escalate.ts, docs/escalation.md).
import type { AnalyzeOptions } from '../analysis/analyze.js';
import { analyzeRangeTest } from '../range-test/analyze-result.js';
import { probeJudgement, relaxedEdge, resolveConfirmSettings, withMoreProbes, type ConfirmSettingsInput } from '../range-test/confirm.js';
import {
  extendEscalation, lengthenEscalation, nextSweepEscalation, probeEscalation, probeLowerEscalation, repeatEscalation,
  resolveEscalationSettings, sweepSteps, withMoreRuns, worthProbing, type EscalationSettings, type EscalationSettingsInput,
} from '../range-test/escalate.js';
import { finderResult } from '../range-test/result.js';
import { MAX_SWEEP_STEPS } from '../limits.js';
import { ESCALATION } from '../constants.js';
import { formatLr } from '../format.js';
import type { Analysis, Confirmation, Escalation, LrFinderResult, RangeTestResult, WeightDecayChoice } from '../types.js';
import type { TrainingData, TensorData } from './batches.js';
import { confirmMaxLr, type ConfirmOptions } from './confirm.js';
import { findLearningRate, type RangeTestOptions, type RangeTestStep } from './range-test.js';
import type { Trainable } from './learner.js';
import { chooseWeightDecay, familyOf } from './weight-decay-family.js';
import { decayStands } from '../range-test/weight-decay-pick.js';
import { checkMomentumRuns, chooseMomentum, MOMENTUM_VALUES } from './momentum-probes.js';
import { checkWeightDecay, type DecayRule } from './weight-decay.js';

/** The tuned settings behind a recommendation, for experts (defaults: src/constants.ts, docs/constants.md). */
export interface RecommendTuning {
  /** The sweep's: how the lr grows, the stop rule and its running average, precompiling, validation cadence. */
  sweep?: Pick<RangeTestOptions, 'mode' | 'divergeThreshold' | 'smoothing' | 'precompile' | 'onPrecompile' | 'validationEvery'>;
  /** The reading's (`analyzeCurve`): smoothing, regions, lrfind's rule. */
  analysis?: AnalyzeOptions;
  /** The confirmation probes' (`confirmMaxLr`). */
  probes?: ConfirmSettingsInput;
  /** How far each escalation goes (see `escalate`). */
  escalation?: EscalationSettingsInput;
}

/** What `recommendLearningRate` takes: the sweep, what comes out of it, and how to follow it. */
export interface RecommendLrOptions {
  /** First lr of the sweep. @default 1e-7 */
  startLr?: number;
  /** Last lr of the sweep (it goes on past it while the loss still falls: see `escalate`). @default 1 */
  endLr?: number;
  /** Steps (mini-batches) of the sweep. @default 100 */
  numIter?: number;
  /** Mini-batch size when the data is given as tensors. @default 64 */
  batchSize?: number;
  /** Repeats of the sweep with other shuffles, read as their median curve. @default 1 */
  runs?: number;
  /** Seed of the first run's shuffle. @default 0 */
  seed?: number;
  /** Data to measure a validation loss on at every step, as pytorch-lr-finder's `val_loader`. */
  validationData?: TensorData;
  /** Measure it on this many validation batches per step (the next ones each time) instead of the whole set. */
  validationBatches?: number;
  /** Batches whose gradients are averaged into one step (sweep and probes), for batches too large to fit at once. @default 1 */
  accumulationSteps?: number;
  /**
   * Decoupled weight decay (AdamW's rule) in the sweep and the probes: a number, or `'auto'` (or a
   * list of decays) to run Smith's family of range tests, choose the decay whose validation loss
   * falls lowest, and find the lr with it (docs/weight-decay.md). The result carries it, and
   * `oneCycleCallback(result)` trains with it.
   * @default 0
   */
  weightDecay?: number | 'auto' | readonly number[];
  /** Which weights decay. @default 'weights' (two or more axes: kernels, not biases or normalization) */
  decayApplyTo?: DecayRule;
  /**
   * `'auto'` (or a list of values): once the bounds are found, short runs at the max lr with each
   * momentum (Adam's β1), from the same weights, as Smith reads momentum; the result says which ended
   * lowest and whether it differs from the optimizer's. @default undefined (not run)
   */
  momentum?: 'auto' | readonly number[];
  /** minLr = maxLr / divFactor: where one-cycle starts (PyTorch's `div_factor`). @default 10 */
  divFactor?: number;
  /** Confirm the curve's max lr by short training probes (up to 8 × 60 more steps). @default true */
  confirm?: boolean;
  /**
   * When the curve does not answer, do what an expert would instead of refusing: sweep on past
   * endLr while the loss still falls or has not started to (to 100 × endLr, at least lr 10), sweep again with 3× the steps when it is
   * flat or weak, read the median of 3 runs when it is noisy, probe when the loss fell but the curve
   * cannot say where, and probe 8 lrs lower when every probe failed. A clear curve costs nothing
   * more. `result.escalations` says what was done and why. false: the planned sweep, read as is.
   * @default true
   */
  escalate?: boolean;
  /** Stops the sweep or the probes cleanly; what ran so far is returned. */
  signal?: AbortSignal;
  /** Called after every sweep step, e.g. to draw progress. A sweep run again by an escalation counts its runs on. */
  onStep?: (step: RangeTestStep) => void;
  /** Called after each escalation, with what was done. */
  onEscalation?: (escalation: Escalation) => void;
  /** With `weightDecay: 'auto'`: called as each range test of the family starts. */
  onWeightDecay?: (member: { weightDecay: number; index: number; count: number }) => void;
  /** Called once the curve is read (after any sweep escalation), before the probes start. */
  onAnalysis?: (rangeTest: RangeTestResult, analysis: Analysis) => void;
  /** Called after every probe step. */
  onProbeStep?: ConfirmOptions['onStep'];
  /** The tuned settings, for experts. */
  tuning?: RecommendTuning;
}

const defined = <T extends object>(record: T): Partial<T> =>
  Object.fromEntries(Object.entries(record).filter(([, v]) => v !== undefined)) as Partial<T>;

/** The range test's options out of the recommendation's. */
function sweepOptions(options: RecommendLrOptions): RangeTestOptions {
  const { startLr, endLr, numIter, batchSize, runs, seed, validationData, validationBatches, accumulationSteps, signal, onStep, decayApplyTo } = options;
  const weightDecay = typeof options.weightDecay === 'number' ? options.weightDecay : undefined;
  return {
    ...defined({ startLr, endLr, numIter, batchSize, runs, seed, validationData, validationBatches, accumulationSteps, signal, onStep, weightDecay, decayApplyTo }),
    ...options.tuning?.sweep,
  };
}

/** One finder call's state: the model, its data, the options and what was escalated so far. */
interface Finding {
  model: Trainable;
  data: TrainingData;
  options: RecommendLrOptions;
  escalation: EscalationSettings | null;
  escalations: Escalation[];
}

function record(f: Finding, escalation: Escalation | null): void {
  if (escalation === null) return;
  f.escalations.push(escalation);
  f.options.onEscalation?.(escalation);
}

function analyze(f: Finding, rangeTest: RangeTestResult): Analysis {
  const divFactor = f.options.divFactor === undefined ? {} : { divFactor: f.options.divFactor };
  return analyzeRangeTest(rangeTest, { ...f.options.tuning?.analysis, ...divFactor });
}

/** A sweep with the recommendation's options and `overrides`; its runs numbered on from `firstRun` in onStep. */
async function sweep(f: Finding, overrides: RangeTestOptions, firstRun = 0): Promise<RangeTestResult> {
  const base = sweepOptions(f.options);
  const onStep = base.onStep;
  const extendable = f.escalation !== null && f.escalation.extendFactor > 1 && (base.mode ?? 'exp') === 'exp';
  const extend = extendable ? { maxLr: Math.max((base.endLr ?? 1) * f.escalation!.extendFactor, ESCALATION.extendAtLeastTo) } : false;
  return findLearningRate(f.model, f.data, {
    ...base, extend, ...overrides,
    ...(onStep && firstRun > 0 ? { onStep: (s: RangeTestStep) => onStep({ ...s, run: s.run + firstRun }) } : {}),
  });
}

/** The sweep, then, while its curve gives no bounds, the sweep again with more steps or more runs. */
async function sweepUntilReadable(f: Finding): Promise<RangeTestResult> {
  let rangeTest = await sweep(f, {});
  record(f, extendEscalation(rangeTest));
  while (f.escalation !== null && rangeTest.lrs.length >= 2 && !f.options.signal?.aborted && rangeTest.stopReason !== 'stopped') {
    const analysis = analyze(f, rangeTest);
    if (analysis.curveBounds !== null) break;
    const s = rangeTest.settings;
    const next = nextSweepEscalation(analysis.diagnosis, f.escalations.map((e) => e.action), f.escalation, rangeTest.runs.length);
    const runsSoFar = rangeTest.runs.length;
    if (next === 'lengthen' && s.numIter * f.escalation.lengthenFactor <= MAX_SWEEP_STEPS) {
      const numIter = s.numIter * f.escalation.lengthenFactor;
      const longer = await sweep(f, { numIter, runs: s.runs, precompile: false }, runsSoFar);
      // Its own extension, if any, is told (and counted) on its own line.
      record(f, lengthenEscalation(analysis.diagnosis, s.numIter, numIter, sweepSteps(longer) - (longer.extension?.steps ?? 0)));
      record(f, extendEscalation(longer));
      rangeTest = longer;
    } else if (next === 'repeat') {
      // The new runs follow the first one's lrs, its extension included.
      const ext = rangeTest.extension;
      const more = await sweep(f, {
        numIter: s.numIter + (ext?.steps ?? 0), endLr: ext?.endLr ?? s.endLr, runs: f.escalation.repeatRuns - runsSoFar,
        seed: s.seed + runsSoFar, extend: false, precompile: false,
      }, runsSoFar);
      rangeTest = withMoreRuns(rangeTest, more);
      record(f, repeatEscalation(analysis.diagnosis, rangeTest.runs.length, sweepSteps(more)));
    } else break;
  }
  return rangeTest;
}

const probeSteps = (c: Confirmation): number => c.probes.reduce((n, p) => n + p.losses.length, 0);

/** The probes from the ladder's top; when every one failed, as many again further down. */
async function probe(f: Finding, rangeTest: RangeTestResult, analysis: Analysis): Promise<Confirmation> {
  const options: ConfirmOptions = {
    ...f.options.tuning?.probes,
    batchSize: rangeTest.settings.batchSize,
    seed: rangeTest.settings.seed,
    ...defined({ accumulationSteps: f.options.accumulationSteps, decayApplyTo: f.options.decayApplyTo }),
    ...(typeof f.options.weightDecay === 'number' ? { weightDecay: f.options.weightDecay } : {}),
    ...(f.options.signal ? { signal: f.options.signal } : {}),
    ...(f.options.onProbeStep ? { onStep: f.options.onProbeStep } : {}),
  };
  const first = await confirmMaxLr(f.model, f.data, analysis, options);
  if (analysis.curveBounds === null && first.probes.length > 0) {
    record(f, probeEscalation(analysis.diagnosis, first.probes.length, first.probes[0]!.lr, probeSteps(first)));
  }
  const lowest = first.probes.at(-1)?.lr;
  if (f.escalation === null || f.escalation.extraProbes === 0 || first.stopped || first.maxLr !== null || lowest === undefined) return first;
  const settings = resolveConfirmSettings(f.options.tuning?.probes);
  const more = await confirmMaxLr(f.model, f.data, analysis, { ...options, top: lowest / settings.ladder, maxProbes: f.escalation.extraProbes });
  if (more.probes.length > 0) record(f, probeLowerEscalation(first.probes.length, more.probes.length, more.probes.at(-1)!.lr, probeSteps(more)));
  const all = withMoreProbes(first, more);
  if (all.stopped || all.maxLr !== null) return all;
  // None reached the target: their ranking still tells which lrs train (a model already part-trained).
  const edge = relaxedEdge(all.probes, probeJudgement(analysis, settings).level);
  return edge === null ? all : { ...all, maxLr: edge / settings.margin, edge, relaxed: true };
}

/** The weight decay the finder runs at: none, the one given, or Smith's choice from a family of range tests. */
async function weightDecayChoice(model: Trainable, data: TrainingData, options: RecommendLrOptions): Promise<WeightDecayChoice | undefined> {
  const wd = options.weightDecay;
  if (wd === undefined || wd === 0) return undefined;
  if (typeof wd === 'number') {
    checkWeightDecay(wd);
    return { value: wd, how: 'given' };
  }
  return chooseWeightDecay(model, data, familyOf(wd), { ...sweepOptions(options), extend: false }, options.onWeightDecay);
}

/**
 * Runs the range test on `model` (a compiled model, or a training step `{optimizer, loss,
 * variables?}`; restored exactly afterwards), reads the curve and confirms its max lr by training
 * probes from the same starting weights. When the curve does not answer it escalates (see
 * `escalate`).
 * @example
 * const found = await recommendLearningRate(model, { xs, ys }, { batchSize: 32 });
 * if (found.bounds === null) throw new Error(found.analysis?.warnings.join('\n'));
 * await model.fit(xs, ys, { epochs: 8, batchSize: 32, callbacks: [oneCycleCallback(found)] });
 */
export async function recommendLearningRate(
  model: Trainable, data: TrainingData, options: RecommendLrOptions = {},
): Promise<LrFinderResult> {
  const escalation = options.escalate === false ? null : resolveEscalationSettings(options.tuning?.escalation);
  if (options.momentum !== undefined) checkMomentumRuns(model.optimizer, options.momentum === 'auto' ? MOMENTUM_VALUES : options.momentum);
  const choice = await weightDecayChoice(model, data, options);
  // From here on the finder runs at the chosen (or given) decay.
  const settled = choice === undefined ? options : { ...options, weightDecay: choice.value };
  const f: Finding = { model, data, options: settled, escalation, escalations: [] };
  const rangeTest = await sweepUntilReadable(f);
  const result = (analysis: Analysis | null, confirmation: Confirmation | null): LrFinderResult =>
    finderResult(rangeTest, analysis, confirmation, { escalations: f.escalations, ...defined({ divFactor: options.divFactor, weightDecay: choice }) });
  if (rangeTest.lrs.length < 2) return result(null, null);
  const analysis = analyze(f, rangeTest);
  options.onAnalysis?.(rangeTest, analysis);
  // A sweep stopped by the signal (its only way to end 'stopped') gets no probes.
  const probing = analysis.curveBounds !== null || (escalation !== null && worthProbing(analysis.diagnosis));
  const found = options.confirm === false || !probing || options.signal?.aborted ? result(analysis, null) : result(analysis, await probe(f, rangeTest, analysis));
  return withMomentum(await decayThatHelps(found, model, data, options), model, data, options);
}

/**
 * Smith's right decay lets the loss fall lowest and trains at the largest lr. The family's curves
 * judged both; a chosen decay is kept only if its probes also confirm a max lr at least no decay's
 * (bench:wd: a decay that won on the curves alone confirmed 0.099 against 0.110 and cost a CNN 2 of
 * 359 digits). Costs a plain find, and only when a decay was chosen.
 */
async function decayThatHelps(found: LrFinderResult, model: Trainable, data: TrainingData, options: RecommendLrOptions): Promise<LrFinderResult> {
  const choice = found.weightDecay;
  if (choice?.how !== 'chosen' || choice.value === 0 || found.bounds?.source !== 'confirmed' || options.signal?.aborted) return found;
  if (!choice.family?.some((m) => m.weightDecay === 0)) return found; // no decay was not on the list
  const { momentum: _momentum, ...rest } = options;
  const without = await recommendLearningRate(model, data, { ...rest, weightDecay: 0 });
  if (decayStands(found.bounds, without.bounds)) return found;
  const reason = `${choice.reason}; but its probes confirmed max lr ${formatLr(found.bounds.maxLr)} against ${formatLr(without.bounds!.maxLr)} without it, so none is chosen`;
  return { ...without, weightDecay: { ...choice, value: 0, reason } };
}

/** With `momentum: 'auto'` and bounds: Smith's short momentum runs at the max lr, with the decay the result trains with. */
async function withMomentum(found: LrFinderResult, model: Trainable, data: TrainingData, options: RecommendLrOptions): Promise<LrFinderResult> {
  if (options.momentum === undefined || found.bounds === null || options.signal?.aborted) return found;
  const values = options.momentum === 'auto' ? MOMENTUM_VALUES : options.momentum;
  const momentum = await chooseMomentum(model, data, found.bounds.maxLr, values, {
    batchSize: found.rangeTest.settings.batchSize, seed: found.rangeTest.settings.seed, ...(found.weightDecay ? { weightDecay: found.weightDecay.value } : {}),
  });
  return { ...found, momentum };
}
