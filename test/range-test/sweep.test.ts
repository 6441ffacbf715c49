import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { sweepLr, sweepLrs } from '../../src/range-test/sweep.js';

const peerCurve = fileURLToPath(new URL('../fixtures/peer-curves/digits_mlp_sgd.csv', import.meta.url));

describe('sweepLrs', () => {
  it('exp mode: step i is exactly startLr·(endLr/startLr)^(i/(numIter-1))', () => {
    const lrs = sweepLrs(1e-7, 1, 100, 'exp');
    expect(lrs).toHaveLength(100);
    lrs.forEach((lr, i) => expect(lr).toBe(1e-7 * Math.pow(1 / 1e-7, i / 99)));
    expect(lrs[0]).toBe(1e-7);
    expect(lrs[99]).toBeCloseTo(1, 15);
    expect(lrs[50]).toBe(1e-7 * Math.pow(1e7, 50 / 99));
  });

  it('linear mode: evenly spaced from startLr to endLr', () => {
    const lrs = sweepLrs(0.01, 1, 5, 'linear');
    expect(lrs).toEqual([0.01, 0.01 + 0.99 * 0.25, 0.01 + 0.99 * 0.5, 0.01 + 0.99 * 0.75, 1]);
  });

  it('two steps: exactly the two ends', () => {
    expect(sweepLrs(1e-3, 10, 2, 'exp')[0]).toBe(1e-3);
    expect(sweepLr(1, 1e-3, 10, 2, 'exp')).toBeCloseTo(10, 12);
  });

  it("reproduces pytorch-lr-finder's lr column (1e-7 → 10, 100 steps)", () => {
    const rows = readFileSync(peerCurve, 'utf8').trim().split('\n').slice(1);
    const lrs = sweepLrs(1e-7, 10, 100, 'exp');
    rows.forEach((row, i) => {
      const lr = Number(row.split(',')[1]);
      expect(Math.abs(lrs[i]! - lr) / lr).toBeLessThan(1e-14);
    });
  });
});
