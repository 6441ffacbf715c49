// The words of a schedule, shared by the ink view and the plain output.
import type { ScheduleRow } from '../../src/schedules/index.js';
import type { SchedulePhase } from '../../src/schedules/cycle-schedule.js';
import { plural } from '../../src/text.js';
import { formatLr } from '../../src/format.js';
import { minOf } from '../../src/numbers.js';

/** "onecycle · 1000 steps · lr 0.004 → 0.1 (step 299) → 4e-7" */
export function scheduleHeadline(name: string, rows: readonly ScheduleRow[]): string {
  const first = rows[0];
  const last = rows[rows.length - 1];
  if (!first || !last) return `${name} · 0 steps`;
  let peak = first;
  for (const r of rows) if (r.lr > peak.lr) peak = r;
  const middle = peak !== first && peak !== last ? ` → ${formatLr(peak.lr)} (step ${peak.step})` : '';
  return `${name} · ${plural(rows.length, 'step')} · lr ${formatLr(first.lr)}${middle} → ${formatLr(last.lr)}`;
}

/** "momentum 0.95 → 0.85 → 0.95", or null when momentum is not scheduled. */
export function momentumLine(rows: readonly ScheduleRow[]): string | null {
  const values = rows.map((r) => r.momentum).filter((m): m is number => m !== undefined);
  if (values.length === 0) return null;
  const lo = minOf(values);
  const first = values[0]!;
  const last = values[values.length - 1]!;
  return `momentum ${first} → ${Number(lo.toPrecision(4))} → ${Number(last.toPrecision(4))}`;
}

/** "warmup  steps 0–299" per phase. */
export function phaseLines(phases: readonly SchedulePhase[]): string[] {
  const width = Math.max(0, ...phases.map((p) => p.name.length));
  return phases.map((p) => `${p.name.padEnd(width)}  steps ${p.startStep}–${Math.max(p.startStep, p.endStep - 1)}`);
}
