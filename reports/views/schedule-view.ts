// A schedule in the page: the report's schedule spec (lr, momentum in its own panel, phases),
// drawn from the same pure function the CLI's schedule.svg comes from.
import { scheduleSpec, type ScheduleSpecOptions } from '../schedule-spec.js';
import type { TopLevelSpec } from '../spec-types.js';
import type { CycleSchedule } from '../../src/schedules/cycle-schedule.js';
import { scheduleReportInput } from '../../src/present/schedule-input.js';
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

/** The schedule spec of `schedule` (a pure `(step) => lr`, or a one-cycle with momentum and phases) over `totalSteps`. */
export function scheduleViewSpec(schedule: Schedule | CycleSchedule, totalSteps: number, options: ScheduleViewOptions = {}): TopLevelSpec {
  const input = scheduleReportInput(schedule, totalSteps, {
    ...(options.stepsPerEpoch !== undefined ? { stepsPerEpoch: options.stepsPerEpoch } : {}),
    ...(options.title !== undefined ? { title: options.title } : {}),
  });
  return scheduleSpec(input, {
    ...(options.width !== undefined ? { width: options.width } : {}),
    ...(options.height !== undefined ? { height: options.height } : {}),
    ...(options.maxPoints !== undefined ? { maxPoints: options.maxPoints } : {}),
  });
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
