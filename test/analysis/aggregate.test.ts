import { describe, expect, it } from 'vitest';
import { AnalysisError } from '../../src/analysis/index.js';
import { aggregateRuns } from '../../src/analysis/aggregate.js';
import { log10Lrs } from './synthetic.js';

const lrs = log10Lrs(5, -3, 1); // 1e-3 … 10, a decade apart

describe('aggregateRuns', () => {
  it('takes the median and the 25–75% band point by point for runs of one sweep', () => {
    const runs = [
      { lrs, losses: [1, 2, 3, 4, 5] },
      { lrs, losses: [3, 2, 1, 0, 1] },
      { lrs, losses: [2, 2, 2, 2, 9] },
    ];
    const result = aggregateRuns(runs);
    expect(result.lrs).toEqual(lrs);
    expect(result.median).toEqual([2, 2, 2, 2, 5]);
    expect(result.lower).toEqual([1.5, 2, 1.5, 1, 3]);
    expect(result.upper).toEqual([2.5, 2, 2.5, 3, 7]);
    const range = aggregateRuns(runs, { band: 'range' });
    expect(range.lower).toEqual([1, 2, 1, 0, 1]);
    expect(range.upper).toEqual([3, 2, 3, 4, 9]);
  });

  it('counts a run that stopped early as diverged (+∞) and ends where most runs have stopped', () => {
    const runs = [
      { lrs, losses: [1, 1, 1, 1, 1] },
      { lrs: lrs.slice(0, 3), losses: [2, 2, 2] },
      { lrs: lrs.slice(0, 4), losses: [3, 3, 3, 3] },
    ];
    const result = aggregateRuns(runs);
    // at index 3 only run 1 and run 3 remain; the median of [1, 3, ∞] is 3, not the survivors' 2
    expect(result.median).toEqual([2, 2, 2, 3]);
    // the upper quartile is infinite there: the band shows the highest finite loss
    expect(result.upper[3]).toBe(3);
    expect(result.lrs).toEqual(lrs.slice(0, 4));
  });

  it('interpolates runs of other sweeps on the densest grid, linearly in log10 lr', () => {
    const fine = log10Lrs(9, -3, 1);
    const runs = [
      { lrs: fine, losses: fine.map((lr) => Math.log10(lr)) },
      { lrs, losses: lrs.map((lr) => Math.log10(lr) + 1) },
      { lrs, losses: lrs.map((lr) => Math.log10(lr) + 2) },
    ];
    const result = aggregateRuns(runs);
    expect(result.lrs).toEqual(fine);
    result.median.forEach((v, i) => expect(v).toBeCloseTo(Math.log10(fine[i]!) + 1, 12));
  });

  it('starts the grid where every run has started', () => {
    const result = aggregateRuns([
      { lrs, losses: [1, 1, 1, 1, 1] },
      { lrs: lrs.slice(2), losses: [5, 5, 5] },
    ]);
    expect(result.lrs[0]).toBe(lrs[2]);
    expect(result.median).toEqual([3, 3, 3]);
  });

  it('throws a typed error when the runs barely overlap', () => {
    const run = (from: number) => ({ lrs: lrs.slice(from, from + 2), losses: [1, 1] });
    expect(() => aggregateRuns([run(0), run(3)])).toThrow(AnalysisError);
    expect(() => aggregateRuns([])).toThrow(/no runs/);
    expect(() => aggregateRuns([run(0)], { band: 'sd' as 'iqr' })).toThrow(/band must be 'iqr' or 'range', got sd/);
  });
});
