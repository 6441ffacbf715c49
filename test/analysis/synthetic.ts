// Hand-built range-test curves with known regions, for the analysis tests.
import { seededRandom } from '../../src/random.js';
import type { Curve } from '../../src/types.js';

export interface ShapeOptions {
  /** Number of points, log-evenly spread over lrs 1e-7 … 10. @default 100 */
  n?: number;
  /** log10 lr where the loss starts to fall. @default -4 */
  fallStart?: number;
  /** log10 lr where it stops falling. @default -1.5 */
  fallEnd?: number;
  /** log10 lr where it starts to blow up; null: never. @default -0.5 */
  blowUp?: number | null;
  /** Loss before the fall. @default 2.3 */
  high?: number;
  /** Loss after the fall. @default 0.3 */
  low?: number;
  /** Half-width of uniform noise. @default 0 */
  noise?: number;
  seed?: number;
}

export const log10Lrs = (n: number, start = -7, end = 1): number[] =>
  Array.from({ length: n }, (_, i) => Math.pow(10, start + ((end - start) * i) / (n - 1)));

/** Flat at `high`, linear (in log10 lr) down to `low`, flat, then an exponential blow-up. */
export function shapedCurve(options: ShapeOptions = {}): Curve {
  const { n = 100, fallStart = -4, fallEnd = -1.5, high = 2.3, low = 0.3, noise = 0, seed = 0 } = options;
  const blowUp = options.blowUp === undefined ? -0.5 : options.blowUp;
  const random = seededRandom(seed);
  const lrs = log10Lrs(n);
  const losses = lrs.map((lr) => {
    const x = Math.log10(lr);
    let loss = x <= fallStart ? high : x >= fallEnd ? low : high + ((low - high) * (x - fallStart)) / (fallEnd - fallStart);
    if (blowUp !== null && x > blowUp) loss += Math.pow(10, 3 * (x - blowUp)) - 1;
    return loss + noise * (2 * random() - 1);
  });
  return { lrs, losses };
}
