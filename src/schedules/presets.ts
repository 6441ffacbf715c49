// Named variants of one-cycle: fastai's defaults, and the founding study's warm-up / cosine / exponential tail.
import { buildPhases, type CycleSchedule, type PhaseSpec } from './cycle-schedule.js';
import { oneCycle, type OneCycleOptions } from './one-cycle.js';
import { fail, inRange, nonNegativeInteger, positive, positiveInteger } from './validate.js';

/**
 * fastai's `fit_one_cycle` defaults in PyTorch's vocabulary: pctStart 0.25, start lr maxLr/25,
 * final lr maxLr/1e5 (finalDivFactor 4000), cosine phases, momentum 0.95 → 0.85 → 0.95.
 * Any option can still be overridden. Steps follow PyTorch's convention (phase ends at
 * `pctStart·total − 1` and `total − 1`), where fastai samples `i / total` and never quite reaches
 * the final value.
 * @see fastai.callback.schedule.fit_one_cycle (div=25, div_final=1e5, pct_start=0.25, moms=(0.95,0.85,0.95))
 */
export function fastaiOneCycle(options: OneCycleOptions): CycleSchedule {
  return oneCycle({
    pctStart: 0.25,
    divFactor: 25,
    finalDivFactor: 1e5 / (options?.divFactor ?? 25),
    annealStrategy: 'cos',
    baseMomentum: 0.85,
    maxMomentum: 0.95,
    ...options,
  });
}

export interface WarmupCosineTailOptions {
  /** Learning rate at step 0 and at the end of the cosine phase. */
  minLr: number;
  /** Peak learning rate, reached at the end of the warm-up. */
  maxLr: number;
  /** Steps of linear warm-up minLr → maxLr (an integer ≥ 1). */
  warmupSteps: number;
  /** Steps of cosine annealing maxLr → minLr (an integer ≥ 1). */
  annealSteps: number;
  /** Steps of exponential decay minLr → tailLr (an integer ≥ 0; 0 means no tail). */
  tailSteps: number;
  /**
   * Learning rate at the very last step, in (0, minLr].
   * @default minLr / 100
   */
  tailLr?: number;
}

/**
 * The seed project's variant of one-cycle: linear warm-up minLr → maxLr, cosine annealing back to
 * minLr, then an exponential tail far below minLr — e.g. 18 + 18 + 4 of 40 epochs with maxLr 0.1,
 * minLr 0.01. Phase k reaches its target on the last step of its block (PyTorch's convention), so
 * the peak is at step `warmupSteps − 1` and `tailLr` at `totalSteps − 1`.
 *
 * @example
 * const spe = 50; // batches per epoch
 * warmupCosineTail({minLr: 0.01, maxLr: 0.1, warmupSteps: 18 * spe, annealSteps: 18 * spe, tailSteps: 4 * spe});
 */
export function warmupCosineTail(options: WarmupCosineTailOptions): CycleSchedule {
  const minLr = positive('minLr', options?.minLr);
  const maxLr = positive('maxLr', options?.maxLr);
  if (maxLr < minLr) fail('maxLr', `≥ minLr (${minLr})`, maxLr);
  const warmupSteps = positiveInteger('warmupSteps', options.warmupSteps);
  const annealSteps = positiveInteger('annealSteps', options.annealSteps);
  const tailSteps = nonNegativeInteger('tailSteps', options.tailSteps);
  const tailLr = inRange('tailLr', options.tailLr ?? minLr / 100, 0, minLr, { openLow: true, closedHigh: true });
  const totalSteps = warmupSteps + annealSteps + tailSteps;
  const specs: PhaseSpec[] = [
    { name: 'warmup', endStep: warmupSteps - 1, kind: 'linear', startLr: minLr, endLr: maxLr },
    { name: 'anneal', endStep: warmupSteps + annealSteps - 1, kind: 'cos', startLr: maxLr, endLr: minLr },
  ];
  if (tailSteps > 0) {
    specs.push({ name: 'tail', endStep: totalSteps - 1, kind: 'exp', startLr: minLr, endLr: tailLr });
  }
  return buildPhases(specs, totalSteps, null);
}
