// What an expert does when a range test's curve does not answer, as pure decisions (the tfjs side
// runs them: src/tfjs/recommend.ts). A loss still falling at endLr: sweep on. A flat or weak curve:
// sweep again with more steps per decade. A noisy one: the median of more runs. A loss that fell
// without bounds: probe anyway. Every probe failed: on down the ladder. Each at most once, and only
// when the curve needs it (docs/escalation.md).
import { analyzeCurve } from '../analysis/analyze.js';
import { stillFallingAtEnd } from '../analysis/recommend.js';
import { ESCALATION } from '../constants.js';
import { formatLr } from '../format.js';
import { plural } from '../text.js';
import type { Curve, CurveDiagnosis, Escalation, EscalationAction, ExtensionReason, RangeTestResult } from '../types.js';
import { RangeTestSettingsError } from './settings.js';

/** The escalation's tuned settings; each defaults to its value in `ESCALATION` (src/constants.ts). */
export interface EscalationSettingsInput {
  /** Sweep on past endLr while the loss falls (or has not started to), up to this many times endLr and at least to lr 10 (1 turns it off). @default 100 */
  extendFactor?: number;
  /** A flat or weak curve is swept again with this many times the steps (1 turns it off). @default 3 */
  lengthenFactor?: number;
  /** A noisy curve is read as the median of this many runs (1 turns it off). @default 3 */
  repeatRuns?: number;
  /** When every probe failed, this many more go on down the ladder (0 turns it off). @default 8 */
  extraProbes?: number;
}

export type EscalationSettings = Required<EscalationSettingsInput>;

/** Fills defaults and validates; throws `RangeTestSettingsError` naming the first bad argument. */
export function resolveEscalationSettings(input: EscalationSettingsInput = {}): EscalationSettings {
  const s: EscalationSettings = {
    extendFactor: input.extendFactor ?? ESCALATION.extendFactor,
    lengthenFactor: input.lengthenFactor ?? ESCALATION.lengthenFactor,
    repeatRuns: input.repeatRuns ?? ESCALATION.repeatRuns,
    extraProbes: input.extraProbes ?? ESCALATION.extraProbes,
  };
  if (!(s.extendFactor >= 1 && Number.isFinite(s.extendFactor))) throw new RangeTestSettingsError(`extendFactor must be a number ≥ 1, got ${s.extendFactor}`);
  if (!(Number.isInteger(s.lengthenFactor) && s.lengthenFactor >= 1)) throw new RangeTestSettingsError(`lengthenFactor must be an integer ≥ 1, got ${s.lengthenFactor}`);
  if (!(Number.isInteger(s.repeatRuns) && s.repeatRuns >= 1)) throw new RangeTestSettingsError(`repeatRuns must be an integer ≥ 1, got ${s.repeatRuns}`);
  if (!(Number.isInteger(s.extraProbes) && s.extraProbes >= 0)) throw new RangeTestSettingsError(`extraProbes must be an integer ≥ 0, got ${s.extraProbes}`);
  return s;
}

/**
 * Why a sweep so far should go on past its end, as the reading sees it: the loss is still falling
 * there (see `stillFallingAtEnd`), or it never started to fall (a flat curve: endLr too low); null
 * once it turned up, or when it fell and levelled off.
 */
export function reasonToGoOn(curve: Curve, numIter: number): ExtensionReason | null {
  if (curve.lrs.length < 10) return null;
  const reading = analyzeCurve(curve, { numIter });
  if (reading.divergenceIndex !== null) return null;
  if (stillFallingAtEnd(reading, reading.curve.lrs.length)) return 'still-falling';
  return reading.diagnosis === 'flat' ? 'not-yet-falling' : null;
}

const WHY: Partial<Record<CurveDiagnosis, string>> = {
  'early-divergence': 'the loss rose in the first steps',
  flat: 'the loss never fell',
  weak: 'the loss fell too little to show where to train',
  noisy: 'noise hid whether the loss fell',
};

/**
 * The next sweep escalation for a curve without bounds: 'lengthen' a flat or weak one, 'repeat' a
 * noisy one, then the other if it still gives none; 'repeat' one that rose in its first steps (noise
 * or not, the median tells); null when it has bounds, when neither would help (too few points), or
 * all was done.
 */
export function nextSweepEscalation(
  diagnosis: CurveDiagnosis, done: readonly EscalationAction[], settings: EscalationSettings, runs = 1,
): 'lengthen' | 'repeat' | null {
  const can = (action: 'lengthen' | 'repeat'): boolean =>
    !done.includes(action) && (action === 'lengthen' ? settings.lengthenFactor > 1 : settings.repeatRuns > runs);
  if (diagnosis === 'flat' || diagnosis === 'weak') return can('lengthen') ? 'lengthen' : can('repeat') ? 'repeat' : null;
  if (diagnosis === 'noisy') return can('repeat') ? 'repeat' : can('lengthen') ? 'lengthen' : null;
  // A rise in the first steps is often one batch's noise (a new head on pretrained features): the
  // median of more runs tells; if it still rises, startLr is too high.
  if (diagnosis === 'early-divergence') return can('repeat') ? 'repeat' : null;
  return null;
}

/** Whether probes may find where to train though the curve gave no bounds: the loss fell, or noise hid whether it did. */
export function worthProbing(diagnosis: CurveDiagnosis): boolean {
  return diagnosis === 'weak' || diagnosis === 'noisy';
}

export function extendEscalation(rangeTest: Pick<RangeTestResult, 'extension' | 'settings'>): Escalation | null {
  const ext = rangeTest.extension;
  if (ext === undefined) return null;
  const endLr = formatLr(rangeTest.settings.endLr);
  return {
    action: 'extend',
    reason: ext.reason === 'not-yet-falling' ? `the loss had not started to fall by endLr ${endLr}` : `the loss was still falling at endLr ${endLr}`,
    done: `swept on to lr ${formatLr(ext.endLr)}`,
    steps: ext.steps,
  };
}

export function lengthenEscalation(diagnosis: CurveDiagnosis, from: number, to: number, steps: number): Escalation {
  return { action: 'lengthen', reason: `${WHY[diagnosis] ?? 'the curve gave no bounds'} in ${plural(from, 'step')}`, done: `swept again with ${to} steps`, steps };
}

export function repeatEscalation(diagnosis: CurveDiagnosis, runs: number, steps: number): Escalation {
  return { action: 'repeat', reason: WHY[diagnosis] ?? 'the curve gave no bounds', done: `read the median of ${runs} runs`, steps };
}

export function probeEscalation(diagnosis: CurveDiagnosis, probes: number, top: number, steps: number): Escalation {
  return { action: 'probe', reason: `the curve gave no bounds (${WHY[diagnosis] ?? diagnosis})`, done: `probed ${plural(probes, 'lr')} down from ${formatLr(top)}`, steps };
}

export function probeLowerEscalation(failed: number, probes: number, lowest: number, steps: number): Escalation {
  return { action: 'probe-lower', reason: `all ${plural(failed, 'probe')} failed`, done: `probed ${plural(probes, 'lr')} more, down to ${formatLr(lowest)}`, steps };
}

/** `a` with the runs of `more` (the same sweep, later seeds) after its own: the median of them all is read. */
export function withMoreRuns(a: RangeTestResult, more: RangeTestResult): RangeTestResult {
  const runs = [...a.runs, ...more.runs];
  const seconds = a.timing.seconds + more.timing.seconds;
  const steps = a.timing.steps + more.timing.steps;
  return {
    ...a,
    runs,
    settings: { ...a.settings, runs: runs.length },
    timing: { seconds, steps, msPerStep: steps > 0 ? (seconds * 1000) / steps : 0 },
  };
}

/** The steps a sweep (all its runs) trained. */
export function sweepSteps(rangeTest: Pick<RangeTestResult, 'runs'>): number {
  return rangeTest.runs.reduce((n, r) => n + r.lrs.length, 0);
}
