// Public exports of src/range-test (pure parts of the range test; the engine lives in src/tfjs).
export { sweepLr, sweepLrs } from './sweep.js';
export { resolveRangeTestSettings, RangeTestSettingsError, DEFAULT_RANGE_TEST_SETTINGS } from './settings.js';
export type { RangeTestSettingsInput } from './settings.js';
export { recordLoss, hasDiverged, initialRecorderState } from './recorder.js';
export type { RecorderState, RecordVerdict } from './recorder.js';
export { confirmedRecommendation, DEFAULT_CONFIRM_SETTINGS, judgeProbe, ladderTop, probeLadder, probeSchedule, probeTarget, resolveConfirmSettings, sweepBest } from './confirm.js';
export type { ConfirmSettings, ConfirmSettingsInput, ProbeJudgement, ProbeVerdict } from './confirm.js';
export { analyzeRangeTest } from './analyze-result.js';
