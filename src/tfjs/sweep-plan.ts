// The lrs of a sweep, and past its end the extension's: on at the same ratio per step, in chunks,
// while the loss still falls (the finder's first escalation, see src/range-test/escalate.ts).
import { ESCALATION } from '../constants.js';
import { reasonToGoOn } from '../range-test/escalate.js';
import { RangeTestSettingsError } from '../range-test/settings.js';
import { sweepLrs } from '../range-test/sweep.js';
import type { ExtensionReason, RangeTestRun, RangeTestSettings } from '../types.js';

/** How far a sweep may go past endLr: true for 100 × endLr (at least lr 10), or up to `maxLr`. */
export type ExtendOption = boolean | { maxLr: number };

/** The highest lr an extension may reach, or null for none; throws on an unusable `extend`. */
export function extensionLimit(extend: ExtendOption | undefined, settings: RangeTestSettings): number | null {
  if (extend === undefined || extend === false) return null;
  if (settings.mode !== 'exp') throw new RangeTestSettingsError("extend needs mode 'exp': a linear sweep has no rate to go on at");
  const maxLr = extend === true ? Math.max(settings.endLr * ESCALATION.extendFactor, ESCALATION.extendAtLeastTo) : extend.maxLr;
  if (!(maxLr > 0 && Number.isFinite(maxLr))) throw new RangeTestSettingsError(`extend.maxLr must be a positive number, got ${maxLr}`);
  return maxLr > settings.endLr ? maxLr : null;
}

export class SweepPlan {
  readonly lrs: number[];
  private readonly ratio: number;
  private readonly chunk: number;
  /** Why the sweep went on past endLr, once it did. */
  reason: ExtensionReason | null = null;

  constructor(private readonly settings: RangeTestSettings, private readonly maxLr: number | null) {
    this.lrs = sweepLrs(settings.startLr, settings.endLr, settings.numIter, settings.mode);
    this.ratio = (settings.endLr / settings.startLr) ** (1 / (settings.numIter - 1));
    this.chunk = Math.max(5, Math.ceil(settings.numIter * ESCALATION.extendChunk));
  }

  /** Adds a chunk when the run so far completed the plan and is still falling; false when it stays. */
  extendAfter(record: RangeTestRun): boolean {
    const last = this.lrs[this.lrs.length - 1]!;
    if (this.maxLr === null || record.lrs.length < this.lrs.length || last * this.ratio > this.maxLr) return false;
    const why = reasonToGoOn({ lrs: record.lrs, losses: record.losses }, this.settings.numIter);
    if (why === null) return false;
    this.reason ??= why;
    for (let k = 1; k <= this.chunk && last * this.ratio ** k <= this.maxLr * (1 + 1e-9); k++) this.lrs.push(last * this.ratio ** k);
    return true;
  }
}
