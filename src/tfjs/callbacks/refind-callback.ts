// Running the finder again during training (Lightning's `LearningRateFinder` callback): at the
// epochs asked for, lrfind's recommendation runs on the model as it is then (restored exactly
// afterwards), and a new one-cycle over the rest of the run starts from its bounds.
import type { OneCycleOptions } from '../../schedules/one-cycle.js';
import type { CycleSchedule } from '../../schedules/cycle-schedule.js';
import { oneCycleFromBounds, type BoundsSource } from '../../schedules/from-bounds.js';
import type { LrFinderResult } from '../../types.js';
import type { TrainingData } from '../batches.js';
import type { Trainable } from '../learner.js';
import { recommendLearningRate, type RecommendLrOptions } from '../recommend.js';
import { stepsOfFit, type FitParams } from './one-cycle-callback.js';
import { ScheduleCallback } from './schedule-callback.js';

export interface RefindCallbackArgs {
  /** What the finder trains on: the training data. */
  data: TrainingData;
  /** The epochs (0-based) before which the finder runs; 0 finds before training starts. */
  atEpochs: readonly number[];
  /** The bounds to train with until the first find (needed when 0 is not in `atEpochs`). */
  bounds?: BoundsSource;
  /** The finder's options (`recommendLearningRate`). */
  finder?: RecommendLrOptions;
  /** One-cycle's other options for each leg (PyTorch's names). */
  oneCycle?: Omit<OneCycleOptions, 'maxLr' | 'totalSteps' | 'epochs' | 'stepsPerEpoch'>;
  /** Called after each find, with its epoch and result (its bounds null when it found none: the schedule then goes on). */
  onFound?: (epoch: number, found: LrFinderResult) => void;
}

/**
 * A schedule callback whose one-cycle is rebuilt from a new find at chosen epochs. Each find
 * restores the weights and the optimizer bit-exactly before training goes on; `finds` keeps them.
 */
export class RefindCallback extends ScheduleCallback {
  /** Every find so far, with the epoch it ran before. */
  readonly finds: { epoch: number; found: LrFinderResult }[] = [];
  private leg: { cycle: CycleSchedule; start: number } | null = null;
  private run = { epochs: 0, stepsPerEpoch: 0 };

  constructor(private readonly args: RefindCallbackArgs) {
    super({ lr: (step) => this.current().lr(step - this.leg!.start), momentum: (step) => this.current().momentum?.(step - this.leg!.start) ?? 0, skipMissingMomentum: true });
    if (!args.atEpochs.every((e) => Number.isInteger(e) && e >= 0)) throw new RangeError(`atEpochs must be epochs (integers ≥ 0), got ${args.atEpochs.join(', ')}`);
    if (args.bounds === undefined && !args.atEpochs.includes(0)) throw new RangeError('RefindCallback needs bounds to start with, or 0 in atEpochs');
  }

  private current(): CycleSchedule {
    if (this.leg === null) throw new RangeError('the schedule is built when training begins');
    return this.leg.cycle;
  }

  /** A one-cycle from `bounds` over the rest of the run, starting at the current step. */
  private startLeg(bounds: BoundsSource, fromEpoch: number): void {
    const totalSteps = Math.max(1, (this.run.epochs - fromEpoch) * this.run.stepsPerEpoch);
    this.leg = { cycle: oneCycleFromBounds(bounds, { ...this.args.oneCycle, totalSteps }), start: this.step };
  }

  override async onTrainBegin(): Promise<void> {
    const params = this.params as FitParams;
    const steps = stepsOfFit(params);
    const epochs = (params.epochs ?? 1) - (params.initialEpoch ?? 0);
    this.run = { epochs: params.epochs ?? epochs, stepsPerEpoch: steps / epochs };
    if (this.args.bounds !== undefined) this.startLeg(this.args.bounds, params.initialEpoch ?? 0);
    await super.onTrainBegin();
  }

  override async onEpochBegin(epoch: number): Promise<void> {
    if (!this.args.atEpochs.includes(epoch)) return;
    const found = await recommendLearningRate(this.model as unknown as Trainable, this.args.data, this.args.finder);
    this.finds.push({ epoch, found });
    this.args.onFound?.(epoch, found);
    if (found.bounds !== null) this.startLeg(found, epoch);
    else if (this.leg === null) throw new RangeError(`RefindCallback: the find before epoch ${epoch} gave no bounds, and there were none to start with`);
  }
}

/**
 * Re-runs lrfind's finder before the given epochs and follows a new one-cycle from each found
 * bounds over the rest of the run.
 * @example
 * await model.fit(xs, ys, { epochs: 10, callbacks: [refindCallback({ data: { xs, ys }, atEpochs: [0, 5] })] });
 */
export function refindCallback(args: RefindCallbackArgs): RefindCallback {
  return new RefindCallback(args);
}

