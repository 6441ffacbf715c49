// Turns `lrfind schedule` flags into one library schedule factory call. Only the mapping of flag
// names to factory options lives here; the schedules themselves are src/schedules'.
import {
  cosineAnnealing,
  cyclic,
  exponentialDecay,
  fastaiOneCycle,
  linear,
  oneCycle,
  sgdr,
  stepDecay,
  warmupCosineTail,
  type CycleSchedule,
  type OneCycleOptions,
} from '../../src/schedules/index.js';
import type { Schedule } from '../../src/types.js';
import type { Flags } from '../args.js';
import { UsageError } from '../errors.js';
import { FLAGS_OF, SCHEDULE_FLAGS, type ScheduleFlagName, type ScheduleName } from './schedule-flags.js';

export type ScheduleFlags = Flags<typeof SCHEDULE_FLAGS>;

/** A phase for the report: steps [startStep, endStep). */
export interface ReportPhase {
  name: string;
  startStep: number;
  endStep: number;
}

export interface BuiltSchedule {
  name: ScheduleName;
  lr: Schedule;
  momentum: Schedule | null;
  totalSteps: number;
  phases: ReportPhase[];
  stepsPerEpoch?: number;
}

/** The seed project's 18 + 18 + 4 epochs of 40: warm-up and cosine take 45 % each by default. */
const SEED_PHASE_FRACTION = 0.45;

/** Which flags `name` needs, with a hint when `--from` can supply them. */
const REQUIRED: Record<ScheduleName, readonly ScheduleFlagName[]> = {
  onecycle: ['max-lr'],
  'fastai-onecycle': ['max-lr'],
  'seed-onecycle': ['max-lr', 'min-lr'],
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

/** The bounds of a finder result, as `--from` reads them. */
export interface FinderBounds {
  maxLr: number;
  minLr: number;
}

/** Fills --max-lr / --min-lr / --base-lr (and one-cycle's --div-factor) from a finder result where the user gave none. */
export function applyBounds(name: ScheduleName, flags: ScheduleFlags, bounds: FinderBounds): ScheduleFlags {
  const uses = new Set(FLAGS_OF[name]);
  const out: ScheduleFlags = { ...flags };
  // One-cycle starts at min lr, as oneCycleCallback does with bounds: divFactor = maxLr / minLr.
  if (uses.has('div-factor') && flags['max-lr'] === undefined) out['div-factor'] ??= bounds.maxLr / bounds.minLr;
  if (uses.has('max-lr')) out['max-lr'] ??= bounds.maxLr;
  if (uses.has('min-lr')) out['min-lr'] ??= bounds.minLr;
  // cyclic runs between the bounds; the decays start from the top one.
  if (uses.has('base-lr')) out['base-lr'] ??= name === 'cyclic' ? bounds.minLr : bounds.maxLr;
  return out;
}

/** --total-steps, or --epochs × --steps-per-epoch. */
export function totalStepsOf(name: ScheduleName, flags: ScheduleFlags): number {
  const total = flags['total-steps'];
  if (total !== undefined) {
    if (total < 1) throw new UsageError(`--total-steps must be an integer ≥ 1, got ${total}`);
    return total;
  }
  const { epochs, 'steps-per-epoch': spe } = flags;
  if (epochs === undefined || spe === undefined) {
    throw new UsageError(`the ${name} schedule needs --total-steps (or --epochs and --steps-per-epoch)`);
  }
  if (epochs < 1) throw new UsageError(`--epochs must be an integer ≥ 1, got ${epochs}`);
  if (spe < 1) throw new UsageError(`--steps-per-epoch must be an integer ≥ 1, got ${spe}`);
  return epochs * spe;
}

function defined<T extends object>(record: T): Partial<T> {
  return Object.fromEntries(Object.entries(record).filter(([, v]) => v !== undefined)) as Partial<T>;
}

/** Phases of a cycle schedule (PyTorch's fractional ends) as whole-step ranges that tile the run. */
export function reportPhases(cycle: CycleSchedule): ReportPhase[] {
  const n = cycle.totalSteps;
  const out: ReportPhase[] = [];
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

function oneCycleOptions(flags: ScheduleFlags, totalSteps: number): OneCycleOptions {
  return {
    maxLr: flags['max-lr']!,
    totalSteps,
    ...defined({
      pctStart: flags['pct-start'],
      annealStrategy: flags['anneal-strategy'] as OneCycleOptions['annealStrategy'],
      divFactor: flags['div-factor'],
      finalDivFactor: flags['final-div-factor'],
      threePhase: flags['three-phase'],
      baseMomentum: flags['base-momentum'],
      maxMomentum: flags['max-momentum'],
      cycleMomentum: flags['no-cycle-momentum'] ? false : undefined,
    }),
  };
}

function seedSteps(flags: ScheduleFlags, name: ScheduleName): { warmupSteps: number; annealSteps: number; tailSteps: number } {
  const warm = flags['warmup-steps'];
  const anneal = flags['anneal-steps'];
  const tail = flags['tail-steps'];
  const hasTotal = flags['total-steps'] !== undefined || flags.epochs !== undefined || flags['steps-per-epoch'] !== undefined;
  if (warm !== undefined && anneal !== undefined && tail !== undefined && !hasTotal) {
    return { warmupSteps: warm, annealSteps: anneal, tailSteps: tail };
  }
  const total = totalStepsOf(name, flags);
  const warmupSteps = warm ?? Math.max(1, Math.round(total * SEED_PHASE_FRACTION));
  const annealSteps = anneal ?? Math.max(1, Math.round(total * SEED_PHASE_FRACTION));
  const tailSteps = tail ?? total - warmupSteps - annealSteps;
  if (warmupSteps + annealSteps + tailSteps !== total || tailSteps < 0) {
    throw new UsageError(
      `--warmup-steps + --anneal-steps + --tail-steps must add up to the ${total} total steps, got ${warmupSteps} + ${annealSteps} + ${tailSteps}`,
    );
  }
  return { warmupSteps, annealSteps, tailSteps };
}

function plain(name: ScheduleName, lr: Schedule, totalSteps: number): BuiltSchedule {
  return { name, lr, momentum: null, totalSteps, phases: [] };
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
      return withEpochs({ name, lr: cycle.lr, momentum: cycle.momentum, totalSteps: total, phases: reportPhases(cycle) });
    }
    case 'seed-onecycle': {
      const cycle = warmupCosineTail({
        maxLr: flags['max-lr']!,
        minLr: flags['min-lr']!,
        ...seedSteps(flags, name),
        ...defined({ tailLr: flags['tail-lr'] }),
      });
      return withEpochs({ name, lr: cycle.lr, momentum: null, totalSteps: cycle.totalSteps, phases: reportPhases(cycle) });
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
      // PyTorch's LinearLR: factors of base-lr (start 1/3, end 1), over total-iters steps.
      const startFactor = flags['start-factor'] ?? 1 / 3;
      const endFactor = flags['end-factor'] ?? 1;
      if (!(startFactor > 0 && startFactor <= 1)) throw new UsageError(`--start-factor must be in (0, 1], got ${startFactor}`);
      if (!(endFactor >= 0 && endFactor <= 1)) throw new UsageError(`--end-factor must be in [0, 1], got ${endFactor}`);
      const steps = flags['total-iters'] ?? total;
      if (!(steps >= 1)) throw new UsageError(`--total-iters must be an integer ≥ 1, got ${steps}`);
      if (!Number.isFinite(baseLr)) throw new UsageError(`--base-lr must be a finite number, got ${baseLr}`);
      return withEpochs(plain(name, linear({ from: baseLr * startFactor, to: baseLr * endFactor, steps }), total));
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
