// Smith's family of range tests at several weight decays, each with a validation loss measured on
// a sample of batches at every step; the pick (src/range-test/weight-decay-pick.ts) then says which
// decay the finder goes on with. Tensor data without validation data gives up a seeded share of
// its rows to measure on.
import * as tf from '@tensorflow/tfjs';
import { analyzeRangeTest } from '../range-test/analyze-result.js';
import { pickWeightDecay } from '../range-test/weight-decay-pick.js';
import { WEIGHT_DECAY } from '../constants.js';
import { seededPermutation } from '../random.js';
import type { WeightDecayChoice, WeightDecayMember } from '../types.js';
import { exampleCount, isTensorData, mapTensors, type TensorData, type TrainingData } from './batches.js';
import type { Trainable } from './learner.js';
import { findLearningRate, type RangeTestOptions } from './range-test.js';
import { checkWeightDecay } from './weight-decay.js';

/** The decays to try: Smith's family for 'auto', or the list given (checked, no decay first when it is there). */
export function familyOf(spec: 'auto' | readonly number[]): number[] {
  if (spec === 'auto') return [...WEIGHT_DECAY.family];
  if (!Array.isArray(spec) || spec.length < 2) throw new RangeError(`weightDecay must be a number, 'auto' or a list of at least 2 decays, got ${JSON.stringify(spec)}`);
  spec.forEach((wd) => checkWeightDecay(wd, 'every weightDecay in the list'));
  return [...new Set(spec)].sort((a, b) => a - b);
}

/** `data` split into training rows and a seeded held-out share for the validation loss. */
function holdOut(data: TensorData, seed: number): { train: TensorData; validation: TensorData } {
  const n = exampleCount(data);
  const order = seededPermutation(n, seed + 7);
  const cut = Math.max(1, Math.round(n * WEIGHT_DECAY.holdOut));
  const rows = (from: number, to: number): TensorData => {
    const index = tf.tensor1d(order.slice(from, to), 'int32');
    const take = (t: tf.Tensor): tf.Tensor => tf.gather(t, index);
    const part = { xs: mapTensors(data.xs, take), ys: mapTensors(data.ys, take) };
    index.dispose();
    return part;
  };
  return { validation: rows(0, cut), train: rows(cut, n) };
}

const disposeData = (d: TensorData): void => tf.dispose([d.xs, d.ys] as unknown as tf.TensorContainer);

/**
 * One range test per decay in `family`, each with a validation loss, and the choice among them.
 * `sweep` is the finder's sweep (its own validation data, if any, is used; else tensor data gives up
 * a held-out share).
 */
export async function chooseWeightDecay(
  model: Trainable, data: TrainingData, family: readonly number[], sweep: RangeTestOptions,
  onMember?: (member: { weightDecay: number; index: number; count: number }) => void,
): Promise<WeightDecayChoice> {
  const given = sweep.validationData;
  if (given === undefined && !isTensorData(data)) throw new RangeError("weightDecay 'auto' reads validation losses: give validationData (a dataset cannot give up rows for it)");
  const split = given === undefined ? holdOut(data as TensorData, sweep.seed ?? 0) : null;
  try {
    const members: WeightDecayMember[] = [];
    for (const [index, weightDecay] of family.entries()) {
      onMember?.({ weightDecay, index, count: family.length });
      const result = await findLearningRate(model, split?.train ?? data, {
        ...sweep, weightDecay, runs: 1, validationData: given ?? split!.validation, validationBatches: sweep.validationBatches ?? WEIGHT_DECAY.validationBatches,
      });
      if (sweep.signal?.aborted) break;
      const maxLr = result.lrs.length >= 2 ? analyzeRangeTest(result).curveBounds?.maxLr ?? null : null;
      members.push({ weightDecay, lrs: result.lrs, losses: result.losses, validationLosses: result.validationLosses ?? [], lowest: Number.NaN, lrAtLowest: Number.NaN, maxLr });
    }
    const pick = pickWeightDecay(members);
    pick.scores.forEach((s, i) => Object.assign(members[i]!, { lowest: s.lowest, lrAtLowest: s.lrAtLowest }));
    return { value: pick.value, how: 'chosen', reason: pick.reason, family: members };
  } finally {
    if (split !== null) [split.train, split.validation].forEach(disposeData);
  }
}
