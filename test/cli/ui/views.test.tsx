import { render } from 'ink-testing-library';
import { describe, expect, it } from 'vitest';
import { AnalyzeView } from '../../../cli/ui/analyze-view.js';
import { barLayout, FindView } from '../../../cli/ui/find-view.js';
import { fitChartWidth, LineChart } from '../../../cli/ui/line-chart.js';
import { lossDomain } from '../../../cli/ui/loss-chart.js';
import { ProgressBar } from '../../../cli/ui/progress-bar.js';
import { ScheduleView } from '../../../cli/ui/schedule-view.js';
import { Summary } from '../../../cli/ui/summary.js';
import type { RangeTestFile } from '../../../src/range-test/file.js';
import type { RunHeader } from '../../../src/present/words.js';

const HEADER: RunHeader = {
  model: 'mlp',
  data: 'digits',
  dataDetail: '1437 examples, 10 classes',
  optimizer: 'sgd',
  backend: 'cpu',
  startLr: 1e-7,
  endLr: 1,
  numIter: 100,
  runs: 1,
};

const DOC: RangeTestFile = {
  format: 'lrfind/range-test',
  version: 3,
  curve: { lr: [1e-4, 1e-3, 1e-2, 1e-1, 1], loss: [2.3, 2.2, 1.5, 0.9, 4], smoothedLoss: [2.3, 2.25, 1.9, 1.4, 2.2], divergenceIndex: 4 },
  regions: [
    { kind: 'too-small', minLr: 1e-4, maxLr: 1e-3 },
    { kind: 'good', minLr: 1e-3, maxLr: 0.1 },
    { kind: 'too-large', minLr: 0.1, maxLr: 1 },
  ],
  bounds: { maxLr: 0.03, minLr: 0.003, source: 'valley', confidence: 0.8 },
  rules: { steepest: 0.01, valley: 0.03, minimum: 0.01, slide: null },
  warnings: ['the curve is short'],
};

/** Frames must be plain text apart from the colours ink adds; none are added under test. */
function frame(node: React.ReactElement): string {
  const { lastFrame, unmount } = render(node);
  const text = lastFrame() ?? '';
  unmount();
  return text;
}

describe('ProgressBar', () => {
  it('fills in proportion and shows the floored percentage', () => {
    expect(frame(<ProgressBar done={0} total={10} width={10} />)).toBe('░░░░░░░░░░   0%');
    expect(frame(<ProgressBar done={5} total={10} width={10} />)).toBe('█████░░░░░  50%');
    expect(frame(<ProgressBar done={999} total={1000} width={10} />)).toBe('██████████  99%');
    expect(frame(<ProgressBar done={10} total={10} width={10} />)).toBe('██████████ 100%');
  });
});

describe('LineChart', () => {
  it('labels the y range on the left and the x range underneath', () => {
    const text = frame(
      <LineChart points={[{ x: 0, y: 1 }, { x: 10, y: 3 }]} width={20} height={3} formatX={String} formatY={String} xLabel="step" yLabel="lr" />,
    );
    const lines = text.split('\n');
    expect(lines[0]).toBe('lr');
    expect(lines[1]).toMatch(/^ 3 │/);
    expect(lines[3]).toMatch(/^ 1 │/);
    expect(lines[4]).toBe(`   └${'─'.repeat(20)}`);
    // The x labels start under the first plot column (gutter 2 + " │").
    expect(lines[5]).toMatch(/^ {4}0 +step +10$/);
  });
});

describe('lossDomain', () => {
  it('clips the top at 1.5 × the first loss so a blow-up does not flatten the curve', () => {
    expect(lossDomain([2, 1, 0.5, 100])).toEqual([0.5, 3]);
    expect(lossDomain([2, 1.5, 1])).toEqual([1, 2]);
    expect(lossDomain([Number.NaN])).toBeUndefined();
  });
});

describe('FindView', () => {
  it('shows the header and "starting" before the first step', () => {
    const text = frame(<FindView header={HEADER} status={null} points={[]} elapsed={0} />);
    expect(text).toContain('lrfind · mlp on digits (1437 examples, 10 classes) · sgd · cpu · lr 1e-7 → 1 over 100 steps');
    expect(text).toContain('0%');
    expect(text).toContain('step 0/100');
    expect(text).toContain('starting…');
  });

  it('shows progress, ETA, the current lr / loss / best loss and the chart', () => {
    const points = Array.from({ length: 40 }, (_, i) => ({ lr: 1e-7 * 10 ** (i / 6), loss: 2.3 - i * 0.03 }));
    const status = { run: 0, runs: 1, done: 40, numIter: 100, lr: 3.2e-3, loss: 1.234, smoothed: 1.2, lowest: 1.1 };
    const text = frame(<FindView header={HEADER} status={status} points={points} elapsed={4} chartWidth={30} chartHeight={4} />);
    expect(text).toContain(' 40%');
    expect(text).toContain('step 40/100');
    expect(text).toContain('eta 6.0s');
    expect(text).toContain('lr 3.2e-3  loss 1.234  smoothed 1.2 (lowest 1.1)');
    expect(text).toContain('learning rate (log)');
    expect(text).toMatch(/[\u2801-\u28ff]/);
  });

  it('says it is stopping after Ctrl-C, then shows the summary in place of the ETA', () => {
    const status = { run: 0, runs: 1, done: 40, numIter: 100, lr: 3.2e-3, loss: 1.234, smoothed: 1.2, lowest: 1.1 };
    const stopping = frame(<FindView header={HEADER} status={status} points={[]} elapsed={4} stopping="after-step" />);
    expect(stopping).toContain('stopping after this step (Ctrl-C)');
    const done = frame(
      <FindView header={HEADER} status={status} points={[]} elapsed={4} stopping="after-step" summary={{ doc: DOC, paths: ['/o/index.html'], stop: 'stopped by Ctrl-C (partial curve): 40 steps in 4.0s' }} />,
    );
    expect(done).not.toContain('stopping after this step');
    expect(done).not.toContain('eta');
    expect(done).toContain('stopped by Ctrl-C (partial curve): 40 steps in 4.0s');
  });

  it('shows the running confirmation probe under the chart, and not once the summary is there', () => {
    const status = { run: 0, runs: 1, done: 100, numIter: 100, lr: 1, loss: 3, smoothed: 1.2, lowest: 1.1 };
    const probe = { probe: 3, maxProbes: 8, lr: 0.17, done: 40, steps: 60, loss: 0.52 };
    const running = frame(<FindView header={HEADER} status={status} points={[]} elapsed={4} probe={probe} />);
    expect(running).toContain('confirming max lr: probe 3 of ≤ 8 at lr 0.17 · step 40/60 · loss 0.52');
    const done = frame(<FindView header={HEADER} status={status} points={[]} elapsed={4} probe={probe} summary={{ doc: DOC, paths: [] }} />);
    expect(done).not.toContain('confirming max lr');
  });

  it('keeps the bar at the step reached when Ctrl-C stopped the sweep, and ends on the summary\'s seconds', () => {
    const status = { run: 0, runs: 1, done: 40, numIter: 100, lr: 3.2e-3, loss: 1.234, smoothed: 1.2, lowest: 1.1 };
    const summary = { doc: DOC, paths: [], stop: 'stopped by Ctrl-C (partial curve): 40 steps in 4.0s' };
    const text = frame(<FindView header={HEADER} status={status} points={[]} elapsed={4} stopping="after-step" summary={summary} />);
    expect(text).toContain(' 40%');
    expect(text).not.toContain('100%');
    expect(text).toMatch(/step 40\/100 {2}4\.0s$/m);
    expect(text).toContain('40 steps in 4.0s');
  });

  it('shows no ETA once the sweep is over: during the probes, after Ctrl-C, when stopped early', () => {
    const status = { run: 0, runs: 1, done: 100, numIter: 100, lr: 1, loss: 3, smoothed: 2, lowest: 1.1 };
    const probe = { probe: 2, maxProbes: 8, lr: 0.17, done: 10, steps: 60, loss: 0.9 };
    expect(frame(<FindView header={HEADER} status={status} points={[]} elapsed={4} probe={probe} />)).not.toContain('eta');
    const partial = { ...status, done: 62 };
    expect(frame(<FindView header={HEADER} status={partial} points={[]} elapsed={4} stopping="after-step" />)).not.toContain('eta');
    const diverged = frame(<FindView header={HEADER} status={partial} points={[]} elapsed={4} sweepDone />);
    expect(diverged).not.toContain('eta');
    expect(diverged).toContain(' 62%');
    expect(frame(<FindView header={HEADER} status={partial} points={[]} elapsed={4} />)).toContain('eta 2.5s');
  });

  it.each([40, 60, 80, 120])('fits the bar line and the chart to %i columns without splitting the bar', (columns) => {
    const status = { run: 0, runs: 1, done: 40, numIter: 100, lr: 3.2e-3, loss: 1.234, smoothed: 1.2, lowest: 1.1 };
    const points = Array.from({ length: 40 }, (_, i) => ({ lr: 1e-7 * 10 ** (i / 6), loss: 2.3 - i * 0.03 }));
    const lines = frame(<FindView header={HEADER} status={status} points={points} elapsed={4} columns={columns} />).split('\n');
    for (const line of lines.filter((l) => /[\u2800-\u28ff└]/.test(l))) expect(line.length, line).toBeLessThan(columns);
    const barLines = lines.filter((l) => /[█░]/.test(l));
    expect(barLines).toHaveLength(1);
    expect(barLines[0]!.length).toBeLessThan(columns);
    expect(barLines[0]).toMatch(/^█+░+ {2}40%/);
    expect(lines.some((l) => l.includes('step 40/100  4.0s  eta 6.0s'))).toBe(true);
    const { width, besides } = barLayout(columns, 100);
    expect(barLines[0]!.startsWith('█'.repeat(Math.round(0.4 * width)) + '░')).toBe(true);
    expect(besides).toBe(columns >= 60);
  });

  it('counts steps across runs', () => {
    const status = { run: 1, runs: 2, done: 50, numIter: 100, lr: 1e-3, loss: 1, smoothed: 1, lowest: 1 };
    const text = frame(<FindView header={{ ...HEADER, runs: 2 }} status={status} points={[]} elapsed={3} />);
    expect(text).toContain('step 150/200');
    expect(text).toContain('× 2 runs');
  });
});

describe('Summary', () => {
  it('lists the smoothed curve, the bounds, the regions, every rule, warnings and the files', () => {
    const text = frame(<Summary doc={DOC} paths={['/o/index.html', '/o/range-test.json']} />);
    expect(text).toContain('smoothed loss: 2.3 at the start, lowest 1.4 at lr 0.1');
    expect(text).toContain('bounds: max lr 3e-2 · min lr 3e-3 (valley, confidence 0.80)');
    expect(text).toContain('too small  1e-4 … 1e-3');
    expect(text).toContain('good       1e-3 … 0.1');
    expect(text).toContain('too large  0.1 … 1');
    expect(text).toContain('rules: steepest 1e-2 · valley 3e-2 · minimum 1e-2 · slide –');
    expect(text).toContain('warning: the curve is short');
    expect(text).toContain('report: /o/index.html');
    expect(text).toContain('/o/range-test.json');
  });

  it('says when there are no bounds', () => {
    expect(frame(<Summary doc={{ ...DOC, bounds: null }} paths={[]} />)).toContain('bounds: none (see the warnings)');
  });
});

describe('AnalyzeView', () => {
  it('draws the curve and the summary', () => {
    const text = frame(<AnalyzeView source="curve.csv" doc={DOC} paths={['/o/index.html']} chartWidth={20} chartHeight={3} />);
    expect(text).toContain('lrfind · curve.csv · 5 points');
    expect(text).toMatch(/[\u2801-\u28ff]/);
    expect(text).toContain('bounds: max lr 3e-2');
  });
});

describe('fitChartWidth', () => {
  it('leaves room for the axis labels in the terminal, within [20, 72]', () => {
    expect(fitChartWidth(40)).toBe(28);
    expect(fitChartWidth(80)).toBe(68);
    expect(fitChartWidth(200)).toBe(72);
    expect(fitChartWidth(10)).toBe(20);
  });
});

describe('ScheduleView', () => {
  it('shows the headline, momentum, phases and written files', () => {
    const rows = [0, 1, 2, 3, 4].map((step) => ({ step, lr: [0.01, 0.1, 0.05, 0.01, 0.001][step]!, momentum: [0.95, 0.85, 0.9, 0.93, 0.95][step]! }));
    const phases = [
      { name: 'warmup', startStep: 0, endStep: 2 },
      { name: 'anneal', startStep: 2, endStep: 5 },
    ];
    const text = frame(<ScheduleView name="onecycle" rows={rows} phases={phases} paths={['/o/schedule.csv']} chartWidth={20} chartHeight={3} />);
    expect(text).toContain('lrfind · onecycle · 5 steps · lr 1e-2 → 0.1 (step 1) → 1e-3');
    expect(text).toContain('momentum 0.95 → 0.85 → 0.95');
    expect(text).toContain('warmup  steps 0–1');
    expect(text).toContain('anneal  steps 2–4');
    expect(text).toContain('wrote /o/schedule.csv');
  });

  it('draws the lr on a linear axis from 0, so the start does not look as low as the end', () => {
    const rows = [0, 1, 2, 3, 4].map((step) => ({ step, lr: [4e-3, 0.1, 0.05, 1e-3, 4e-7][step]! }));
    const lines = frame(<ScheduleView name="onecycle" rows={rows} phases={[]} paths={[]} chartWidth={20} chartHeight={3} />).split('\n');
    const axis = lines.filter((l) => l.includes('│'));
    expect(axis[0]).toMatch(/^\s*0\.1 │/);
    expect(axis.at(-1)).toMatch(/^\s*0 │/);
  });
});
