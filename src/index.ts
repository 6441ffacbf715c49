// The public barrel of 'lrfind': what users call, in Node and in a browser alike (no Node
// built-ins). Node adds its backends and file helpers in './node.ts', which the package's 'node'
// export condition serves under the same name. More lives in the subpaths: 'lrfind/schedules',
// 'lrfind/analysis', 'lrfind/data', 'lrfind/models', 'lrfind/train', 'lrfind/reports',
// 'lrfind/views'. The names here are a reviewed decision: test/api/exported-names.json holds them.

// The one result and the types it is made of.
export type {
  Analysis, Bounds, Confirmation, Curve, Escalation, LrFinderResult, LrProbe, RangeTestResult,
  RangeTestRun, RangeTestSettings, Region, RegionKind, RulePick, Schedule, StopReason,
} from './types.js';

// Finding the learning rate: the whole recommendation, or its parts.
export { recommendLearningRate, type RecommendLrOptions, type RecommendTuning } from './tfjs/recommend.js';
export { findLearningRate, type RangeTestOptions, type RangeTestStep } from './tfjs/range-test.js';
export { confirmMaxLr, type ConfirmOptions } from './tfjs/confirm.js';
export type { TensorData, TrainingData } from './tfjs/batches.js';
export type { Trainable, TrainingStep } from './tfjs/learner.js';
export { AnalysisError, CurveFormatError, analyzeCurve, type AnalyzeOptions } from './analysis/index.js';
export { RangeTestSettingsError } from './range-test/settings.js';

// The finder's file (range-test.json).
export { RangeTestFileError, parseRangeTestFile, rangeTestFile, rangeTestFileText, type RangeTestFile } from './range-test/file.js';

// Training with the bounds.
export { OneCycleCallback, oneCycleCallback, type OneCycleCallbackArgs } from './tfjs/callbacks/one-cycle-callback.js';
export { ScheduleCallback, scheduleCallback, type ScheduleCallbackArgs } from './tfjs/callbacks/schedule-callback.js';
export { LearningRateScheduler, learningRateScheduler, type LearningRateSchedulerArgs } from './tfjs/callbacks/learning-rate-scheduler.js';
export { ReduceLROnPlateau, reduceLROnPlateau, type ReduceLROnPlateauArgs } from './tfjs/callbacks/reduce-lr-on-plateau.js';
export { getLearningRate, setLearningRate } from './tfjs/learning-rate.js';
export { getMomentum, setMomentum } from './tfjs/momentum.js';
export { oneCycle, oneCycleFromBounds, type CycleSchedule, type OneCycleOptions } from './schedules/index.js';

// Backends: the browser's choice here; Node's (tfjs-node, threaded wasm) under the 'node' condition.
export {
  EnvironmentError, initBackend, type BackendChoice, type BackendInfo, type BackendOptions, type WasmModule,
} from './tfjs/browser-backend.js';
export { registerWasmTrainingKernels } from './tfjs/kernels/register.js';
