// The four annealers (fastai's sched_no, sched_lin, sched_cos, sched_exp): go from one value to
// another over a number of steps, then hold the end value.
import type { Schedule } from '../types.js';
import { finite, positive } from './validate.js';
import { normalizeStep } from './step.js';

export type AnnealKind = 'linear' | 'cos' | 'exp';

/** Options shared by `linear`, `cosine` and `exponential`. */
export interface AnnealOptions {
  /** Value at step 0. */
  from: number;
  /** Value from step `steps` on. */
  to: number;
  /** Length of the transition in steps (> 0; may be fractional). */
  steps: number;
}

/**
 * Unvalidated annealer used by the composites. A span ≤ 0 means the transition is already over,
 * so the end value is returned; the progress and the value are clamped, so the value never leaves
 * [min(from, to), max(from, to)]. The formulas are PyTorch's `_anneal_linear` / `_anneal_cos`
 * term for term, so the composites match PyTorch to rounding.
 */
export function anneal(kind: AnnealKind, from: number, to: number, span: number): Schedule {
  const lo = Math.min(from, to);
  const hi = Math.max(from, to);
  return (step) => {
    const t = normalizeStep(step);
    const pct = span > 0 ? Math.min(t / span, 1) : 1;
    let v: number;
    if (kind === 'linear') v = (to - from) * pct + from;
    else if (kind === 'cos') v = to + ((from - to) / 2) * (Math.cos(Math.PI * pct) + 1);
    else v = from * Math.pow(to / from, pct);
    // Rounding of order ulp(max) can overshoot a tiny end value; keep [lo, hi] exact.
    return v < lo ? lo : v > hi ? hi : v;
  };
}

/** A schedule that is `value` at every step. */
export function constant(value: number): Schedule {
  finite('value', value);
  return () => value;
}

/**
 * Linear ramp from `from` to `to` over `steps`, then `to` (a warm-up or a linear decay).
 * @see optax.linear_schedule, torch.optim.lr_scheduler.LinearLR
 */
export function linear(options: AnnealOptions): Schedule {
  const { from, to, steps } = checkAnneal(options);
  return anneal('linear', from, to, steps);
}

/**
 * Half-cosine from `from` to `to` over `steps`, then `to`.
 * @see optax.cosine_decay_schedule; Loshchilov & Hutter 2017, https://arxiv.org/abs/1608.03983
 */
export function cosine(options: AnnealOptions): Schedule {
  const { from, to, steps } = checkAnneal(options);
  return anneal('cos', from, to, steps);
}

/**
 * Geometric interpolation `from · (to/from)^(t/steps)` over `steps`, then `to` — the
 * "decay to a value" form of exponential decay (both values must be > 0).
 * @see exponentialDecay for PyTorch's ExponentialLR form (a factor per step).
 */
export function exponential(options: AnnealOptions): Schedule {
  const { steps } = checkAnneal(options);
  const from = positive('from', options.from);
  const to = positive('to', options.to);
  return anneal('exp', from, to, steps);
}

function checkAnneal(options: AnnealOptions): AnnealOptions {
  return {
    from: finite('from', options?.from),
    to: finite('to', options?.to),
    steps: positive('steps', options?.steps),
  };
}
