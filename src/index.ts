// The public barrel of 'lrfind': what users import, in Node and in a browser alike (no Node
// built-ins). Node adds file loaders, report writers and native backends in './node.ts', which the
// package's 'node' export condition serves under the same name.

// The one result and the types it is made of.
export type {
  Analysis, Bounds, Confirmation, Curve, CurveAggregate, LrFinderResult, LrProbe, RangeTestResult, RangeTestRun,
  RangeTestSettings, Region, RegionKind, Schedule, StopReason, Rule, RulePick, SweepMode,
} from './types.js';

// Finding the learning rate.
export { recommendLearningRate, type RecommendLrOptions } from './tfjs/recommend.js';
export { findLearningRate, type RangeTestOptions, type RangeTestStep } from './tfjs/range-test.js';
export { warmUp } from './tfjs/warm-up.js';
export { confirmMaxLr, type ConfirmOptions } from './tfjs/confirm.js';
export { analyzeRangeTest } from './range-test/analyze-result.js';
export { DEFAULT_RANGE_TEST_SETTINGS, RangeTestSettingsError, type RangeTestSettingsInput } from './range-test/settings.js';
export { DEFAULT_CONFIRM_SETTINGS, type ConfirmSettings, type ConfirmSettingsInput } from './range-test/confirm.js';
export type { BatchDataset, RangeTestData, TensorData } from './tfjs/batches.js';

// The finder's file (range-test.json).
export {
  RANGE_TEST_FORMAT, RANGE_TEST_VERSION, RangeTestFileError, analysisFile, parseRangeTestFile, rangeTestFile, rangeTestFileText,
  type ConfirmationPart, type RangeTestFile,
} from './range-test/file.js';

// Training with the bounds.
export { OneCycleCallback, oneCycleCallback, type OneCycleCallbackArgs } from './tfjs/callbacks/one-cycle-callback.js';
export { ScheduleCallback, scheduleCallback, type ScheduleCallbackArgs } from './tfjs/callbacks/schedule-callback.js';
export { LearningRateScheduler, learningRateScheduler, type LearningRateSchedulerArgs } from './tfjs/callbacks/learning-rate-scheduler.js';
export { ReduceLROnPlateau, reduceLROnPlateau, type ReduceLROnPlateauArgs } from './tfjs/callbacks/reduce-lr-on-plateau.js';
export { getLearningRate, setLearningRate } from './tfjs/learning-rate.js';
export { getMomentum, hasMomentum, setMomentum } from './tfjs/momentum.js';
export { disposeSnapshot, restoreSnapshot, takeSnapshot, type TrainingSnapshot } from './tfjs/snapshot.js';
export * from './schedules/index.js';

// Reading curves (also from other frameworks).
export {
  AnalysisError, CurveFormatError, analyzeCurve, createRules, getRule, parseCurveCsv, parseCurveJson, parseRunsJson,
  ruleNames, rules, type AnalyzeOptions,
} from './analysis/index.js';

// Backends: the browser's choice here; Node's (tfjs-node, threaded wasm) under the 'node' condition.
export {
  BACKEND_CHOICES, EnvironmentError, initBackend, type BackendChoice, type BackendInfo, type BackendOptions, type WasmModule,
} from './tfjs/browser-backend.js';
export { registerWasmTrainingKernels } from './tfjs/kernels/register.js';

// Built-in models and data from arrays.
export { buildModel, cnn, mlp, vggMini, MODEL_NAMES, type ModelName, type ModelSpec } from './models/index.js';
export * from './data/index.js';
