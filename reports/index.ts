// Public exports of 'lrfind/reports': what a result looks like, in memory (writing files is
// 'lrfind/node''s writeFilesAtomically): the vega-lite specs, the SVG renderer, the report files and
// index.html, and the words every view uses (`words`: the bounds sentence and the rest).
export { rangeTestSpec, type RangeTestSpecOptions } from './range-test-spec.js';
export { rangeTestReportInput, type RangeTestReportInput, type RangeTestSource, type ReportMeta } from '../src/present/report-input.js';
export { scheduleReportInput, type ScheduleReportInput } from '../src/present/schedule-input.js';
export { scheduleSpec, type ScheduleSpecOptions } from './schedule-spec.js';
export { comparisonSpec, type ComparedEpoch, type ComparedRun, type ComparisonReportInput, type ComparisonSpecOptions } from './comparison-spec.js';
export { renderSvg, type AnySpec } from './render-svg.js';
export { chartFiles } from './chart-files.js';
export { rangeTestFiles, RANGE_TEST_FILES, type RangeTestFilesOptions } from './range-test-files.js';
export { indexHtml, type IndexHtmlInput, type IndexSection } from './index-html.js';
export type { TopLevelSpec } from './spec-types.js';
export * as words from '../src/present/words.js';
