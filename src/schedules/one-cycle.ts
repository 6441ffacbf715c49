// The 1cycle policy (Smith 2018) with PyTorch's OneCycleLR parameters, defaults and step convention.
import { buildPhases, type CycleSchedule, type PhaseSpec } from './cycle-schedule.js';
import { fail, inRange, oneOf, positive, positiveInteger } from './validate.js';

export interface OneCycleOptions {
  /** Peak learning rate. */
  maxLr: number;
  /** Steps in the whole run; when absent, `epochs × stepsPerEpoch`. */
  totalSteps?: number;
  /** Epochs of the run (with `stepsPerEpoch`, when `totalSteps` is absent). */
  epochs?: number;
  /** Optimizer steps (batches) per epoch. */
  stepsPerEpoch?: number;
  /**
   * Fraction of the run spent raising the learning rate, in (0, 1) (≤ 0.5 with `threePhase`).
   * @default 0.3
   */
  pctStart?: number;
  /**
   * Shape of every phase.
   * @default 'cos'
   */
  annealStrategy?: 'cos' | 'linear';
  /**
   * Start learning rate = maxLr / divFactor.
   * @default 25
   */
  divFactor?: number;
  /**
   * Final learning rate = start learning rate / finalDivFactor.
   * @default 1e4
   */
  finalDivFactor?: number;
  /**
   * Up, back down to the start rate, then annihilate (fast.ai's original), instead of up then down.
   * @default false
   */
  threePhase?: boolean;
  /**
   * Cycle momentum inversely to the learning rate (returned as `momentum`).
   * @default true
   */
  cycleMomentum?: boolean;
  /**
   * Momentum at the learning-rate peak, in [0, 1).
   * @default 0.85
   */
  baseMomentum?: number;
  /**
   * Momentum at the start and end, in [0, 1).
   * @default 0.95
   */
  maxMomentum?: number;
}

/** Resolves PyTorch's `total_steps` or `epochs × steps_per_epoch` (total_steps wins). */
export function resolveTotalSteps(options: {
  totalSteps?: number;
  epochs?: number;
  stepsPerEpoch?: number;
}): number {
  if (options?.totalSteps !== undefined) return positiveInteger('totalSteps', options.totalSteps);
  if (options?.epochs === undefined && options?.stepsPerEpoch === undefined) {
    fail('totalSteps', 'given (or epochs and stepsPerEpoch)', undefined);
  }
  return positiveInteger('epochs', options.epochs) * positiveInteger('stepsPerEpoch', options.stepsPerEpoch);
}

/**
 * One-cycle learning rate (and momentum) per optimizer step, reproducing PyTorch 1.13's OneCycleLR
 * to rounding: the rate rises from maxLr/divFactor to maxLr until step `pctStart·total − 1`, then
 * anneals to maxLr/divFactor/finalDivFactor at step `total − 1`; momentum moves the opposite way
 * between maxMomentum and baseMomentum. Steps past `total − 1` hold the final values (PyTorch
 * raises); negative steps read as step 0.
 *
 * @example
 * const {lr, momentum, phases} = oneCycle({maxLr: 0.1, epochs: 10, stepsPerEpoch: 50});
 * @see torch.optim.lr_scheduler.OneCycleLR; Smith 2018, https://arxiv.org/abs/1803.09820
 */
export function oneCycle(options: OneCycleOptions): CycleSchedule {
  const maxLr = positive('maxLr', options?.maxLr);
  const totalSteps = resolveTotalSteps(options);
  const threePhase = options.threePhase ?? false;
  const pctStart = inRange('pctStart', options.pctStart ?? 0.3, 0, 1, { openLow: true });
  const kind = oneOf('annealStrategy', options.annealStrategy ?? 'cos', ['cos', 'linear'] as const);
  const divFactor = positive('divFactor', options.divFactor ?? 25);
  const finalDivFactor = positive('finalDivFactor', options.finalDivFactor ?? 1e4);
  const cycleMomentum = options.cycleMomentum ?? true;
  const baseMomentum = inRange('baseMomentum', options.baseMomentum ?? 0.85, 0, 1);
  const maxMomentum = inRange('maxMomentum', options.maxMomentum ?? 0.95, 0, 1);
  if (threePhase && pctStart > 0.5) fail('pctStart', '≤ 0.5 when threePhase is true', pctStart);
  if (threePhase && pctStart * totalSteps < 1) {
    fail('pctStart × totalSteps', '≥ 1 when threePhase is true', pctStart * totalSteps);
  }

  const initialLr = maxLr / divFactor;
  const minLr = initialLr / finalDivFactor;
  // Phase ends exactly as PyTorch computes them (float arithmetic in the same order).
  const end1 = pctStart * totalSteps - 1;
  const last = totalSteps - 1;
  const specs: PhaseSpec[] = threePhase
    ? [
        { name: 'warmup', endStep: end1, kind, startLr: initialLr, endLr: maxLr, startMomentum: maxMomentum, endMomentum: baseMomentum },
        { name: 'cooldown', endStep: 2 * pctStart * totalSteps - 2, kind, startLr: maxLr, endLr: initialLr, startMomentum: baseMomentum, endMomentum: maxMomentum },
        { name: 'annihilation', endStep: last, kind, startLr: initialLr, endLr: minLr, startMomentum: maxMomentum, endMomentum: maxMomentum },
      ]
    : [
        { name: 'warmup', endStep: end1, kind, startLr: initialLr, endLr: maxLr, startMomentum: maxMomentum, endMomentum: baseMomentum },
        { name: 'anneal', endStep: last, kind, startLr: maxLr, endLr: minLr, startMomentum: baseMomentum, endMomentum: maxMomentum },
      ];
  return buildPhases(specs, totalSteps, cycleMomentum ? kind : null);
}
