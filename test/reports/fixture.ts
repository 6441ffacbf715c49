// A fixed, hand-built analysis of a real peer curve (digits MLP, plain SGD), independent of
// src/analysis so the golden specs change only when the reports change.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { ComparedRun, ComparisonReportInput, RangeTestReportInput, ScheduleReportInput } from '../../reports/index.js';

const CSV = fileURLToPath(new URL('./fixtures/digits_mlp_sgd.csv', import.meta.url));

export function readDigitsCurve(): { lrs: number[]; raw: number[]; smoothed: number[] } {
  const rows = readFileSync(CSV, 'utf8').trim().split('\n').slice(1);
  const cols = rows.map((r) => r.split(',').map(Number));
  return {
    lrs: cols.map((c) => c[1] ?? Number.NaN),
    raw: cols.map((c) => c[2] ?? Number.NaN),
    smoothed: cols.map((c) => c[4] ?? Number.NaN),
  };
}

/** The digits curve with regions, bounds and the fastai rules' picks as the peers' files give them. */
export function digitsInput(withAggregate = false): RangeTestReportInput {
  const { lrs, raw, smoothed } = readDigitsCurve();
  const at = (i: number): number => lrs[i] ?? Number.NaN;
  const n = lrs.length;
  return {
    curve: { lrs, losses: raw },
    smoothedLosses: smoothed,
    regions: [
      { kind: 'too-small', minLr: at(0), maxLr: at(65), startIndex: 0, endIndex: 65 },
      { kind: 'good', minLr: at(66), maxLr: at(91), startIndex: 66, endIndex: 91 },
      { kind: 'too-large', minLr: at(92), maxLr: at(n - 1), startIndex: 92, endIndex: n - 1 },
    ],
    bounds: { maxLr: 0.2, minLr: 0.02, source: 'slide', confidence: 0.72 },
    picks: {
      valley: { rule: 'valley', lr: at(72), index: 72 },
      slide: { rule: 'slide', lr: at(78), index: 78 },
      minimum: { rule: 'minimum', lr: at(90) / 10, index: 90 },
      steep: { rule: 'steep', lr: at(89), index: 89 },
      none: { rule: 'none', lr: null, index: null, warning: 'nothing to say' },
    },
    divergenceIndex: 93,
    ...(withAggregate
      ? { aggregate: { lrs, median: smoothed, lower: smoothed.map((s, i) => s * (1 - 0.01 - i / 4000)), upper: smoothed.map((s, i) => s * (1 + 0.01 + i / 4000)) } }
      : {}),
    meta: { model: 'mlp 64-64-10', optimizer: 'SGD', data: 'UCI digits', backend: 'pytorch (peer)' },
  };
}

/** A hand-computed one-cycle schedule: cosine warm-up over 30 % of 300 steps, then cosine annealing. */
export function oneCycleInput(): ScheduleReportInput {
  const total = 300;
  const peak = 0.1;
  const warm = 90;
  const cos = (from: number, to: number, t: number): number => to + ((from - to) * (1 + Math.cos(Math.PI * t))) / 2;
  const lr: number[] = [];
  const momentum: number[] = [];
  for (let s = 0; s < total; s++) {
    const up = s < warm;
    const t = up ? s / warm : (s - warm) / (total - warm);
    lr.push(up ? cos(peak / 25, peak, t) : cos(peak, peak / 25 / 1e4, t));
    momentum.push(up ? cos(0.95, 0.85, t) : cos(0.85, 0.95, t));
  }
  return {
    lr,
    momentum,
    phases: [
      { name: 'warm-up', startStep: 0, endStep: warm },
      { name: 'annealing', startStep: warm, endStep: total },
    ],
    stepsPerEpoch: 30,
    title: 'One-cycle schedule (max lr 0.1)',
  };
}

/** Three made-up but plausible 8-epoch histories (closed-form, so the golden never drifts). */
export function comparisonInput(): ComparisonReportInput {
  const run = (name: string, group: string, rate: number, floor: number, gap: number): ComparedRun => ({
    name,
    group,
    history: Array.from({ length: 8 }, (_, i) => {
      const loss = floor + (2.3 - floor) * Math.exp(-rate * (i + 1));
      return { epoch: i + 1, loss, accuracy: 1 - loss / 2.6, valLoss: loss + gap, valAccuracy: 1 - (loss + gap) / 2.6 };
    }),
  });
  return {
    title: 'Digits MLP: lrfind bounds against defaults',
    runs: [
      run('sgd lr 0.01', 'default', 0.25, 0.35, 0.04),
      run('adam lr 1e-3', 'default', 0.6, 0.08, 0.06),
      run('sgd one-cycle 0.2', 'lrfind', 0.9, 0.03, 0.02),
    ],
  };
}
