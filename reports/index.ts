// Public exports of reports/ (the 'lrfind/reports' subpath): vega-lite spec builders, the SVG
// renderer and the report files, all in memory; writing them to disk is 'lrfind/node'.
export { rangeTestSpec, type RangeTestReportInput, type RangeTestSpecOptions, type ReportMeta } from './range-test-spec.js';
export { rangeTestReportInput, type RangeTestSource, type ReportProbe } from '../src/present/report-input.js';
export { scheduleSpec, type ScheduleReportInput, type ScheduleSpecOptions } from './schedule-spec.js';
export {
  comparisonSpec,
  type ComparedRun,
  type ComparisonReportInput,
  type ComparisonSpecOptions,
  type ComparedEpoch,
} from './comparison-spec.js';
export { renderSvg, type AnySpec } from './render-svg.js';
export { rangeTestFiles, rangeTestSections, RANGE_TEST_FILES, type RangeTestPageOptions } from './range-test-files.js';
export { indexHtml, type IndexColumn, type IndexHtmlInput, type IndexSection, type IndexTable } from './index-html.js';
export { formatLr, formatValue } from '../src/format.js';
export type { TopLevelSpec } from './spec-types.js';
export * as words from '../src/present/words.js';
