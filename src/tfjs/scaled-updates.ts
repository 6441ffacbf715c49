// Training some variables at a fraction of the optimizer's lr. tfjs optimizers have one lr, so the
// step is taken at full lr and these variables' updates are then scaled: v ← v_before + factor ×
// (v_after − v_before). For SGD, momentum, Adam, Adamax, Adagrad and Adadelta that is exactly a
// step at factor × lr (their update is lr times something that does not depend on lr); for RMSprop
// with momentum it is close, not exact. docs/fine-tune.md says why lrfind chose this over a second
// optimizer.
import * as tf from '@tensorflow/tfjs';

export class ScaledUpdates {
  private before: tf.Tensor[] | null = null;

  constructor(private readonly variables: readonly tf.Variable[], private readonly factor: number) {
    if (!(factor > 0 && factor <= 1)) throw new RangeError(`the lr factor must be in (0, 1], got ${factor}`);
  }

  /** Call before the optimizer's step. */
  remember(): void {
    this.forget();
    if (this.factor !== 1) this.before = this.variables.map((v) => tf.keep(v.clone()));
  }

  /** Call after it: scales the step each variable took. */
  scale(): void {
    const before = this.before;
    if (before === null) return;
    tf.tidy(() => this.variables.forEach((v, i) => v.assign(tf.add(before[i]!, tf.mul(tf.sub(v, before[i]!), this.factor)))));
    this.forget();
  }

  forget(): void {
    if (this.before !== null) tf.dispose(this.before);
    this.before = null;
  }
}
