import { describe, expect, it } from 'vitest';
import { mostProbes, plainReporter, probeCounter, summaryLines } from '../../../cli/commands/find-progress.js';
import type { RunHeader } from '../../../src/present/words.js';

const HEADER: RunHeader = { model: 'mlp', data: 'digits', optimizer: 'sgd', backend: 'cpu', startLr: 1e-7, endLr: 1, numIter: 8, runs: 2 };

describe('plainReporter', () => {
  it('writes the start line and one line per quarter of all runs, with the raw loss and the report\'s smoothing (not the stop rule\'s EMA)', () => {
    const lines: string[] = [];
    const reporter = plainReporter((l) => lines.push(l));
    reporter.start(HEADER);
    for (let run = 0; run < 2; run++) {
      for (let step = 0; step < 8; step++) {
        // The EMA fields are what the stop rule watches: never shown.
        reporter.step({ run, step, numIter: 8, lr: 10 ** (step - 7), loss: 2 - 0.1 * step + 0.3 * run, emaLoss: 9, bestLoss: 9 });
      }
    }
    expect(lines[0]).toBe('lrfind find: mlp on digits · sgd · cpu · lr 1e-7 → 1 over 8 steps × 2 runs');
    expect(lines.slice(1)).toEqual([
      '   25%  run 1/2  step 4/8  lr 1e-4  loss 1.7  smoothed 1.7 (lowest 1.7)',
      '   50%  run 1/2  step 8/8  lr 1  loss 1.3  smoothed 1.3 (lowest 1.3)',
      '   75%  run 2/2  step 4/8  lr 1e-4  loss 2  smoothed 2 (lowest 2)',
      '  100%  run 2/2  step 8/8  lr 1  loss 1.6  smoothed 1.6 (lowest 1.6)',
    ]);
  });

  it('prints one line as each confirmation probe starts', () => {
    const lines: string[] = [];
    const reporter = plainReporter((l) => lines.push(l));
    const status = probeCounter(8);
    for (const lr of [0.3, 0.24]) for (let step = 0; step < 3; step++) reporter.probe(status({ lr, step, steps: 3, loss: 1 }));
    expect(lines).toEqual(['  confirming max lr: probe 1 of ≤ 8 at lr 0.3', '  confirming max lr: probe 2 of ≤ 8 at lr 0.24']);
  });

  it('prints a line on Ctrl-C, and another on a second one', () => {
    const lines: string[] = [];
    const reporter = plainReporter((l) => lines.push(l));
    reporter.stopping(false);
    reporter.stopping(true);
    expect(lines).toEqual([
      'stopping after this step (Ctrl-C); Ctrl-C again stops at once, keeping the curve so far',
      'stopping now (Ctrl-C again): the curve so far is kept',
    ]);
  });
});

describe('summaryLines', () => {
  it('puts the stop reason, the smoothed curve, bounds, regions, rules, warnings and the report in that order', () => {
    const lines = summaryLines({
      stop: 'completed the sweep: 8 steps in 1.0s',
      doc: {
        curve: { lr: [1e-3, 1e-2, 0.1], loss: [2.3, 1.1, 3], smoothedLoss: [2.2, 1.25, 2.9], divergenceIndex: 2 },
        bounds: { maxLr: 0.1, minLr: 0.01, source: 'lrfind', confidence: 0.9 },
        regions: [{ kind: 'good', minLr: 1e-3, maxLr: 0.1 }],
        rules: { steepest: null, valley: 0.01, minimum: null, slide: null },
        warnings: ['w'],
      },
      paths: ['/o/index.html', '/o/range-test.json'],
    });
    expect(lines).toEqual([
      'completed the sweep: 8 steps in 1.0s',
      'smoothed loss: 2.2 at the start, lowest 1.25 at lr 1e-2',
      'bounds: max lr 0.1 · min lr 1e-2 (lrfind, confidence 0.90)',
      '  good       1e-3 … 0.1',
      'rules: steepest – · valley 1e-2 · minimum – · slide –',
      'warning: w',
      'report: /o/index.html',
      '        /o/range-test.json',
    ]);
  });
});

describe('mostProbes', () => {
  it('counts each ladder and its check, the lower ladder when escalating, and a second find after a decay family', () => {
    expect(mostProbes(false)).toBe(9); // 8 rungs, one more where a check replaced two
    expect(mostProbes(true)).toBe(18);
    expect(mostProbes(true, true)).toBe(36);
  });
});
