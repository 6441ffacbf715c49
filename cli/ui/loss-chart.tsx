// The live loss-vs-lr chart: a log lr axis over the whole sweep, the loss clipped so an
// exploding tail does not flatten the interesting part.
import { LineChart } from './line-chart.js';
import { formatLoss, formatLr } from '../../src/format.js';
import { maxOf, minOf } from '../../src/numbers.js';

export interface LossChartProps {
  /** (lr, smoothed loss) in sweep order. */
  points: readonly { lr: number; loss: number }[];
  /** The whole sweep's lr range, so the curve grows left to right. */
  lrDomain: [number, number];
  width?: number;
  height?: number;
}

/** Top of the y axis as a multiple of the first loss (as in the SVG report). */
export const CLIP_FACTOR = 1.5;

/** [lowest loss, min(highest loss, CLIP_FACTOR × first loss)], or undefined without finite losses. */
export function lossDomain(losses: readonly number[]): [number, number] | undefined {
  const finite = losses.filter(Number.isFinite);
  const first = finite[0];
  if (first === undefined) return undefined;
  const lo = minOf(finite);
  const hi = maxOf(finite);
  const clip = first > 0 ? first * CLIP_FACTOR : hi;
  const top = Math.min(hi, Math.max(clip, lo));
  return [lo, top > lo ? top : lo + 1e-9];
}

export function LossChart({ points, lrDomain, width, height }: LossChartProps) {
  const yDomain = lossDomain(points.map((p) => p.loss));
  return (
    <LineChart
      points={points.map((p) => ({ x: p.lr, y: p.loss }))}
      logX
      xDomain={lrDomain}
      {...(yDomain ? { yDomain } : {})}
      {...(width !== undefined ? { width } : {})}
      {...(height !== undefined ? { height } : {})}
      formatX={formatLr}
      formatY={formatLoss}
      yLabel="loss"
      xLabel="learning rate (log)"
    />
  );
}
