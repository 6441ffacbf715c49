// Smith's reading of a family of range tests at several weight decays ("A disciplined approach…",
// 2018): the right weight decay lets the validation loss fall lowest, and then train at the largest
// lr. Pure: the sweeps are run by src/tfjs/weight-decay-family.ts.
import { smoothLosses } from '../analysis/reading.js';
import { defaultWindowSize } from '../analysis/savitzky-golay.js';
import { WEIGHT_DECAY } from '../constants.js';
import { formatLr, formatValue } from '../format.js';
import { minOf } from '../numbers.js';
import type { Bounds } from '../types.js';

/** One member of the family: its weight decay, its sweep's lrs and validation losses, and the max lr its curve gave. */
export interface FamilyMember {
  weightDecay: number;
  lrs: readonly number[];
  /** The validation loss at each step (null where it was not measured). */
  validationLosses: readonly (number | null)[];
  /** The curve's max lr (null when it gave no bounds). */
  maxLr: number | null;
}

export interface MemberScore {
  weightDecay: number;
  /** The lowest smoothed validation loss of its sweep, and the lr where it was. */
  lowest: number;
  lrAtLowest: number;
  maxLr: number | null;
}

export interface WeightDecayPick {
  value: number;
  /** Why this one, in words. */
  reason: string;
  scores: MemberScore[];
}

/** The lowest smoothed validation loss of a member's sweep (its median + Savitzky-Golay smoothing, as every curve). */
export function scoreMember(m: FamilyMember): MemberScore {
  const points = m.lrs.map((lr, i) => [lr, m.validationLosses[i]] as const).filter((p): p is readonly [number, number] => typeof p[1] === 'number' && Number.isFinite(p[1]));
  if (points.length < 3) return { weightDecay: m.weightDecay, lowest: Number.POSITIVE_INFINITY, lrAtLowest: Number.NaN, maxLr: m.maxLr };
  const smoothed = smoothLosses(points.map((p) => p[1]), { windowSize: defaultWindowSize(points.length) });
  const lowest = minOf(smoothed);
  return { weightDecay: m.weightDecay, lowest, lrAtLowest: points[smoothed.indexOf(lowest)]![0], maxLr: m.maxLr };
}

/**
 * The weight decay whose validation loss fell lowest; among those within `WEIGHT_DECAY.tie` of it,
 * the one whose curve trains at the largest lr. A decay must beat no decay by `WEIGHT_DECAY.margin`
 * of its loss, at a max lr at least no decay's, or none is chosen: a decay that does not clearly
 * help is left out (bench:wd: one that won on loss alone cost a CNN 2 of 359 digits).
 */
export function pickWeightDecay(members: readonly FamilyMember[]): WeightDecayPick {
  if (members.length === 0) throw new RangeError('pickWeightDecay needs at least one range test');
  const scores = members.map(scoreMember);
  const best = minOf(scores.map((s) => s.lowest));
  const near = scores.filter((s) => s.lowest <= best + WEIGHT_DECAY.tie * Math.abs(best));
  const chosen = near.reduce((a, b) => ((b.maxLr ?? 0) > (a.maxLr ?? 0) ? b : a));
  const none = scores.find((s) => s.weightDecay === 0);
  const clearly = none === undefined || chosen.lowest < none.lowest - WEIGHT_DECAY.margin * Math.abs(none.lowest);
  if (chosen.weightDecay !== 0 && !clearly) {
    return { value: 0, scores, reason: `no weight decay lowered the validation loss by ${formatValue(100 * WEIGHT_DECAY.margin)} % or more (without: ${formatValue(none!.lowest, 4)}; at ${formatLr(chosen.weightDecay)}: ${formatValue(chosen.lowest, 4)})` };
  }
  // Smith's right decay does both: the loss falls lower and trains at a max lr at least as large.
  if (chosen.weightDecay !== 0 && none !== undefined && (chosen.maxLr ?? 0) < (none.maxLr ?? 0)) {
    const lrs = `${formatLr(chosen.maxLr ?? 0)} against ${formatLr(none.maxLr ?? 0)}`;
    return { value: 0, scores, reason: `weight decay ${formatLr(chosen.weightDecay)} lowered the validation loss (${formatValue(chosen.lowest, 4)}; without: ${formatValue(none.lowest, 4)}) but trains at a smaller max lr (${lrs}), so none is chosen` };
  }
  const why = chosen.weightDecay === 0
    ? `no weight decay gave the lowest validation loss (${formatValue(chosen.lowest, 4)})`
    : `weight decay ${formatLr(chosen.weightDecay)} gave the lowest validation loss (${formatValue(chosen.lowest, 4)}${none ? `; without: ${formatValue(none.lowest, 4)}` : ''})`;
  const lr = near.length > 1 ? `, and the largest max lr among those within ${formatValue(100 * WEIGHT_DECAY.tie)} % of it` : '';
  return { value: chosen.weightDecay, scores, reason: `${why}${lr}` };
}

/**
 * Whether a chosen decay stands once a find without it is known: Smith's right decay trains at the
 * largest lr, so its probes must confirm a max lr at least no decay's. Unconfirmed bounds decide nothing.
 */
export function decayStands(withDecay: Bounds | null, without: Bounds | null): boolean {
  if (withDecay?.source !== 'confirmed' || without?.source !== 'confirmed') return true;
  return withDecay.maxLr >= without.maxLr;
}
