// Public exports of reports/ (re-exported by src/index.ts): spec builders, the renderer, writers.
export { rangeTestSpec, type RangeTestReportInput, type RangeTestSpecOptions, type ReportMeta } from './range-test-spec.js';
export type { ReportProbe } from './range-test-data.js';
export { scheduleSpec, type ScheduleReportInput, type ScheduleReportPhase, type ScheduleSpecOptions } from './schedule-spec.js';
export {
  comparisonSpec,
  type ComparedRun,
  type ComparisonReportInput,
  type ComparisonSpecOptions,
  type ComparedEpoch,
} from './comparison-spec.js';
export { renderSvg, type AnySpec } from './render-svg.js';
export { writeReport, writeFileAtomic, type WrittenReport } from './write-report.js';
export { indexHtml, type IndexHtmlInput, type IndexSection } from './index-html.js';
export { formatLr, formatValue } from './format.js';
export { measureText } from './text-metrics.js';
export type { TopLevelSpec } from './spec-types.js';
