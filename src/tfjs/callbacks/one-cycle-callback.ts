// From range-test result to training in one call: bounds in, one-cycle callback out.
import type { Analysis } from '../../types.js';
import { oneCycle, type OneCycleOptions } from '../../schedules/one-cycle.js';
import type { CycleSchedule } from '../../schedules/cycle-schedule.js';
import { ScheduleCallback } from './schedule-callback.js';

/** Learning-rate bounds, e.g. an Analysis's `recommendation`. */
export interface LrBounds {
  maxLr: number;
  /** When given, the cycle starts here: divFactor = maxLr / minLr. */
  minLr?: number;
}

/** Either bounds, or anything carrying a `recommendation` (an `Analysis` from `analyzeCurve`). */
export type OneCycleSource = LrBounds | Pick<Analysis, 'recommendation' | 'warnings'>;

export interface OneCycleCallbackArgs extends Omit<OneCycleOptions, 'maxLr'> {
  /**
   * Skip momentum cycling for optimizers without momentum (plain SGD, Adagrad, Adadelta), as
   * fastai does, instead of throwing.
   * @default true
   */
  skipMissingMomentum?: boolean;
}

/** A ScheduleCallback following a one-cycle schedule; `schedule` has its phases for reports. */
export class OneCycleCallback extends ScheduleCallback {
  readonly schedule: CycleSchedule;

  constructor(schedule: CycleSchedule, skipMissingMomentum: boolean) {
    super({ lr: schedule.lr, momentum: schedule.momentum ?? undefined, skipMissingMomentum });
    this.schedule = schedule;
  }
}

function boundsOf(source: OneCycleSource): LrBounds {
  if (source != null && 'recommendation' in source) {
    if (source.recommendation == null) {
      const why = source.warnings?.length ? `: ${source.warnings.join('; ')}` : '';
      throw new RangeError(`analysis has no recommendation${why}`);
    }
    return source.recommendation;
  }
  if (source == null || typeof source !== 'object') throw new RangeError(`bounds must be {maxLr, minLr?} or an Analysis, got ${String(source)}`);
  return source;
}

/**
 * One-cycle training from learning-rate bounds (PyTorch's OneCycleLR parameters and defaults).
 * With `minLr` the cycle starts at minLr (divFactor = maxLr / minLr) unless `divFactor` is given;
 * the final rate is the start rate / finalDivFactor. Momentum (or Adam's beta1) cycles
 * 0.95 → 0.85 → 0.95 unless `cycleMomentum` is false.
 *
 * @example
 * const analysis = analyzeCurve(await findLearningRate(model, {xs, ys}));
 * const stepsPerEpoch = Math.ceil(xs.shape[0] / 32);
 * await model.fit(xs, ys, {epochs: 10, batchSize: 32, callbacks: [oneCycleCallback(analysis, {epochs: 10, stepsPerEpoch})]});
 */
export function oneCycleCallback(source: OneCycleSource, options: OneCycleCallbackArgs): OneCycleCallback {
  const { maxLr, minLr } = boundsOf(source);
  if (minLr !== undefined && !(minLr > 0 && minLr < maxLr)) {
    throw new RangeError(`minLr must be in (0, maxLr = ${maxLr}), got ${minLr}`);
  }
  const { skipMissingMomentum = true, ...rest } = options ?? ({} as OneCycleCallbackArgs);
  const divFactor = rest.divFactor ?? (minLr !== undefined ? maxLr / minLr : undefined);
  const schedule = oneCycle({ ...rest, maxLr, divFactor });
  return new OneCycleCallback(schedule, skipMissingMomentum);
}
