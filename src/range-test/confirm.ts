// Confirming a max lr by sustained training (pure part). One sweep passes every lr in a step or two,
// so it misses instabilities that need tens of steps at one lr to grow (docs/constants.md#probes).
// A probe trains from the starting weights with a short warm-up to a candidate lr and holds it; the
// largest candidate whose probe ends below the sweep's best loss (and clearly below where it
// started) is the confirmed edge, unless a probe further down trains clearly better.
import { initialLevel } from '../analysis/reading.js';
import { mean } from '../analysis/statistics.js';
import { ESCALATION, PROBES, RECOMMENDATION, RELAXED } from '../constants.js';
import { maxOf, minOf } from '../numbers.js';
import type { Analysis, Bounds, Confirmation, LrProbe, Region } from '../types.js';
import { RangeTestSettingsError } from './settings.js';

/** The probes' tuned settings; each defaults to its value in `PROBES` (src/constants.ts, measured in docs/constants.md#probes). */
export interface ConfirmSettingsInput {
  /** Steps of the linear warm-up from lr/10 to the candidate lr. @default 20 */
  warmupSteps?: number;
  /** Steps held at the candidate lr. @default 40 */
  holdSteps?: number;
  /** Candidates go down from the rise by this factor each. @default 1.25 */
  ladder?: number;
  /** At most this many probes. @default 8 */
  maxProbes?: number;
  /** maxLr = the confirmed edge / margin. @default 1.3 */
  margin?: number;
  /** The ladder starts at the rise, but at most this many times the lr of the sweep's best loss. @default 3 */
  ceiling?: number;
  /** A probe must also cut the loss by this fraction of the sweep's starting level. @default 0.25 */
  minDrop?: number;
  /** A probe fails when its end loss climbed back more than this fraction of its progress. @default 0.1 */
  giveBack?: number;
  /** A probe that ends below this fraction of a positive starting level has trained, whatever the sweep's best. @default 0.05 */
  floor?: number;
  /** After a pass, check it with a probe a ladder² lower (see `checkVerdict`, `trainsClearlyBetter`). @default true */
  checkBelow?: boolean;
  /** A lower probe trains clearly better when its progress exceeds the upper one's by this share of its own. @default 0.1 */
  betterBy?: number;
}

export type ConfirmSettings = Required<ConfirmSettingsInput>;

export const DEFAULT_CONFIRM_SETTINGS: ConfirmSettings = { ...PROBES };

/** Fills defaults and validates; throws `RangeTestSettingsError` naming the first bad argument. */
export function resolveConfirmSettings(input: ConfirmSettingsInput = {}): ConfirmSettings {
  const defined = Object.fromEntries(Object.entries(input).filter(([key, value]) => value !== undefined && key in DEFAULT_CONFIRM_SETTINGS));
  const s: ConfirmSettings = { ...DEFAULT_CONFIRM_SETTINGS, ...defined };
  const integer = (name: 'warmupSteps' | 'holdSteps' | 'maxProbes', min: number): void => {
    if (!Number.isInteger(s[name]) || s[name] < min) throw new RangeTestSettingsError(`${name} must be an integer ≥ ${min}, got ${s[name]}`);
  };
  integer('warmupSteps', 0);
  integer('holdSteps', 1);
  integer('maxProbes', 1);
  if (!(s.ladder > 1 && Number.isFinite(s.ladder))) throw new RangeTestSettingsError(`ladder must be a number > 1, got ${s.ladder}`);
  if (!(s.margin >= 1 && Number.isFinite(s.margin))) throw new RangeTestSettingsError(`margin must be a number ≥ 1, got ${s.margin}`);
  if (!(s.ceiling >= 1)) throw new RangeTestSettingsError(`ceiling must be a number ≥ 1, got ${s.ceiling}`);
  if (!(s.minDrop >= 0 && s.minDrop < 1)) throw new RangeTestSettingsError(`minDrop must be in [0, 1), got ${s.minDrop}`);
  if (!(s.giveBack >= 0)) throw new RangeTestSettingsError(`giveBack must be a number ≥ 0, got ${s.giveBack}`);
  if (!(s.floor >= 0 && s.floor < 1)) throw new RangeTestSettingsError(`floor must be in [0, 1), got ${s.floor}`);
  if (typeof s.checkBelow !== 'boolean') throw new RangeTestSettingsError(`checkBelow must be true or false, got ${String(s.checkBelow)}`);
  if (!(s.betterBy >= 0 && Number.isFinite(s.betterBy))) throw new RangeTestSettingsError(`betterBy must be a number ≥ 0, got ${s.betterBy}`);
  return s;
}

/** The first candidate: the rise (or the minimum when the loss never rose), capped at ceiling × the minimum's lr. */
export function ladderTop(atMinimum: number, atRise: number | null, ceiling: number): number {
  return Math.min(atRise ?? atMinimum, ceiling * atMinimum);
}

/** The candidates, largest first: top, top/ladder, top/ladder², … (maxProbes of them). */
export function probeLadder(top: number, settings: Pick<ConfirmSettings, 'ladder' | 'maxProbes'>): number[] {
  return Array.from({ length: settings.maxProbes }, (_, k) => top / settings.ladder ** k);
}

/** The lr of every probe step: linear from lr/10 to lr over the warm-up, then lr. */
export function probeSchedule(lr: number, settings: Pick<ConfirmSettings, 'warmupSteps' | 'holdSteps'>): number[] {
  const { warmupSteps, holdSteps } = settings;
  const warm = Array.from({ length: warmupSteps }, (_, i) => lr / 10 + ((lr - lr / 10) * i) / warmupSteps);
  return [...warm, ...Array<number>(holdSteps).fill(lr)];
}

export interface ProbeVerdict {
  passed: boolean;
  /** Mean loss of the probe's last quarter of held steps (at least one); NaN when a loss was not finite. */
  endLoss: number;
  /** It kept what progress it made (gave back at most `giveBack` of it). */
  keptProgress?: boolean;
}

/**
 * The sweep's best loss as a probe's target sees it: the smoothed minimum, but never below every
 * raw loss of the sweep. Near a loss of zero the Savitzky-Golay fit undershoots (to -0.05 on a
 * separable toy set), a target no loss can reach.
 */
export function sweepBest(smoothedBest: number, rawLosses: readonly number[]): number {
  const lowest = rawLosses.reduce((m, x) => (Number.isFinite(x) && x < m ? x : m), Number.POSITIVE_INFINITY);
  return Number.isFinite(lowest) ? Math.max(smoothedBest, lowest) : smoothedBest;
}

/**
 * What a probe must end below: the sweep's best loss (see `sweepBest`), and `minDrop` of its
 * starting level below that level; but never below `floor` × a positive level (a sweep that took
 * the loss to ~0 would set a target no shorter run reaches).
 */
export function probeTarget(best: number, level: number, minDrop: number, floor = 0): number {
  const target = Math.min(best, level - minDrop * Math.abs(level));
  return level > 0 && floor > 0 ? Math.max(target, floor * level) : target;
}

/** How every probe after `analysis`'s sweep is judged: the sweep's starting level and the target below it. */
export function probeJudgement(
  analysis: Pick<Analysis, 'curve' | 'smoothedLosses' | 'minimumIndex'>, settings: Pick<ConfirmSettings, 'minDrop' | 'holdSteps' | 'giveBack' | 'floor'>,
): ProbeJudgement {
  const raw = analysis.curve.losses;
  const level = initialLevel(raw);
  const target = probeTarget(sweepBest(analysis.smoothedLosses[analysis.minimumIndex]!, raw), level, settings.minDrop, settings.floor);
  return { target, level, holdSteps: settings.holdSteps, giveBack: settings.giveBack };
}

export interface ProbeJudgement {
  /** What the end loss must be below (see `probeTarget`). */
  target: number;
  /** The sweep's starting loss level: the scale of the progress a probe made. */
  level: number;
  holdSteps: number;
  /** See `ConfirmSettingsInput.giveBack`. */
  giveBack: number;
}

/**
 * A probe passes when every loss is finite, the mean of its last quarter of held steps (its end
 * loss) is below `target` (sustained training at a usable lr does at least as well as the sweep's
 * best moment), and it has given back at most `giveBack` of its progress: the end loss is within
 * giveBack × (level − best) of its best quarter of held steps. A probe cut short by a non-finite loss fails.
 */
export function judgeProbe(losses: readonly number[], j: ProbeJudgement): ProbeVerdict {
  if (losses.length === 0 || !losses.every(Number.isFinite)) return { passed: false, endLoss: NaN };
  const quarter = Math.max(1, Math.ceil(j.holdSteps / 4));
  const held = losses.slice(-j.holdSteps);
  // Quarters counted back from the end, so the last one is always whole.
  const quarters: number[] = [];
  for (let end = held.length; end > 0; end -= quarter) quarters.push(mean(held.slice(Math.max(0, end - quarter), end)));
  const endLoss = quarters[0]!;
  const best = minOf(quarters);
  const keptProgress = endLoss - best <= j.giveBack * Math.max(0, j.level - best);
  return { passed: endLoss < j.target && keptProgress, endLoss, keptProgress };
}

/**
 * The check a ladder² below a pass asks whether that lr trains, not whether it beats the target in
 * as few steps (a lower lr is slower): it trained when every loss was finite, it lowered the loss by
 * `RELAXED.minDrop` of the starting level, and it kept that progress. When it did not, the pass above
 * it was luck, not an edge.
 */
export function checkVerdict(losses: readonly number[], j: ProbeJudgement): ProbeVerdict {
  const v = judgeProbe(losses, j);
  return { ...v, passed: trainedAtAll(v, j.level) };
}

/** A probe trained at all: its end loss is finite, `RELAXED.minDrop` of the level below it, and it kept that progress. */
export function trainedAtAll(p: Pick<ProbeVerdict, 'endLoss' | 'keptProgress'>, level: number): boolean {
  return Number.isFinite(p.endLoss) && p.keptProgress !== false && p.endLoss < level - RELAXED.minDrop * Math.abs(level);
}

/**
 * Whether a passing probe at a lower lr trained clearly better than the passing one above it: its
 * progress from the sweep's starting level exceeds the upper one's by more than `betterBy` of its
 * own. Below the edge of stability a larger lr makes more progress in the same steps; a larger lr
 * that makes less is past the edge, however it passed (one-cycle holding it can then diverge).
 */
export function trainsClearlyBetter(lower: Pick<ProbeVerdict, 'passed' | 'endLoss'>, upper: Pick<ProbeVerdict, 'endLoss'>, level: number, betterBy: number): boolean {
  const progress = (endLoss: number): number => level - endLoss;
  return lower.passed && progress(lower.endLoss) - progress(upper.endLoss) > betterBy * progress(lower.endLoss);
}

/**
 * When no probe reached the target (a model already part-trained has little of a fresh model's drop
 * left, and a noisy sweep's best is a lucky batch), the probes still rank the lrs: the largest one
 * whose probe lowered the loss (by `RELAXED.minDrop` of the level), kept that progress, and ended
 * within `RELAXED.nearBest` of the best probe's progress. Null when none trained at all.
 */
export function relaxedEdge(probes: readonly (LrProbe & { keptProgress?: boolean })[], level: number): number | null {
  const trained = probes.filter((p) => trainedAtAll(p, level));
  if (trained.length === 0) return null;
  const best = minOf(trained.map((p) => p.endLoss));
  const near = trained.filter((p) => p.endLoss <= best + RELAXED.nearBest * (level - best));
  return maxOf(near.map((p) => p.lr));
}

/**
 * The bounds a passing probe confirmed: its max lr with the curve's min/max ratio. The confidence
 * stays the curve's (how clearly it reads): the probes are reported beside it, not folded into one
 * number. Without the curve's bounds (probes run because the curve could not say) the min lr is
 * maxLr / divFactor and the confidence ESCALATION.probedConfidence.
 */
export function confirmedBounds(curve: Bounds | null, confirmedMaxLr: number, divFactor: number = RECOMMENDATION.divFactor): Bounds {
  return {
    maxLr: confirmedMaxLr,
    minLr: curve === null ? confirmedMaxLr / divFactor : confirmedMaxLr * (curve.minLr / curve.maxLr),
    source: 'confirmed',
    confidence: curve?.confidence ?? ESCALATION.probedConfidence,
  };
}

/** The probes of `first` and then of `more` (run further down the ladder), as one confirmation. */
export function withMoreProbes(first: Confirmation, more: Confirmation): Confirmation {
  return { ...more, probes: [...first.probes, ...more.probes] };
}

/**
 * The regions made to agree with the probes: a probe that trained is never inside "too large" (the
 * good region runs through the largest lr that trained), and a failed one is never inside "good"
 * (it ends below the lowest lr that failed above the trained ones). One sweep passes each lr in a
 * step or two; the probes held them, so where they disagree the probes are right.
 */
export function regionsAfterProbes(regions: readonly Region[], lrs: readonly number[], probes: readonly { lr: number; passed: boolean }[]): Region[] {
  const good = regions.find((r) => r.kind === 'good');
  if (good === undefined || probes.length === 0) return [...regions];
  const n = lrs.length;
  const trained = probes.filter((p) => p.passed).map((p) => p.lr);
  const edge = trained.length > 0 ? maxOf(trained) : null;
  const failedAbove = probes.filter((p) => !p.passed && (edge === null || p.lr > edge)).map((p) => p.lr);
  const lowestFailure = failedAbove.length > 0 ? minOf(failedAbove) : null;
  let end = good.endIndex;
  if (edge !== null) while (end + 1 < n && lrs[end + 1]! <= edge) end++;
  if (lowestFailure !== null) while (end >= good.startIndex && lrs[end]! >= lowestFailure) end--;
  const region = (kind: Region['kind'], startIndex: number, endIndex: number): Region => ({ kind, startIndex, endIndex, minLr: lrs[startIndex]!, maxLr: lrs[endIndex]! });
  const out: Region[] = [];
  if (good.startIndex > 0) out.push(region('too-small', 0, good.startIndex - 1));
  if (end >= good.startIndex) out.push(region('good', good.startIndex, end));
  if (end < n - 1) out.push(region('too-large', Math.max(end + 1, good.startIndex), n - 1));
  return out;
}
