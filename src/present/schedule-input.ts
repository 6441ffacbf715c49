// What the schedule chart draws, from a schedule: the lr (and momentum) at every step, the phases
// as whole steps, and the epoch axis. The one conversion of the CLI's schedule.svg, the demo's
// page, the gallery, the web page and the views, so a phase boundary is drawn where it is.
import type { CycleSchedule, SchedulePhase } from '../schedules/cycle-schedule.js';
import { phaseRanges } from '../schedules/from-bounds.js';
import { scheduleTable } from '../schedules/table.js';
import type { Schedule } from '../types.js';

export interface ScheduleReportInput {
  /** The lr at each step (index = step). */
  lr: number[];
  /** The momentum (or Adam's β1) at each step, when the schedule cycles it. */
  momentum?: number[] | null;
  /** Whole steps [startStep, endStep). */
  phases?: SchedulePhase[];
  /** Adds an epoch axis on top when given. */
  stepsPerEpoch?: number;
  /** @default 'Learning-rate schedule' */
  title?: string;
}

const isCycle = (s: Schedule | CycleSchedule): s is CycleSchedule => typeof s === 'object' && s !== null && typeof s.lr === 'function';

/**
 * The chart's input for `schedule` (a pure `(step) => lr`, or a cycle with momentum and phases)
 * over `totalSteps`. A cycle's phases are drawn only when it was built for this length.
 */
export function scheduleReportInput(
  schedule: Schedule | CycleSchedule,
  totalSteps: number,
  options: { stepsPerEpoch?: number; title?: string } = {},
): ScheduleReportInput {
  const cycle = isCycle(schedule) ? schedule : null;
  const rows = scheduleTable(cycle ? cycle.lr : (schedule as Schedule), cycle?.momentum ?? null, totalSteps);
  return {
    lr: rows.map((r) => r.lr),
    momentum: cycle?.momentum ? rows.map((r) => r.momentum!) : null,
    phases: cycle && cycle.totalSteps === totalSteps ? phaseRanges(cycle) : [],
    ...(options.stepsPerEpoch !== undefined ? { stepsPerEpoch: options.stepsPerEpoch } : {}),
    ...(options.title !== undefined ? { title: options.title } : {}),
  };
}
