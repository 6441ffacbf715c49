// The one smoothing lrfind reads, reports and shows must never invent a minimum (or a maximum):
// Savitzky-Golay overshoots at a kink, e.g. a spike at the foot of a blow-up.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { smoothLosses, withinWindow } from '../../src/analysis/reading.js';
import { effectiveWindow } from '../../src/analysis/savitzky-golay.js';

describe('smoothLosses', () => {
  it('keeps every value within the losses near it, on curves with spikes and blow-ups', () => {
    const curve = fc.tuple(
      fc.array(fc.double({ min: 0.5, max: 3, noNaN: true }), { minLength: 12, maxLength: 120 }),
      fc.array(fc.nat(), { maxLength: 4 }),
      fc.double({ min: 1, max: 1e4, noNaN: true }),
    ).map(([base, spikes, height]) => {
      const out = [...base];
      for (const i of spikes) out[i % out.length] = height;
      return out;
    });
    fc.assert(
      fc.property(curve, (losses) => {
        const smoothed = smoothLosses(losses);
        // The running median (5) reaches 2 further than the polynomial's window.
        const reach = (effectiveWindow(losses.length) - 1) / 2 + 2;
        smoothed.forEach((v, i) => {
          const near = losses.slice(Math.max(0, i - reach), i + reach + 1);
          expect(v).toBeGreaterThanOrEqual(Math.min(...near) - 1e-12);
          expect(v).toBeLessThanOrEqual(Math.max(...near) + 1e-12);
        });
      }),
    );
  });

  it('does not dip below the losses at a spike in the too-large region (the filter alone would)', () => {
    // Flat, a fall to 1.7, then a blow-up with a spike; the losses from index 45 on are all ≥ 2.3.
    // The fit alone dips to 1.69 there, below every loss of the curve.
    const losses = [...Array(40).fill(2.3), 2.2, 2.0, 1.8, 1.7, 1.75, 2.3, 2.6, 9, 2.5, 2.4, 12, 20, 40];
    const smoothed = smoothLosses(losses);
    const tail = smoothed.slice(45);
    expect(Math.min(...tail)).toBeGreaterThan(2);
  });
});

describe('withinWindow', () => {
  it('clamps each value to the range its window saw', () => {
    expect(withinWindow([0, 5, 2, 9], [1, 2, 3, 4], 1)).toEqual([1, 3, 2, 4]);
    // Too short to smooth: left alone.
    expect(withinWindow([0, 5], [1, 2], 0.5)).toEqual([0, 5]);
  });
});
