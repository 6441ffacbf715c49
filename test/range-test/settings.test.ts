import { describe, expect, it } from 'vitest';
import { DEFAULT_RANGE_TEST_SETTINGS, RangeTestSettingsError, resolveRangeTestSettings } from '../../src/range-test/settings.js';

describe('resolveRangeTestSettings', () => {
  it('fills the documented defaults', () => {
    expect(resolveRangeTestSettings()).toEqual({
      startLr: 1e-7, endLr: 1, numIter: 100, mode: 'exp', batchSize: 64,
      divergeThreshold: 4, smoothing: 0.98, runs: 1, seed: 0,
    });
    expect(resolveRangeTestSettings({ numIter: 50, startLr: undefined }).numIter).toBe(50);
    expect(resolveRangeTestSettings({ startLr: undefined }).startLr).toBe(DEFAULT_RANGE_TEST_SETTINGS.startLr);
  });

  it('accepts Infinity to turn the divergence stop off', () => {
    expect(resolveRangeTestSettings({ divergeThreshold: Infinity }).divergeThreshold).toBe(Infinity);
  });

  const bad: [object, string][] = [
    [{ startLr: 1, endLr: 0.1 }, 'startLr must be below endLr (got 1 and 0.1)'],
    [{ startLr: 0.5, endLr: 0.5 }, 'startLr must be below endLr (got 0.5 and 0.5)'],
    [{ startLr: 0 }, 'startLr must be positive (a learning rate of 0 trains nothing and has no place on a log axis), got 0'],
    [{ mode: 'linear', startLr: 0 }, 'startLr must be positive (a learning rate of 0 trains nothing and has no place on a log axis), got 0'],
    [{ startLr: -1e-3 }, 'startLr must be positive (a learning rate of 0 trains nothing and has no place on a log axis), got -0.001'],
    [{ mode: 'linear', startLr: -1 }, 'startLr must be positive (a learning rate of 0 trains nothing and has no place on a log axis), got -1'],
    [{ numIter: 1 }, 'numIter must be an integer ≥ 2, got 1'],
    [{ numIter: 2.5 }, 'numIter must be an integer ≥ 2, got 2.5'],
    [{ endLr: NaN }, 'endLr must be a finite number, got NaN'],
    [{ batchSize: 0 }, 'batchSize must be a positive integer, got 0'],
    [{ divergeThreshold: 1 }, 'divergeThreshold must be above 1 (Infinity disables it), got 1'],
    [{ smoothing: 1 }, 'smoothing must be in [0, 1), got 1'],
    [{ runs: 0 }, 'runs must be a positive integer, got 0'],
    [{ seed: -1 }, 'seed must be a non-negative integer, got -1'],
    [{ mode: 'log' }, "mode must be 'exp' or 'linear', got log"],
  ];
  it.each(bad)('rejects %j with a one-line message', (input, message) => {
    expect(() => resolveRangeTestSettings(input as never)).toThrow(RangeTestSettingsError);
    expect(() => resolveRangeTestSettings(input as never)).toThrow(message);
  });
});
