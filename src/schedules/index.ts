// Public exports of src/schedules (also the 'lrfind/schedules' subpath: plain numbers, no tfjs).
export { join } from './join.js';
export { constant, linear, cosine, exponential, type AnnealOptions } from './annealers.js';
export {
  stepDecay,
  exponentialDecay,
  cosineAnnealing,
  type StepDecayOptions,
  type ExponentialDecayOptions,
  type CosineAnnealingOptions,
} from './decay.js';
export { sgdr, type SgdrOptions } from './sgdr.js';
export { cyclic, type CyclicOptions, type CyclicMode } from './cyclic.js';
export { oneCycle, resolveTotalSteps, type OneCycleOptions } from './one-cycle.js';
export { fastaiOneCycle, warmupCosineTail, type WarmupCosineTailOptions } from './presets.js';
export {
  boundsOf,
  oneCycleFromBounds,
  warmupCosineTailFromBounds,
  linearLr,
  phaseRanges,
  WARMUP_COSINE_TAIL_FRACTION,
  type BoundsSource,
  type LrBounds,
  type LinearLrOptions,
  type RunLength,
  type WarmupCosineTailFromBoundsOptions,
} from './from-bounds.js';
export type { CycleSchedule, CyclePhase, SchedulePhase } from './cycle-schedule.js';
export { scheduleTable, scheduleToCsv, scheduleToJson, type ScheduleRow } from './table.js';
export type { Schedule } from '../types.js';
export { stepsPerEpoch } from './steps.js';
