// From a finder result to training in one call: bounds in, one-cycle callback out. The run's length
// comes from `model.fit` itself unless given, as fastai's `fit_one_cycle(n, lr_max)` does.
import type { OneCycleOptions } from '../../schedules/one-cycle.js';
import type { CycleSchedule } from '../../schedules/cycle-schedule.js';
import { boundsOf, momentumOf, oneCycleFromBounds, weightDecayOf, type BoundsSource } from '../../schedules/from-bounds.js';
import { ScheduleCallback, type ScheduleCallbackArgs } from './schedule-callback.js';

export interface OneCycleCallbackArgs extends Omit<OneCycleOptions, 'maxLr'>, Pick<ScheduleCallbackArgs, 'refreshBatchNorm' | 'weightDecay' | 'decayApplyTo'> {
  /** The bounds: a finder result (`recommendLearningRate`'s, or its file), or `{maxLr, minLr?}`. */
  bounds: BoundsSource;
  /**
   * Skip momentum cycling for optimizers without momentum (plain SGD, Adagrad, Adadelta), as
   * fastai does, instead of throwing.
   * @default true
   */
  skipMissingMomentum?: boolean;
}

/** What tfjs hands callbacks before training (`model.fit` and `fitDataset`). */
export interface FitParams {
  epochs?: number;
  initialEpoch?: number | null;
  samples?: number | null;
  steps?: number | null;
  batchSize?: number | null;
}

/** The optimizer steps `model.fit` / `fitDataset` will take, from the params tfjs gives callbacks. */
export function stepsOfFit(params: FitParams): number {
  const epochs = (params.epochs ?? 1) - (params.initialEpoch ?? 0);
  const perEpoch = params.steps ?? (params.samples != null && params.batchSize != null ? Math.ceil(params.samples / params.batchSize) : null);
  if (perEpoch == null || !(perEpoch >= 1) || !(epochs >= 1)) {
    throw new RangeError('oneCycleCallback cannot tell how many steps this fit takes (a dataset of unknown size?): pass totalSteps, or epochs and stepsPerEpoch');
  }
  return epochs * perEpoch;
}

/** Steps of the trial cycle that checks the options before the run's length is known. */
const TRIAL_STEPS = 1000;

/** A ScheduleCallback following a one-cycle schedule; `schedule` has its phases for reports. */
export class OneCycleCallback extends ScheduleCallback {
  private readonly cycle: { schedule: CycleSchedule | null; build: (totalSteps?: number) => CycleSchedule };

  constructor(args: OneCycleCallbackArgs) {
    const { bounds: source, skipMissingMomentum = true, refreshBatchNorm, weightDecay, decayApplyTo, ...options } = args;
    // A finder result that chose a weight decay trains with it, unless told otherwise.
    const decay = weightDecay ?? weightDecayOf(source);
    // A result whose momentum runs chose a value cycles down from it by one-cycle's usual 0.1.
    const m = momentumOf(source);
    if (m !== undefined && options.maxMomentum === undefined && options.baseMomentum === undefined) Object.assign(options, { maxMomentum: m, baseMomentum: Math.max(0, m - 0.1) });
    const bounds = boundsOf(source);
    const fixed = options.totalSteps !== undefined || options.epochs !== undefined || options.stepsPerEpoch !== undefined;
    const build = (totalSteps?: number): CycleSchedule => oneCycleFromBounds(bounds, totalSteps === undefined ? options : { ...options, totalSteps });
    // Built now when the length is known; else checked now on a trial length and built by onTrainBegin.
    const cycle = { schedule: fixed ? build() : (build(TRIAL_STEPS), null), build };
    const follow = (): CycleSchedule => {
      if (cycle.schedule === null) throw new RangeError('the one-cycle schedule is built when training begins');
      return cycle.schedule;
    };
    super({
      lr: (step) => follow().lr(step),
      ...(options.cycleMomentum ?? true ? { momentum: (step: number) => follow().momentum?.(step) ?? 0 } : {}),
      skipMissingMomentum,
      ...(refreshBatchNorm ? { refreshBatchNorm } : {}),
      ...(decay !== undefined ? { weightDecay: decay } : {}),
      ...(decayApplyTo !== undefined ? { decayApplyTo } : {}),
    });
    this.cycle = cycle;
  }

  /** The schedule followed: set from the start when the run's length was given, else once training begins. */
  get schedule(): CycleSchedule {
    if (this.cycle.schedule === null) throw new RangeError('the one-cycle schedule is built when training begins (or pass totalSteps)');
    return this.cycle.schedule;
  }

  override async onTrainBegin(): Promise<void> {
    // Sized to the first fit; later fits go on counting steps (and hold the final rate), as ScheduleCallback does.
    this.cycle.schedule ??= this.cycle.build(stepsOfFit(this.params as FitParams));
    await super.onTrainBegin();
  }
}

/**
 * One-cycle training from a finder result or bounds (PyTorch's OneCycleLR parameters and
 * defaults). The cycle starts at minLr (divFactor = maxLr / minLr) unless `divFactor` is given and
 * ends at the start rate / finalDivFactor; momentum (or Adam's beta1) cycles 0.95 → 0.85 → 0.95
 * unless `cycleMomentum` is false. Without `totalSteps` (or `epochs` and `stepsPerEpoch`) the run's
 * length is read from `model.fit` when training begins.
 *
 * @example
 * const found = await recommendLearningRate(model, { xs, ys });
 * await model.fit(xs, ys, { epochs: 10, batchSize: 32, callbacks: [oneCycleCallback(found)] });
 */
export function oneCycleCallback(source: BoundsSource, options: Omit<OneCycleCallbackArgs, 'bounds'> = {}): OneCycleCallback {
  return new OneCycleCallback({ ...options, bounds: source });
}
