// Exponential smoothings of the two peers, and a spike-removing median filter.

/**
 * fastai's recorder smoothing: an EMA started at 0 and bias-corrected,
 * `avg = β·avg + (1-β)·x; out = avg / (1 - β^(i+1))`. It lags a rising curve by about 1/(1-β) points.
 * @param beta in [0, 1); 0 returns the losses unchanged.
 * @see https://github.com/fastai/fastai/blob/master/fastai/learner.py (AvgSmoothLoss)
 */
export function emaSmooth(losses: readonly number[], beta = 0.98): number[] {
  if (!(beta >= 0 && beta < 1)) throw new RangeError(`beta must be in [0, 1), got ${beta}`);
  const out = new Array<number>(losses.length);
  let average = 0;
  let correction = 1;
  for (let i = 0; i < losses.length; i++) {
    average = beta * average + (1 - beta) * losses[i]!;
    correction *= beta;
    out[i] = average / (1 - correction);
  }
  return out;
}

/**
 * pytorch-lr-finder's smoothing: `s0 = x0, s_i = α·x_i + (1-α)·s_{i-1}`, not bias-corrected.
 * @param smoothF α in [0, 1); pytorch-lr-finder's `smooth_f`. 0 returns the losses unchanged.
 * @see https://github.com/davidtvs/pytorch-lr-finder (LRFinder.range_test)
 */
export function pytorchLrFinderSmooth(losses: readonly number[], smoothF = 0.05): number[] {
  if (!(smoothF >= 0 && smoothF < 1)) throw new RangeError(`smoothF must be in [0, 1), got ${smoothF}`);
  const out = new Array<number>(losses.length);
  for (let i = 0; i < losses.length; i++) {
    const x = losses[i]!;
    // smoothF = 0 means "no smoothing" in pytorch-lr-finder (it skips the EMA).
    out[i] = i === 0 || smoothF === 0 ? x : smoothF * x + (1 - smoothF) * out[i - 1]!;
  }
  return out;
}

/**
 * Running median over an odd window, centred (no lag). Near the ends the window shrinks
 * symmetrically, so the first and last points are kept as they are. Removes isolated spikes that
 * would otherwise dominate a polynomial smoother.
 */
export function medianFilter(values: readonly number[], window: number): number[] {
  if (!Number.isInteger(window) || window < 1 || window % 2 === 0) {
    throw new RangeError(`window must be an odd integer ≥ 1, got ${window}`);
  }
  const n = values.length;
  const half = (window - 1) / 2;
  const out = new Array<number>(n);
  const buffer = new Float64Array(window);
  for (let i = 0; i < n; i++) {
    const k = Math.min(half, i, n - 1 - i);
    // Insertion sort: windows are small, and this avoids an allocation per point.
    let size = 0;
    for (let j = i - k; j <= i + k; j++) {
      const v = values[j]!;
      let at = size++;
      while (at > 0 && buffer[at - 1]! > v) {
        buffer[at] = buffer[at - 1]!;
        at--;
      }
      buffer[at] = v;
    }
    out[i] = buffer[k]!;
  }
  return out;
}
