// The escalation's pure decisions: when a curve still falls, what to run again, and the words.
import { describe, expect, it } from 'vitest';
import {
  extendEscalation, lengthenEscalation, nextSweepEscalation, probeEscalation, probeLowerEscalation, repeatEscalation,
  reasonToGoOn, resolveEscalationSettings, sweepSteps, withMoreRuns, worthProbing,
} from '../../src/range-test/escalate.js';
import { RangeTestSettingsError } from '../../src/range-test/settings.js';
import type { RangeTestResult } from '../../src/types.js';
import { escalationLine } from '../../src/present/words.js';
import { shapedCurve } from '../analysis/synthetic.js';

const SETTINGS = resolveEscalationSettings();

describe('resolveEscalationSettings', () => {
  it('fills the defaults and names the first bad value', () => {
    expect(SETTINGS).toEqual({ extendFactor: 100, lengthenFactor: 3, repeatRuns: 3, extraProbes: 8 });
    expect(() => resolveEscalationSettings({ extendFactor: 0.5 })).toThrow(new RangeTestSettingsError('extendFactor must be a number ≥ 1, got 0.5'));
    expect(() => resolveEscalationSettings({ lengthenFactor: 2.5 })).toThrow('lengthenFactor must be an integer ≥ 1, got 2.5');
    expect(() => resolveEscalationSettings({ repeatRuns: 0 })).toThrow('repeatRuns must be an integer ≥ 1, got 0');
    expect(() => resolveEscalationSettings({ extraProbes: -1 })).toThrow('extraProbes must be an integer ≥ 0, got -1');
  });
});

describe('reasonToGoOn', () => {
  it('goes on while the loss falls to the end of the curve so far, or has not started to fall; not once it turned up or levelled off', () => {
    // Falls from 1e-4 to the end (1e1 is the last lr): no rise yet.
    const falling = shapedCurve({ fallStart: -4, fallEnd: 1.5, blowUp: null });
    expect(reasonToGoOn(falling, 100)).toBe('still-falling');
    // Flat from start to end: the sweep ended before the loss started to fall.
    expect(reasonToGoOn(shapedCurve({ fallStart: 2, fallEnd: 3, blowUp: null }), 100)).toBe('not-yet-falling');
    // The same loss, turned up at 1e-1.
    expect(reasonToGoOn(shapedCurve({ fallStart: -4, fallEnd: -1.5, blowUp: -1 }), 100)).toBeNull();
    // Flat at its bottom for the last decade: it is not falling any more.
    expect(reasonToGoOn(shapedCurve({ fallStart: -4, fallEnd: -1, blowUp: null }), 100)).toBeNull();
    // Too short to say.
    expect(reasonToGoOn({ lrs: falling.lrs.slice(0, 9), losses: falling.losses.slice(0, 9) }, 100)).toBeNull();
  });
});

describe('nextSweepEscalation', () => {
  it('lengthens a flat or weak curve first and repeats a noisy one first, each at most once', () => {
    expect(nextSweepEscalation('flat', [], SETTINGS)).toBe('lengthen');
    expect(nextSweepEscalation('weak', ['extend'], SETTINGS)).toBe('lengthen');
    expect(nextSweepEscalation('weak', ['lengthen'], SETTINGS)).toBe('repeat');
    expect(nextSweepEscalation('noisy', [], SETTINGS)).toBe('repeat');
    expect(nextSweepEscalation('noisy', ['repeat'], SETTINGS)).toBe('lengthen');
    expect(nextSweepEscalation('flat', ['lengthen', 'repeat'], SETTINGS)).toBeNull();
  });

  it('does nothing for a readable curve or too few points; an early rise is repeated once, to tell noise from a startLr too high', () => {
    for (const diagnosis of ['readable', 'too-few-points'] as const) expect(nextSweepEscalation(diagnosis, [], SETTINGS)).toBeNull();
    expect(nextSweepEscalation('early-divergence', [], SETTINGS)).toBe('repeat');
    expect(nextSweepEscalation('early-divergence', ['repeat'], SETTINGS)).toBeNull();
  });

  it('repeats only up to repeatRuns runs, and not at all when a factor turns it off', () => {
    expect(nextSweepEscalation('noisy', [], SETTINGS, 3)).toBe('lengthen');
    expect(nextSweepEscalation('noisy', [], { ...SETTINGS, repeatRuns: 1, lengthenFactor: 1 })).toBeNull();
  });

  it('probes without bounds only where the loss fell, or noise hid whether it did', () => {
    expect(['flat', 'weak', 'noisy', 'early-divergence', 'too-few-points', 'readable'].filter((d) => worthProbing(d as never))).toEqual(['weak', 'noisy']);
  });
});

function result(runs: number[][], seconds = 1): RangeTestResult {
  const run = (lrs: number[], i: number) => ({ lrs, losses: lrs.map(() => 1), emaLosses: lrs.map(() => 1), stopReason: 'completed' as const, seed: i, bestIndex: 0, bestLoss: 1 });
  const all = runs.map(run);
  const steps = runs.reduce((n, r) => n + r.length, 0);
  return {
    ...all[0]!, runs: all, backend: 'cpu', optimizer: 'SGDOptimizer',
    settings: { startLr: 1e-7, endLr: 1, numIter: 3, mode: 'exp', batchSize: 8, divergeThreshold: 4, smoothing: 0.98, runs: runs.length, seed: 0 },
    timing: { seconds, steps, msPerStep: (seconds * 1000) / steps },
  };
}

describe('withMoreRuns', () => {
  it("puts the new runs after the sweep's, counts them in the settings and adds their time", () => {
    const merged = withMoreRuns(result([[1, 2, 3]], 1), result([[1, 2, 3], [1, 2]], 3));
    expect(merged.runs.map((r) => r.lrs.length)).toEqual([3, 3, 2]);
    expect(merged.settings.runs).toBe(3);
    expect(merged.timing).toEqual({ seconds: 4, steps: 8, msPerStep: 500 });
    expect(merged.lrs).toEqual([1, 2, 3]);
    expect(sweepSteps(merged)).toBe(8);
  });
});

describe('the escalations in words', () => {
  it('says why and what, with what it cost', () => {
    const extended = extendEscalation({ ...result([[1]]), extension: { reason: 'still-falling', steps: 23, endLr: 8.5 } });
    expect(extendEscalation({ ...result([[1]]), extension: { reason: 'not-yet-falling', steps: 5, endLr: 10 } })!.reason).toBe('the loss had not started to fall by endLr 1');
    expect(extended).toEqual({ action: 'extend', reason: 'the loss was still falling at endLr 1', done: 'swept on to lr 8.5', steps: 23 });
    expect(escalationLine(extended!)).toBe('The loss was still falling at endLr 1, so lrfind swept on to lr 8.5 (+23 steps).');
    expect(extendEscalation(result([[1]]))).toBeNull();
    expect(escalationLine(lengthenEscalation('flat', 100, 300, 300))).toBe('The loss never fell in 100 steps, so lrfind swept again with 300 steps (+300 steps).');
    expect(escalationLine(repeatEscalation('noisy', 3, 200))).toBe('Noise hid whether the loss fell, so lrfind read the median of 3 runs (+200 steps).');
    expect(escalationLine(probeEscalation('weak', 3, 0.13, 180)))
      .toBe('The curve gave no bounds (the loss fell too little to show where to train), so lrfind probed 3 lrs down from 0.13 (+180 steps).');
    expect(escalationLine(probeLowerEscalation(8, 1, 0.039, 60))).toBe('All 8 probes failed, so lrfind probed 1 lr more, down to 3.9e-2 (+60 steps).');
  });
});
