// Public exports of src/schedules (re-exported by src/index.ts).
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
export { oneCycle, type OneCycleOptions } from './one-cycle.js';
export { fastaiOneCycle, warmupCosineTail, type WarmupCosineTailOptions } from './presets.js';
export type { CycleSchedule, SchedulePhase } from './cycle-schedule.js';
export { scheduleTable, scheduleToCsv, scheduleToJson, type ScheduleRow } from './table.js';
export { normalizeStep, MAX_STEP } from './step.js';
