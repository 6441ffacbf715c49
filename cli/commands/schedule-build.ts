// Turns `lrfind schedule` flags into one library schedule factory call. Only the mapping of flag
// names to factory options lives here; the schedules themselves are src/schedules'.
import {
  cosineAnnealing,
  cyclic,
  exponentialDecay,
  fastaiOneCycle,
  linearLr,
  oneCycle,
  resolveTotalSteps,
  warmupCosineTailFromBounds,
  sgdr,
  stepDecay,
  type LrBounds,
  type OneCycleOptions,
  type CycleSchedule,
} from '../../src/schedules/index.js';
import type { Schedule } from '../../src/types.js';
import { withFlagNames, type Flags } from '../args.js';
import { UsageError } from '../errors.js';
import { FLAGS_OF, SCHEDULE_FLAGS, type ScheduleFlagName, type ScheduleName } from './schedule-flags.js';

export type ScheduleFlags = Flags<typeof SCHEDULE_FLAGS>;


export interface BuiltSchedule {
  name: ScheduleName;
  /** The lr per step, or a cycle (lr, momentum and phases). */
  schedule: Schedule | CycleSchedule;
  totalSteps: number;
  stepsPerEpoch?: number;
}

/** Which flags `name` needs, with a hint when `--from` can supply them. */
const REQUIRED: Record<ScheduleName, readonly ScheduleFlagName[]> = {
  onecycle: ['max-lr'],
  'fastai-onecycle': ['max-lr'],
  'warmup-cosine-tail': ['max-lr', 'min-lr'],
  cosine: ['base-lr'],
  sgdr: ['base-lr', 't0'],
  exponential: ['base-lr', 'gamma'],
  linear: ['base-lr'],
  step: ['base-lr', 'step-size'],
  cyclic: ['base-lr', 'max-lr'],
};

const FROM_FILLS = new Set<ScheduleFlagName>(['max-lr', 'min-lr', 'base-lr']);

/** Rejects flags the schedule does not read and asks for the ones it needs. */
export function checkScheduleFlags(name: ScheduleName, flags: ScheduleFlags, common: readonly ScheduleFlagName[]): void {
  const allowed = new Set<string>([...FLAGS_OF[name], ...common]);
  for (const flag of Object.keys(flags)) {
    if (!allowed.has(flag)) throw new UsageError(`--${flag} does not apply to the ${name} schedule (see lrfind schedule --help)`);
  }
  for (const flag of REQUIRED[name]) {
    if (flags[flag] === undefined) {
      const hint = FROM_FILLS.has(flag) ? ' (or --from <range-test.json>)' : '';
      throw new UsageError(`the ${name} schedule needs --${flag}${hint}`);
    }
  }
}

/** Fills --max-lr / --min-lr / --base-lr (and one-cycle's --div-factor) from a finder result where the user gave none. */
export function applyBounds(name: ScheduleName, flags: ScheduleFlags, bounds: Required<LrBounds>): ScheduleFlags {
  const uses = new Set(FLAGS_OF[name]);
  const out: ScheduleFlags = { ...flags };
  // One-cycle starts at min lr, as oneCycleCallback does with bounds, unless the user set the peak
  // (then --div-factor, or its default, sets the start) or the start (--div-factor) by hand.
  const ownStart = uses.has('div-factor') && (flags['max-lr'] !== undefined || flags['div-factor'] !== undefined);
  if (uses.has('max-lr')) out['max-lr'] ??= bounds.maxLr;
  if (uses.has('min-lr') && !ownStart) out['min-lr'] ??= bounds.minLr;
  // cyclic runs between the bounds; the decays start from the top one.
  if (uses.has('base-lr')) out['base-lr'] ??= name === 'cyclic' ? bounds.minLr : bounds.maxLr;
  return out;
}

/** --total-steps, or --epochs × --steps-per-epoch (the library's resolveTotalSteps, with the flags' names in its errors). */
export function totalStepsOf(name: ScheduleName, flags: ScheduleFlags): number {
  const { 'total-steps': totalSteps, epochs, 'steps-per-epoch': stepsPerEpoch } = flags;
  if (totalSteps === undefined && (epochs === undefined || stepsPerEpoch === undefined)) {
    throw new UsageError(`the ${name} schedule needs --total-steps (or --epochs and --steps-per-epoch)`);
  }
  return asUsage(() => resolveTotalSteps(defined({ totalSteps, epochs, stepsPerEpoch })));
}

/** A library RangeError about an option, as a usage error about its flag ("totalSteps must…" → "--total-steps must…"). */
function asUsage<T>(build: () => T): T {
  try {
    return build();
  } catch (error) {
    if (!(error instanceof RangeError)) throw error;
    throw new UsageError(withFlagNames(error.message, SCHEDULE_FLAGS));
  }
}

function defined<T extends object>(record: T): Partial<T> {
  return Object.fromEntries(Object.entries(record).filter(([, v]) => v !== undefined)) as Partial<T>;
}

/** One-cycle's start as a divisor of the peak: --div-factor, or --max-lr / --min-lr (one of them, not both). */
function divFactorOf(flags: ScheduleFlags): number | undefined {
  const { 'max-lr': maxLr, 'min-lr': minLr, 'div-factor': divFactor } = flags;
  if (minLr === undefined) return divFactor;
  if (divFactor !== undefined) throw new UsageError('--min-lr and --div-factor both set where one-cycle starts (--div-factor = max / min); give one');
  if (!(minLr > 0 && Number.isFinite(minLr))) throw new UsageError(`--min-lr must be a positive number, got ${minLr}`);
  if (maxLr !== undefined && !(minLr < maxLr)) throw new UsageError(`--min-lr must be below --max-lr (got ${minLr} and ${maxLr})`);
  return maxLr === undefined ? undefined : maxLr / minLr;
}

function oneCycleOptions(flags: ScheduleFlags, totalSteps: number): OneCycleOptions {
  return {
    maxLr: flags['max-lr']!,
    totalSteps,
    ...defined({
      pctStart: flags['pct-start'],
      annealStrategy: flags['anneal-strategy'] as OneCycleOptions['annealStrategy'],
      divFactor: divFactorOf(flags),
      finalDivFactor: flags['final-div-factor'],
      threePhase: flags['three-phase'],
      baseMomentum: flags['base-momentum'],
      maxMomentum: flags['max-momentum'],
      cycleMomentum: flags['no-cycle-momentum'] ? false : undefined,
    }),
  };
}

function plain(name: ScheduleName, lr: Schedule, totalSteps: number): BuiltSchedule {
  return { name, schedule: lr, totalSteps };
}

/** Calls the schedule factory `name` with the flags' values; factory errors keep their text. */
export function buildSchedule(name: ScheduleName, flags: ScheduleFlags): BuiltSchedule {
  const spe = flags['steps-per-epoch'];
  const withEpochs = (built: BuiltSchedule): BuiltSchedule => (spe !== undefined ? { ...built, stepsPerEpoch: spe } : built);
  const baseLr = flags['base-lr']!;
  switch (name) {
    case 'onecycle':
    case 'fastai-onecycle': {
      const total = totalStepsOf(name, flags);
      const cycle = (name === 'onecycle' ? oneCycle : fastaiOneCycle)(oneCycleOptions(flags, total));
      return withEpochs({ name, schedule: cycle, totalSteps: total });
    }
    case 'warmup-cosine-tail': {
      const cycle = asUsage(() => warmupCosineTailFromBounds({ maxLr: flags['max-lr']!, minLr: flags['min-lr']! }, defined({
        totalSteps: flags['total-steps'],
        epochs: flags.epochs,
        stepsPerEpoch: flags['steps-per-epoch'],
        warmupSteps: flags['warmup-steps'],
        annealSteps: flags['anneal-steps'],
        tailSteps: flags['tail-steps'],
        tailLr: flags['tail-lr'],
      })));
      return withEpochs({ name, schedule: cycle, totalSteps: cycle.totalSteps });
    }
    case 'cosine': {
      const total = totalStepsOf(name, flags);
      return withEpochs(plain(name, cosineAnnealing({ baseLr, tMax: flags['t-max'] ?? total, ...defined({ etaMin: flags['eta-min'] }) }), total));
    }
    case 'sgdr': {
      const total = totalStepsOf(name, flags);
      const options = { baseLr, t0: flags.t0!, ...defined({ tMult: flags['t-mult'], etaMin: flags['eta-min'] }) };
      return withEpochs(plain(name, sgdr(options), total));
    }
    case 'exponential':
      return withEpochs(plain(name, exponentialDecay({ baseLr, gamma: flags.gamma! }), totalStepsOf(name, flags)));
    case 'step': {
      const options = { baseLr, stepSize: flags['step-size']!, ...defined({ gamma: flags.gamma }) };
      return withEpochs(plain(name, stepDecay(options), totalStepsOf(name, flags)));
    }
    case 'linear': {
      const total = totalStepsOf(name, flags);
      const options = { baseLr, totalIters: flags['total-iters'] ?? total, ...defined({ startFactor: flags['start-factor'], endFactor: flags['end-factor'] }) };
      return withEpochs(plain(name, asUsage(() => linearLr(options)), total));
    }
    case 'cyclic': {
      const options = {
        baseLr,
        maxLr: flags['max-lr']!,
        ...defined({
          stepSizeUp: flags['step-size-up'],
          stepSizeDown: flags['step-size-down'],
          mode: flags.mode as 'triangular' | 'triangular2' | 'exp_range' | undefined,
          gamma: flags.gamma,
        }),
      };
      return withEpochs(plain(name, cyclic(options), totalStepsOf(name, flags)));
    }
  }
}
