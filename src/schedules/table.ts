// Schedules as data: a per-step table, and CSV / JSON that PyTorch or Keras can replay.
import type { Schedule } from '../types.js';
import { formatCount, MAX_SCHEDULE_STEPS } from '../limits.js';
import { fail, nonNegativeInteger } from './validate.js';

export interface ScheduleRow {
  step: number;
  lr: number;
  momentum?: number;
}

/**
 * The value of `lr` (and `momentum` when given) at steps 0 … totalSteps − 1. Refuses more than
 * MAX_SCHEDULE_STEPS rows (the schedule itself, a function, has no limit).
 */
export function scheduleTable(lr: Schedule, momentum: Schedule | null, totalSteps: number): ScheduleRow[] {
  nonNegativeInteger('totalSteps', totalSteps);
  if (totalSteps > MAX_SCHEDULE_STEPS) fail('totalSteps', `at most ${formatCount(MAX_SCHEDULE_STEPS)} for a table of every step`, totalSteps);
  const rows: ScheduleRow[] = [];
  for (let step = 0; step < totalSteps; step++) {
    rows.push(momentum ? { step, lr: lr(step), momentum: momentum(step) } : { step, lr: lr(step) });
  }
  return rows;
}

/**
 * `step,lr[,momentum]` with a header line; numbers are written in full (shortest round-trip)
 * precision. The momentum column appears when every row has one.
 */
export function scheduleToCsv(rows: readonly ScheduleRow[]): string {
  const withMomentum = rows.length > 0 && rows.every((r) => r.momentum !== undefined);
  const lines = [withMomentum ? 'step,lr,momentum' : 'step,lr'];
  for (const r of rows) lines.push(withMomentum ? `${r.step},${r.lr},${r.momentum}` : `${r.step},${r.lr}`);
  return lines.join('\n') + '\n';
}

/**
 * JSON text `{"lr": [...], "momentum": [...]}` indexed by step (momentum only when every row has
 * one). In PyTorch, with the optimizer's lr set to 1:
 * `s = json.load(f); LambdaLR(opt, lambda i: s["lr"][min(i, len(s["lr"]) - 1)])`;
 * in Keras, assign `s["lr"][step]` to `optimizer.learning_rate` in `on_train_batch_begin`.
 */
export function scheduleToJson(rows: readonly ScheduleRow[], extra: { weightDecay?: number } = {}): string {
  const withMomentum = rows.length > 0 && rows.every((r) => r.momentum !== undefined);
  const body: { lr: number[]; momentum?: number[]; weightDecay?: number } = { lr: rows.map((r) => r.lr) };
  if (withMomentum) body.momentum = rows.map((r) => r.momentum as number);
  // The decoupled weight decay the bounds were found with (AdamW's weight_decay): train with it too.
  if (extra.weightDecay !== undefined) body.weightDecay = extra.weightDecay;
  return JSON.stringify(body);
}
