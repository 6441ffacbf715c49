// Schedules built from a finder's bounds: the one place that turns {maxLr, minLr} into a training
// schedule, for the callbacks, the CLI's `schedule --from` and the apps alike.
import type { Bounds, Schedule } from '../types.js';
import type { CycleSchedule, SchedulePhase } from './cycle-schedule.js';
import { linear } from './annealers.js';
import { oneCycle, resolveTotalSteps, type OneCycleOptions } from './one-cycle.js';
import { warmupCosineTail, type WarmupCosineTailOptions } from './presets.js';
import { fail, inRange, positive, positiveInteger } from './validate.js';

/** Bounds as a schedule reads them: `minLr` is optional (one-cycle then starts at maxLr / divFactor). */
export interface LrBounds {
  maxLr: number;
  minLr?: number;
}

/**
 * Anything that carries bounds: the bounds themselves, or a finder result (`recommendLearningRate`'s
 * `{bounds, analysis}`, a parsed range-test file).
 */
export type BoundsSource =
  | LrBounds
  | {
    bounds: Bounds | null; analysis?: { warnings: readonly string[] } | null; warnings?: readonly string[];
    weightDecay?: { value: number } | null; momentum?: { value: number } | null;
  };

/** The momentum a finder result chose (`momentum: 'auto'`), if any. */
export function momentumOf(source: BoundsSource): number | undefined {
  return source != null && typeof source === 'object' && 'momentum' in source && source.momentum != null ? source.momentum.value : undefined;
}

/** The weight decay a finder result chose (`weightDecay: 'auto'`), if any. */
export function weightDecayOf(source: BoundsSource): number | undefined {
  return source != null && typeof source === 'object' && 'weightDecay' in source && source.weightDecay != null ? source.weightDecay.value : undefined;
}

/** The bounds of `source`; a RangeError naming the reason when it has none. */
export function boundsOf(source: BoundsSource): LrBounds {
  if (source == null || typeof source !== 'object') {
    throw new RangeError(`bounds must be {maxLr, minLr?} or a finder result, got ${String(source)}`);
  }
  if ('bounds' in source) {
    if (source.bounds == null) {
      const warnings = source.analysis?.warnings ?? source.warnings ?? [];
      throw new RangeError(`the finder result has no bounds${warnings.length > 0 ? `: ${warnings.join('; ')}` : ''}`);
    }
    return checkBounds(source.bounds);
  }
  if ('curveBounds' in source) {
    // An Analysis: its bounds are the curve's alone. Training with them must be a visible choice.
    throw new RangeError('got an Analysis: pass the result of recommendLearningRate (or its .bounds), or analysis.curveBounds to train with the unconfirmed curve bounds');
  }
  return checkBounds(source);
}

function checkBounds(bounds: LrBounds): LrBounds {
  const maxLr = positive('maxLr', bounds.maxLr);
  if (bounds.minLr === undefined) return { maxLr };
  const minLr = bounds.minLr;
  if (!(minLr > 0 && minLr < maxLr)) throw new RangeError(`minLr must be in (0, maxLr = ${maxLr}), got ${minLr}`);
  return { maxLr, minLr };
}

/** The step count of a run: `totalSteps`, or `epochs × stepsPerEpoch`. */
export interface RunLength {
  totalSteps?: number;
  epochs?: number;
  stepsPerEpoch?: number;
}

/**
 * PyTorch's `OneCycleLR` from bounds: the cycle starts at minLr (divFactor = maxLr / minLr unless
 * `divFactor` is given), peaks at maxLr, and ends at the start rate / finalDivFactor.
 * @example
 * const { lr, momentum } = oneCycleFromBounds(found.bounds!, { epochs: 10, stepsPerEpoch: 45 });
 */
export function oneCycleFromBounds(source: BoundsSource, options: Omit<OneCycleOptions, 'maxLr'>): CycleSchedule {
  const { maxLr, minLr } = boundsOf(source);
  const divFactor = options.divFactor ?? (minLr !== undefined ? maxLr / minLr : undefined);
  return oneCycle({ ...options, maxLr, ...(divFactor !== undefined ? { divFactor } : {}) });
}

/** The founding study's split of a run: 45 % warm-up, 45 % cosine, the rest an exponential tail. */
export const WARMUP_COSINE_TAIL_FRACTION = 0.45;

export interface WarmupCosineTailFromBoundsOptions extends RunLength, Partial<Pick<WarmupCosineTailOptions, 'warmupSteps' | 'annealSteps' | 'tailSteps' | 'tailLr'>> {}

/**
 * The founding study's one-cycle from bounds (`warmupCosineTail`): linear minLr → maxLr, cosine back
 * to minLr, an exponential tail to minLr / 100. Phase lengths default to 45 / 45 / 10 % of the run;
 * all three given alone set the run's length.
 */
export function warmupCosineTailFromBounds(source: BoundsSource, options: WarmupCosineTailFromBoundsOptions): CycleSchedule {
  const { maxLr, minLr } = boundsOf(source);
  if (minLr === undefined) fail('minLr', 'given (the warm-up, cosine and tail schedule runs between the bounds)', minLr);
  const { warmupSteps: warm, annealSteps: anneal, tailSteps: tail, tailLr } = options;
  const hasLength = options.totalSteps !== undefined || options.epochs !== undefined || options.stepsPerEpoch !== undefined;
  const tailOption = tailLr !== undefined ? { tailLr } : {};
  if (warm !== undefined && anneal !== undefined && tail !== undefined && !hasLength) {
    return warmupCosineTail({ maxLr, minLr, warmupSteps: warm, annealSteps: anneal, tailSteps: tail, ...tailOption });
  }
  const total = resolveTotalSteps(options);
  const warmupSteps = warm ?? Math.max(1, Math.round(total * WARMUP_COSINE_TAIL_FRACTION));
  const annealSteps = anneal ?? Math.max(1, Math.round(total * WARMUP_COSINE_TAIL_FRACTION));
  const tailSteps = tail ?? total - warmupSteps - annealSteps;
  if (warmupSteps + annealSteps + tailSteps !== total || tailSteps < 0) {
    throw new RangeError(`warmupSteps + annealSteps + tailSteps must add up to the ${total} total steps, got ${warmupSteps} + ${annealSteps} + ${tailSteps}`);
  }
  return warmupCosineTail({ maxLr, minLr, warmupSteps, annealSteps, tailSteps, ...tailOption });
}

export interface LinearLrOptions {
  /** The optimizer's learning rate, which the factors scale. */
  baseLr: number;
  /** @default 1 / 3 */
  startFactor?: number;
  /** @default 1 */
  endFactor?: number;
  /** Steps over which the factor moves linearly, then holds. */
  totalIters: number;
}

/**
 * PyTorch's `LinearLR`: baseLr × a factor that moves linearly from startFactor to endFactor over
 * totalIters steps, then holds.
 * @see torch.optim.lr_scheduler.LinearLR
 */
export function linearLr(options: LinearLrOptions): Schedule {
  const baseLr = positive('baseLr', options?.baseLr);
  const startFactor = inRange('startFactor', options.startFactor ?? 1 / 3, 0, 1, { openLow: true, closedHigh: true });
  const endFactor = inRange('endFactor', options.endFactor ?? 1, 0, 1, { closedHigh: true });
  const steps = positiveInteger('totalIters', options.totalIters);
  return linear({ from: baseLr * startFactor, to: baseLr * endFactor, steps });
}

/** Phases of a cycle schedule (PyTorch's fractional ends) as whole-step ranges that tile the run. */
export function phaseRanges(cycle: CycleSchedule): SchedulePhase[] {
  const n = cycle.totalSteps;
  const out: SchedulePhase[] = [];
  let start = 0;
  for (const p of cycle.phases) {
    const end = Math.min(n, Math.max(start, Math.floor(p.endStep) + 1));
    out.push({ name: p.name, startStep: start, endStep: end });
    start = end;
  }
  const last = out[out.length - 1];
  if (last) last.endStep = n;
  return out;
}
