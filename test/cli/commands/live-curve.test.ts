// The live view's numbers are the report's: on a finished sweep, the live smoothing of the losses so
// far is exactly analyzeCurve's smoothed curve, and its lowest value is the JSON's smoothed minimum.
import { describe, expect, it } from 'vitest';
import { analyzeCurve } from '../../../src/analysis/index.js';
import { emaSmooth } from '../../../src/analysis/smoothing.js';
import { liveCurve } from '../../../cli/commands/live-curve.js';
import { seededRandom } from '../../../src/random.js';

/** A noisy range-test curve: flat, falling, then blowing up. */
function curve(n: number, seed = 3): { lrs: number[]; losses: number[] } {
  const random = seededRandom(seed);
  const lrs = Array.from({ length: n }, (_, i) => 1e-6 * 10 ** ((6 * i) / (n - 1)));
  const losses = lrs.map((lr) => {
    const x = Math.log10(lr);
    return 2.3 - 1.6 / (1 + Math.exp(-3 * (x + 2.5))) + (x > -1 ? 6 * (x + 1) ** 2 : 0) + 0.15 * (random() - 0.5);
  });
  return { lrs, losses };
}

function feed(c: { lrs: number[]; losses: number[] }, numIter = c.lrs.length) {
  const live = liveCurve(1);
  const ema = emaSmooth(c.losses, 0.98);
  c.lrs.forEach((lr, step) => live.add({ run: 0, step, numIter, lr, loss: c.losses[step]!, emaLoss: ema[step]!, bestLoss: Math.min(...ema.slice(0, step + 1)) }));
  return live;
}

describe('liveCurve', () => {
  it.each([40, 100, 400])('ends a completed %i-step sweep on the report\'s smoothed curve and its minimum', (n) => {
    const c = curve(n);
    const live = feed(c);
    const analysis = analyzeCurve(c);
    expect(live.points().map((p) => p.loss)).toEqual(analysis.smoothedLosses);
    const status = live.status()!;
    expect(status.lowest).toBe(Math.min(...analysis.smoothedLosses));
    expect(status.smoothed).toBe(analysis.smoothedLosses.at(-1));
    expect(status.loss).toBe(c.losses.at(-1)); // the raw loss, as recorded
    // The stop rule's EMA lags: its best is well above the smoothed minimum on such a curve, which is
    // why it is not what the view shows.
    expect(Math.min(...emaSmooth(c.losses, 0.98))).toBeGreaterThan(status.lowest);
  });

  it('smooths with the whole sweep\'s window, so a point stops changing once the window is past it', () => {
    const c = curve(200);
    const early = feed({ lrs: c.lrs.slice(0, 120), losses: c.losses.slice(0, 120) }, 200).points();
    const late = feed(c).points();
    // The window is defaultWindowSize(200) = 21: points well before the end are final.
    expect(early.slice(0, 100)).toEqual(late.slice(0, 100));
  });

  it('starts over for each run, has nothing before the first step, and stops at a loss the analysis cuts', () => {
    const live = liveCurve(2);
    expect(live.status()).toBeNull();
    expect(live.points()).toEqual([]);
    for (const run of [0, 1]) for (let step = 0; step < 5; step++) live.add({ run, step, numIter: 5, lr: 10 ** step, loss: 3 - step - run, emaLoss: 0, bestLoss: 0 });
    expect(live.points()).toHaveLength(5);
    expect(live.status()).toMatchObject({ run: 1, runs: 2, done: 5, numIter: 5, loss: -2 });
    const cut = liveCurve(1);
    [2, 1.5, 1e101, 1].forEach((loss, step) => cut.add({ run: 0, step, numIter: 4, lr: 10 ** step, loss, emaLoss: 0, bestLoss: 0 }));
    expect(cut.points()).toHaveLength(2);
  });
});
