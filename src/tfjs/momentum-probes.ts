// Smith's reading of momentum ("A disciplined approach…", 2018, section 4): not a range test, which
// he shows says nothing about it, but short runs at the found lr with a few momentum (or Adam's β1)
// values, from the same starting weights; the one whose loss ends lowest is the one to cycle from.
import type * as tf from '@tensorflow/tfjs';
import { DEFAULT_CONFIRM_SETTINGS, judgeProbe, probeSchedule } from '../range-test/confirm.js';
import { formatValue } from '../format.js';
import { minOf } from '../numbers.js';
import type { MomentumChoice } from '../types.js';
import { makeBatchSource, type TrainingData } from './batches.js';
import { prepareLearner } from './check-inputs.js';
import type { Trainable } from './learner.js';
import { getMomentum, hasMomentum, setMomentum } from './momentum.js';
import { disposeSnapshot, restoreSnapshot, takeSnapshot } from './snapshot.js';
import { trainStep } from './train-step.js';
import { WeightDecay } from './weight-decay.js';

/** The values tried for 'auto': around the usual 0.9, as Smith's runs were. */
export const MOMENTUM_VALUES = [0.8, 0.85, 0.9, 0.95, 0.99] as const;

export interface MomentumRunOptions {
  /** Mini-batch size. @default 64 */
  batchSize?: number;
  seed?: number;
  /** The decoupled weight decay the runs train with. */
  weightDecay?: number;
}

/**
 * Runs, for each value, a probe's schedule (a warm-up to `lr`, then held) with that momentum, from
 * the starting weights each time (restored exactly after each and at the end, momentum included).
 * The value whose run ends lowest is chosen.
 */
/** Throws before any training when momentum runs cannot run: an optimizer without momentum, or bad values. */
export function checkMomentumRuns(optimizer: tf.Optimizer | undefined, values: readonly number[]): void {
  if (optimizer !== undefined && !hasMomentum(optimizer)) throw new TypeError(`momentum 'auto' needs an optimizer with momentum or β1 (Momentum, RMSprop, Adam, Adamax), got ${optimizer.getClassName()}`);
  const bad = values.find((m) => !(typeof m === 'number' && m >= 0 && m < 1));
  if (bad !== undefined || values.length < 2) throw new RangeError(`momentum must be 'auto' or at least 2 values in [0, 1), got ${values.join(', ')}`);
}

export async function chooseMomentum(model: Trainable, data: TrainingData, lr: number, values: readonly number[], options: MomentumRunOptions = {}): Promise<MomentumChoice> {
  const batchSize = options.batchSize ?? 64;
  const learner = await prepareLearner(model, data, batchSize);
  checkMomentumRuns(learner.optimizer, values);
  const before = getMomentum(learner.optimizer);
  const schedule = probeSchedule(lr, DEFAULT_CONFIRM_SETTINGS);
  const decay = options.weightDecay ? WeightDecay.of(learner.trainable, { weightDecay: options.weightDecay }) : null;
  const snapshot = takeSnapshot(learner);
  const tried: { momentum: number; endLoss: number }[] = [];
  try {
    for (const momentum of values) {
      setMomentum(learner.optimizer, momentum);
      const source = makeBatchSource(data, batchSize, options.seed ?? 0);
      const losses: number[] = [];
      try {
        for (const stepLr of schedule) {
          const loss = await trainStep(learner, source, stepLr, { decay });
          losses.push(loss);
          if (!Number.isFinite(loss)) break;
        }
      } finally {
        restoreSnapshot(learner, snapshot);
      }
      const { endLoss } = judgeProbe(losses, { target: Number.POSITIVE_INFINITY, level: losses[0] ?? 0, holdSteps: DEFAULT_CONFIRM_SETTINGS.holdSteps, giveBack: Number.POSITIVE_INFINITY });
      tried.push({ momentum, endLoss });
    }
  } finally {
    decay?.forget();
    disposeSnapshot(snapshot);
    setMomentum(learner.optimizer, before);
  }
  return momentumChoice(tried, before);
}

/** The lowest-ending value, and whether it differs from the optimizer's own. */
export function momentumChoice(tried: readonly { momentum: number; endLoss: number }[], own: number): MomentumChoice {
  const finite = tried.filter((t) => Number.isFinite(t.endLoss));
  if (finite.length === 0) return { value: own, tried: [...tried], changed: false, reason: 'every momentum run blew up at this lr: the optimizer\'s own momentum is kept' };
  const best = finite.find((t) => t.endLoss === minOf(finite.map((f) => f.endLoss)))!;
  const changed = best.momentum !== own;
  const at = (m: number): string => formatValue(tried.find((t) => t.momentum === m)?.endLoss ?? NaN, 4);
  const reason = changed
    ? `momentum ${best.momentum} ended lowest (loss ${at(best.momentum)}; the optimizer's ${own}: ${tried.some((t) => t.momentum === own) ? at(own) : 'not tried'})`
    : `the optimizer's momentum ${own} ended lowest (loss ${at(own)})`;
  return { value: best.momentum, tried: [...tried], changed, reason };
}
