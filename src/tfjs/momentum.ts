// Reading and writing an optimizer's momentum (SGD momentum, RMSprop momentum, Adam/Adamax beta1)
// so that the new value really takes part in the next update — tfjs's own setters do not.
import * as tf from '@tensorflow/tfjs';

/**
 * tfjs 4.22's MomentumOptimizer multiplies by a scalar `m` built once in its constructor;
 * `setMomentum` only updates the `momentum` field, so the update never sees the new value.
 */
interface MomentumInternals {
  momentum: number;
  m: tf.Scalar;
}

/** Adam and Adamax read `beta1` each step but divide by `1 − accBeta1`, a running product. */
interface Beta1Internals {
  beta1: number;
  accBeta1: tf.Variable;
}

type Kind = 'momentum' | 'beta1' | 'rmsprop';

function kindOf(optimizer: tf.Optimizer): Kind | null {
  const o = optimizer as unknown as Record<string, unknown>;
  if (optimizer instanceof tf.MomentumOptimizer && o.m instanceof tf.Tensor) return 'momentum';
  if ((optimizer instanceof tf.AdamOptimizer || optimizer instanceof tf.AdamaxOptimizer) && o.accBeta1 instanceof tf.Variable) {
    return 'beta1';
  }
  if (optimizer instanceof tf.RMSPropOptimizer && typeof o.momentum === 'number') return 'rmsprop';
  return null;
}

/** Whether `getMomentum` / `setMomentum` support this optimizer (Momentum, Adam, Adamax, RMSprop). */
export function hasMomentum(optimizer: tf.Optimizer): boolean {
  return kindOf(optimizer) !== null;
}

function unsupported(optimizer: tf.Optimizer): TypeError {
  return new TypeError(
    `optimizer ${optimizer.getClassName()} has no momentum (expected Momentum, RMSProp, Adam or Adamax)`,
  );
}

/**
 * The optimizer's momentum: `momentum` for Momentum and RMSprop, `beta1` for Adam and Adamax.
 * Throws a TypeError for an optimizer without one (SGD, Adagrad, Adadelta).
 */
export function getMomentum(optimizer: tf.Optimizer): number {
  const kind = kindOf(optimizer);
  if (kind === null) throw unsupported(optimizer);
  const o = optimizer as unknown as { momentum: number; beta1: number };
  return kind === 'beta1' ? o.beta1 : o.momentum;
}

/**
 * Sets the momentum used by the next `applyGradients`, the way each optimizer needs it:
 *
 * - Momentum (`v ← m·v + g; w ← w − lr·v`): replaces the kept scalar `m` (the old one is
 *   disposed, the new one `tf.keep`-ed so a surrounding `tidy` cannot free it).
 * - RMSprop: sets `momentum`, which it reads as a number at every step.
 * - Adam / Adamax: sets `beta1` and, following PyTorch, re-bases the bias correction on the
 *   current value: `accBeta1 ← beta1^(t+1)` where t = steps taken, so the next update divides
 *   the first moment by `1 − beta1^(t+1)` exactly as PyTorch's `1 − beta1^step`. (Left alone,
 *   tfjs would keep multiplying the old product by the new beta1.) This is also what tfjs itself
 *   does when it restores Adam's weights.
 *
 * Throws a TypeError for an optimizer without momentum, a RangeError for a value outside [0, 1).
 */
export function setMomentum(optimizer: tf.Optimizer, value: number): void {
  const kind = kindOf(optimizer);
  if (kind === null) throw unsupported(optimizer);
  if (typeof value !== 'number' || !(value >= 0 && value < 1)) {
    throw new RangeError(`momentum must be in [0, 1), got ${String(value)}`);
  }
  if (kind === 'momentum') {
    const o = optimizer as unknown as MomentumInternals;
    // Always rebuilt (one scalar): the field may already hold `value` from tfjs's inert setter.
    const old = o.m;
    o.m = tf.keep(tf.scalar(value));
    o.momentum = value;
    old.dispose();
  } else if (kind === 'rmsprop') {
    (optimizer as unknown as { momentum: number }).momentum = value;
  } else {
    const o = optimizer as unknown as Beta1Internals;
    const steps = optimizer.iterations;
    o.beta1 = value;
    tf.tidy(() => o.accBeta1.assign(tf.scalar(Math.pow(value, steps + 1))));
  }
}
