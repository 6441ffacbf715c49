import { describe, expect, it } from 'vitest';
import { analyzeCurve } from '../../src/analysis/index.js';
import { analyzeRangeTest } from '../../src/range-test/analyze-result.js';
import type { RangeTestResult, RangeTestRun } from '../../src/types.js';
import { DEFAULT_RANGE_TEST_SETTINGS } from '../../src/range-test/settings.js';

/** A falling-then-rising curve over `n` points, shifted by `shift`. */
function run(n: number, shift: number, seed: number): RangeTestRun {
  const lrs = Array.from({ length: n }, (_, i) => 1e-5 * 10 ** ((5 * i) / (n - 1)));
  const losses = lrs.map((lr) => 2 - 1.5 / (1 + (1e-3 / lr) ** 2) + (lr > 0.1 ? 10 * (lr - 0.1) : 0) + shift);
  return { lrs, losses, emaLosses: losses, stopReason: 'completed', seed } as RangeTestRun;
}

function result(runs: RangeTestRun[], numIter: number): RangeTestResult {
  const first = runs[0]!;
  return {
    ...first, runs, settings: { ...DEFAULT_RANGE_TEST_SETTINGS, numIter, runs: runs.length },
    backend: 'cpu', optimizer: 'SGDOptimizer', timing: { seconds: 1, msPerStep: 1, steps: 1 },
  } as RangeTestResult;
}

describe('analyzeRangeTest', () => {
  it('reads a single run as analyzeCurve does, with numIter the planned steps', () => {
    const one = run(60, 0, 0);
    const r = result([one], 100);
    expect(analyzeRangeTest(r)).toEqual(analyzeCurve({ lrs: one.lrs, losses: one.losses }, { numIter: 100 }));
    // An explicit option wins.
    expect(analyzeRangeTest(r, { numIter: 60 })).toEqual(analyzeCurve({ lrs: one.lrs, losses: one.losses }, { numIter: 60 }));
  });

  it('reads several runs as their median curve with a spread, skipping runs too short to read', () => {
    const runs = [run(80, 0, 0), run(80, 0.1, 1), run(80, -0.1, 2), run(1, 0, 3)];
    const analysis = analyzeRangeTest(result(runs, 80));
    expect(analysis.aggregate).toBeDefined();
    expect(analysis).toEqual(analyzeCurve(runs.slice(0, 3).map(({ lrs, losses }) => ({ lrs, losses })), { numIter: 80 }));
  });
});
