// A schedule in the page: the report's schedule spec (lr, momentum in its own panel, phases),
// drawn from the same pure function the CLI's schedule.svg comes from.
import { scheduleSpec, type ScheduleSpecOptions } from '../schedule-spec.js';
import type { TopLevelSpec } from '../spec-types.js';
import type { CycleSchedule } from '../../src/schedules/cycle-schedule.js';
import { phaseRanges } from '../../src/schedules/from-bounds.js';
import { scheduleTable } from '../../src/schedules/table.js';
import type { Schedule } from '../../src/types.js';
import { embedSpec, specToSvg, type VegaView, type ViewOptions } from './embed.js';

export interface ScheduleViewOptions extends ViewOptions, Pick<ScheduleSpecOptions, 'height' | 'maxPoints'> {
  /** Adds an epoch axis on top. */
  stepsPerEpoch?: number;
  /** @default 'Learning-rate schedule' */
  title?: string;
}

export interface ScheduleView {
  view: VegaView;
  /** The spec as the CLI writes it (schedule.vl.json). */
  spec: TopLevelSpec;
  /** schedule.svg, drawn off-screen. */
  toSvg(): Promise<string>;
  finalize(): void;
}

const isCycle = (s: Schedule | CycleSchedule): s is CycleSchedule => typeof s === 'object' && s !== null && typeof s.lr === 'function';

/** The schedule spec of `schedule` (a pure `(step) => lr`, or a one-cycle with momentum and phases) over `totalSteps`. */
export function scheduleViewSpec(schedule: Schedule | CycleSchedule, totalSteps: number, options: ScheduleViewOptions = {}): TopLevelSpec {
  const cycle = isCycle(schedule) ? schedule : null;
  const rows = scheduleTable(cycle ? cycle.lr : (schedule as Schedule), cycle?.momentum ?? null, totalSteps);
  // The phases are the cycle's own only when it was built for this length.
  const phases = cycle && cycle.totalSteps === totalSteps ? phaseRanges(cycle) : [];
  return scheduleSpec(
    {
      lr: rows.map((r) => r.lr),
      momentum: cycle?.momentum ? rows.map((r) => r.momentum!) : null,
      phases,
      ...(options.stepsPerEpoch !== undefined ? { stepsPerEpoch: options.stepsPerEpoch } : {}),
      ...(options.title !== undefined ? { title: options.title } : {}),
    },
    {
      ...(options.width !== undefined ? { width: options.width } : {}),
      ...(options.height !== undefined ? { height: options.height } : {}),
      ...(options.maxPoints !== undefined ? { maxPoints: options.maxPoints } : {}),
    },
  );
}

/**
 * Draws a schedule into `element`.
 * @example
 * await showSchedule(el, oneCycleFromBounds(found, { totalSteps: 450 }), 450, { stepsPerEpoch: 45 });
 */
export async function showSchedule(
  element: HTMLElement, schedule: Schedule | CycleSchedule, totalSteps: number, options: ScheduleViewOptions = {},
): Promise<ScheduleView> {
  const spec = scheduleViewSpec(schedule, totalSteps, options);
  const view = await embedSpec(element, spec, options);
  return { view, spec, toSvg: () => specToSvg(spec), finalize: () => view.finalize() };
}
