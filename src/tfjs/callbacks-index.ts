// Public exports of src/tfjs/callbacks (re-exported by src/index.ts), plus momentum access.
export { ScheduleCallback, scheduleCallback, type ScheduleCallbackArgs } from './callbacks/schedule-callback.js';
export {
  LearningRateScheduler,
  learningRateScheduler,
  type LearningRateSchedulerArgs,
} from './callbacks/learning-rate-scheduler.js';
export { ReduceLROnPlateau, reduceLROnPlateau, type ReduceLROnPlateauArgs } from './callbacks/reduce-lr-on-plateau.js';
export {
  OneCycleCallback,
  oneCycleCallback,
  type OneCycleCallbackArgs,
  type OneCycleSource,
  type LrBounds,
} from './callbacks/one-cycle-callback.js';
export { getMomentum, setMomentum, hasMomentum } from './momentum.js';
