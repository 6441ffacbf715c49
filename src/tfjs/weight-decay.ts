// Decoupled weight decay (Loshchilov & Hutter's AdamW rule) for any tfjs optimizer, which have none:
// each step, p ← p − lr·wd·p with the step's own lr, so a schedule scales the decay too. PyTorch's
// AdamW decays p before its Adam update, both computed from the same p; here the optimizer steps
// first and the decay of the p from before the step is subtracted after it: the same arithmetic.
import * as tf from '@tensorflow/tfjs';

/**
 * Which variables decay: 'weights' (the default) those with two or more axes — kernels, embeddings —
 * and not biases or normalization scales and shifts (rank 1), as is usual; 'all' every trained
 * variable (PyTorch's default for a parameter group); or a predicate of your own.
 */
export type DecayRule = 'weights' | 'all' | ((variable: tf.Variable) => boolean);

export interface WeightDecayOptions {
  /** The decay per unit of lr (PyTorch's `weight_decay`): p ← p − lr·weightDecay·p each step. */
  weightDecay: number;
  /** Which variables decay. @default 'weights' */
  decayApplyTo?: DecayRule;
}

export function checkWeightDecay(wd: unknown, what = 'weightDecay'): void {
  if (typeof wd !== 'number' || !(wd >= 0 && Number.isFinite(wd))) throw new RangeError(`${what} must be a number ≥ 0, got ${String(wd)}`);
}

/** The variables `rule` decays among `variables`. */
export function decayedVariables(variables: readonly tf.Variable[], rule: DecayRule = 'weights'): tf.Variable[] {
  if (rule === 'all') return [...variables];
  if (rule === 'weights') return variables.filter((v) => v.rank >= 2);
  if (typeof rule === 'function') return variables.filter((v) => rule(v));
  throw new RangeError(`decayApplyTo must be 'weights', 'all' or a function, got ${String(rule)}`);
}

/** Applies decoupled weight decay around each optimizer step: `remember` before it, `decay` after. */
export class WeightDecay {
  private before: tf.Tensor[] | null = null;

  constructor(private readonly variables: readonly tf.Variable[], private readonly weightDecay: number) {
    checkWeightDecay(weightDecay);
  }

  static of(variables: readonly tf.Variable[], options: WeightDecayOptions | undefined): WeightDecay | null {
    if (options === undefined || options.weightDecay === 0) return null;
    return new WeightDecay(decayedVariables(variables, options.decayApplyTo), options.weightDecay);
  }

  remember(): void {
    this.forget();
    this.before = this.variables.map((v) => tf.keep(v.clone()));
  }

  /** p ← p − lr·wd·p_before, for the step just taken at `lr`. */
  decay(lr: number): void {
    const before = this.before;
    if (before === null) return;
    const rate = lr * this.weightDecay;
    tf.tidy(() => this.variables.forEach((v, i) => v.assign(tf.sub(v, tf.mul(before[i]!, rate)))));
    this.forget();
  }

  forget(): void {
    if (this.before !== null) tf.dispose(this.before);
    this.before = null;
  }
}
