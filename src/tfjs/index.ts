// Public exports of src/tfjs (re-exported by src/index.ts).
export { findLearningRate } from './range-test.js';
export type { RangeTestOptions, RangeTestStep } from './range-test.js';
export { warmUp } from './warm-up.js';
export { confirmMaxLr } from './confirm.js';
export type { Confirmation, ConfirmOptions, LrProbe } from './confirm.js';
export { recommendLearningRate } from './recommend.js';
export type { LrRecommendation, RecommendLrOptions } from './recommend.js';
export type { TensorData, BatchDataset, RangeTestData } from './batches.js';
export { getLearningRate, setLearningRate } from './learning-rate.js';
export { takeSnapshot, restoreSnapshot, disposeSnapshot } from './snapshot.js';
export type { TrainingSnapshot } from './snapshot.js';
export { trainWithSchedule, stepsPerEpoch } from './study/train.js';
export type { EpochRecord, TrainOptions, TrainSplit } from './study/train.js';
export { runDemo } from './study/demo.js';
export type { DemoOptions, DemoResult } from './study/demo.js';
export { runStudy, STUDY_RUN_NAMES } from './study/compare.js';
export type { StudyOptions, StudyResult, StudyRun, StudyGroup } from './study/compare.js';
