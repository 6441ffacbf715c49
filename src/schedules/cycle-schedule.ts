// The shape shared by multi-phase schedules (one-cycle and its variants), and the helper that
// builds one from phases with PyTorch's phase convention.
import type { Schedule } from '../types.js';
import { anneal, type AnnealKind } from './annealers.js';
import { join } from './join.js';

/** One phase of a multi-phase schedule as PyTorch defines it: its ends may be fractional steps. */
export interface CyclePhase {
  name: string;
  /** Step where the phase starts (its start value holds here). */
  startStep: number;
  /** Step where the phase reaches its end value. */
  endStep: number;
  startLr: number;
  endLr: number;
}

/** A phase as whole steps [startStep, endStep): what reports, tables and the terminal show. */
export interface SchedulePhase {
  name: string;
  startStep: number;
  /** Exclusive. */
  endStep: number;
}

/** What `oneCycle` and its presets return. */
export interface CycleSchedule {
  /** Learning rate per global step. */
  lr: Schedule;
  /** Momentum (SGD) or beta1 (Adam) per step; null when momentum is not cycled. */
  momentum: Schedule | null;
  /** Steps the schedule is meant for; steps from `totalSteps - 1` on hold the final values. */
  totalSteps: number;
  /** The phases as PyTorch defines them (fractional ends); `phaseRanges` gives them as whole steps. */
  phases: CyclePhase[];
}

/** A phase as the builder takes it: ends at `endStep`, starts where the previous one ended. */
export interface PhaseSpec {
  name: string;
  endStep: number;
  kind: AnnealKind;
  startLr: number;
  endLr: number;
  startMomentum?: number;
  endMomentum?: number;
}

/**
 * Joins the phases PyTorch's way: phase i anneals over (end_{i-1}, end_i] with
 * pct = (step − end_{i-1}) / (end_i − end_{i-1}), the first phase starting at step 0. The joins
 * fall exactly on the phase ends, where neighbouring phases agree, so the result is continuous.
 */
export function buildPhases(
  specs: readonly PhaseSpec[],
  totalSteps: number,
  momentumKind: AnnealKind | null,
): CycleSchedule {
  const starts = specs.map((_, i) => (i === 0 ? 0 : (specs[i - 1] as PhaseSpec).endStep));
  const boundaries = starts.slice(1);
  const lr = join(
    specs.map((p, i) => anneal(p.kind, p.startLr, p.endLr, p.endStep - (starts[i] as number))),
    boundaries,
  );
  const momentum =
    momentumKind === null
      ? null
      : join(
          specs.map((p, i) =>
            anneal(momentumKind, p.startMomentum ?? 0, p.endMomentum ?? 0, p.endStep - (starts[i] as number)),
          ),
          boundaries,
        );
  const phases = specs.map((p, i) => ({
    name: p.name,
    startStep: Math.max(0, starts[i] as number),
    endStep: p.endStep,
    startLr: p.startLr,
    endLr: p.endLr,
  }));
  return { lr, momentum, totalSteps, phases };
}
