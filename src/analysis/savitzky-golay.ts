// Savitzky-Golay smoothing and derivatives: ml-savitzky-golay for the interior, scipy's 'interp'
// rule for the edges (fit a polynomial to the first/last window and evaluate it there).
import * as sgModule from 'ml-savitzky-golay';
import { uniformStep } from './gradient.js';
import { fitAndEvaluate, fitPolynomial } from './polyfit.js';
import { READING } from '../constants.js';

type SgFilter = (data: number[], h: number, options?: { windowSize?: number; derivative?: number; polynomial?: number }) => number[];

// The package is CommonJS with a `default` export; Node and bundlers nest it differently.
function resolveFilter(module: unknown): SgFilter {
  let candidate = module;
  for (let depth = 0; depth < 3; depth++) {
    if (typeof candidate === 'function') return candidate as SgFilter;
    candidate = (candidate as { default?: unknown } | null)?.default;
  }
  throw new TypeError('ml-savitzky-golay: no filter function found');
}
const sgFilter = resolveFilter(sgModule);

export interface SavitzkyGolayOptions {
  /**
   * Odd number of points in each fit, ≥ 5. For a curve shorter than the window, the window shrinks
   * to the largest odd count that fits; curves of fewer than 5 points get one polynomial fit.
   * @default defaultWindowSize(values.length)
   */
  windowSize?: number;
  /** Degree of the fitted polynomial, ≥ 1 and < windowSize (lowered when the window shrinks). @default 2 */
  polynomial?: number;
}

export interface SavitzkyGolayFilterOptions extends SavitzkyGolayOptions {
  /** Which derivative to return; 0 returns the smoothed values. @default 0 */
  derivative?: number;
  /** The spacing between samples (derivatives are divided by delta^derivative). @default 1 */
  delta?: number;
}

/** An odd window of about a tenth of the curve, between 5 and 101 points (11 for 100 points). */
export function defaultWindowSize(n: number): number {
  const target = Math.round(n / 10);
  const odd = target % 2 === 1 ? target : target + 1;
  return Math.min(101, Math.max(5, odd));
}

/** The window actually used on `n` points: `windowSize` shrunk to fit (all points below 5). */
export function effectiveWindow(n: number, windowSize?: number): number {
  if (n < 5) return n;
  return Math.min(windowSize ?? defaultWindowSize(n), n % 2 === 1 ? n : n - 1);
}

function checkOptions(options: SavitzkyGolayFilterOptions): void {
  const { windowSize, polynomial, derivative, delta } = options;
  if (windowSize !== undefined && (!Number.isInteger(windowSize) || windowSize < 5 || windowSize % 2 === 0)) {
    throw new RangeError(`windowSize must be an odd integer ≥ 5, got ${windowSize}`);
  }
  if (polynomial !== undefined && (!Number.isInteger(polynomial) || polynomial < 1)) {
    throw new RangeError(`polynomial must be an integer ≥ 1, got ${polynomial}`);
  }
  if (polynomial !== undefined && windowSize !== undefined && polynomial >= windowSize) {
    throw new RangeError(`polynomial must be < windowSize (${windowSize}), got ${polynomial}`);
  }
  if (derivative !== undefined && (!Number.isInteger(derivative) || derivative < 0)) {
    throw new RangeError(`derivative must be an integer ≥ 0, got ${derivative}`);
  }
  if (delta !== undefined && !(Number.isFinite(delta) && delta !== 0)) {
    throw new RangeError(`delta must be a finite non-zero number, got ${delta}`);
  }
}

/**
 * Savitzky-Golay filter with scipy's `mode='interp'` edges: inside, each point is the value (or
 * derivative) at the centre of a least-squares polynomial fitted to the window around it; the first
 * and last half-windows take the polynomial fitted to the first and last full window. Matches
 * `scipy.signal.savgol_filter(x, windowSize, polynomial, deriv, delta, mode='interp')`.
 */
export function savitzkyGolay(values: readonly number[], options: SavitzkyGolayFilterOptions = {}): number[] {
  checkOptions(options);
  const n = values.length;
  if (n === 0) return [];
  const derivative = options.derivative ?? 0;
  const delta = options.delta ?? 1;
  const per = Math.pow(delta, -derivative);
  const all = Array.from({ length: n }, (_, i) => i);
  if (n < 5) {
    const degree = Math.min(options.polynomial ?? READING.polynomial, n - 1);
    if (derivative > degree) return new Array<number>(n).fill(0);
    return fitAndEvaluate(values, 0, n, degree, derivative, all).map((v) => v * per);
  }
  const window = effectiveWindow(n, options.windowSize);
  const polynomial = Math.min(options.polynomial ?? READING.polynomial, window - 1);
  if (derivative > polynomial) return new Array<number>(n).fill(0);
  const half = (window - 1) / 2;
  const interior = sgFilter(values.slice(), delta, { windowSize: window, polynomial, derivative });
  const head = fitAndEvaluate(values, 0, window, polynomial, derivative, all.slice(0, half));
  const tail = fitAndEvaluate(values, n - window, window, polynomial, derivative, all.slice(window - half, window));
  return [...head.map((v) => v * per), ...interior, ...tail.map((v) => v * per)];
}

/**
 * Derivative of the Savitzky-Golay-smoothed `values` with respect to log10(lr), per decade.
 * An exponential sweep is evenly spaced in log10(lr): then the filter's own derivative is used with
 * that spacing. Otherwise (a linear sweep, say) the same local polynomial fits are made on the
 * actual log10(lr) coordinates of each window (the first and last windows serve the edges, as in
 * the 'interp' rule), which is exact for a loss linear in log10(lr) whatever the spacing.
 */
export function savitzkyGolayDerivative(
  lrs: readonly number[],
  values: readonly number[],
  options: SavitzkyGolayOptions = {},
): number[] {
  if (lrs.length !== values.length) {
    throw new RangeError(`lrs must have ${values.length} values like values, got ${lrs.length}`);
  }
  if (values.length < 2) return new Array<number>(values.length).fill(0);
  const x = lrs.map(Math.log10);
  const step = uniformStep(x, 1e-3);
  if (step !== null) return savitzkyGolay(values, { ...options, derivative: 1, delta: step });
  checkOptions(options);
  const n = values.length;
  const window = effectiveWindow(n, options.windowSize);
  const degree = Math.min(options.polynomial ?? READING.polynomial, window - 1);
  const half = Math.floor(window / 2);
  return x.map((at, i) => {
    const start = Math.min(Math.max(i - half, 0), n - window);
    return fitPolynomial(x, values, start, window, degree)(at, 1);
  });
}
