// PyTorch's single-phase decays, in closed form: StepLR, ExponentialLR, CosineAnnealingLR.
import type { Schedule } from '../types.js';
import { finite, inRange, positive, positiveInteger } from './validate.js';
import { normalizeStep } from './step.js';

export interface StepDecayOptions {
  /** Learning rate for the first `stepSize` steps. */
  baseLr: number;
  /** Steps between decays (an integer ≥ 1). */
  stepSize: number;
  /**
   * Factor applied every `stepSize` steps, in (0, 1].
   * @default 0.1
   */
  gamma?: number;
}

/**
 * `baseLr · gamma^⌊t / stepSize⌋`. Fractional steps are floored, as PyTorch only ever sees integers.
 * @see torch.optim.lr_scheduler.StepLR
 */
export function stepDecay(options: StepDecayOptions): Schedule {
  const baseLr = finite('baseLr', options?.baseLr);
  const stepSize = positiveInteger('stepSize', options?.stepSize);
  const gamma = inRange('gamma', options?.gamma ?? 0.1, 0, 1, { openLow: true, closedHigh: true });
  return (step) => baseLr * Math.pow(gamma, Math.floor(normalizeStep(step) / stepSize));
}

export interface ExponentialDecayOptions {
  /** Learning rate at step 0. */
  baseLr: number;
  /** Factor applied every step, in (0, 1]. */
  gamma: number;
}

/**
 * `baseLr · gamma^t`. gamma is limited to (0, 1] so the value stays in [0, baseLr] at every step
 * (it underflows to 0 for astronomically large steps rather than overflowing).
 * @see torch.optim.lr_scheduler.ExponentialLR; `exponential` for the decay-to-a-value form
 */
export function exponentialDecay(options: ExponentialDecayOptions): Schedule {
  const baseLr = finite('baseLr', options?.baseLr);
  const gamma = inRange('gamma', options?.gamma, 0, 1, { openLow: true, closedHigh: true });
  return (step) => baseLr * Math.pow(gamma, normalizeStep(step));
}

export interface CosineAnnealingOptions {
  /** Learning rate at step 0. */
  baseLr: number;
  /** Steps of the half cosine (> 0). */
  tMax: number;
  /**
   * Learning rate reached at `tMax`.
   * @default 0
   */
  etaMin?: number;
}

/**
 * `etaMin + (baseLr − etaMin)(1 + cos(π t / tMax)) / 2`, PyTorch's closed form; it matches the
 * recursive form PyTorch 1.13 actually runs to ~1e-15 (see the parity tests). Differs from PyTorch
 * after `tMax`: PyTorch keeps following the cosine back up, this holds `etaMin` (use `sgdr` for
 * restarts).
 * @see torch.optim.lr_scheduler.CosineAnnealingLR; https://arxiv.org/abs/1608.03983
 */
export function cosineAnnealing(options: CosineAnnealingOptions): Schedule {
  const baseLr = finite('baseLr', options?.baseLr);
  const tMax = positive('tMax', options?.tMax);
  const etaMin = finite('etaMin', options?.etaMin ?? 0);
  return (step) => {
    const t = Math.min(normalizeStep(step), tMax);
    return etaMin + ((baseLr - etaMin) * (1 + Math.cos((Math.PI * t) / tMax))) / 2;
  };
}
