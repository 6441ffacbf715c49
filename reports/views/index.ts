// Public exports of 'lrfind/views': charts for a web page, drawn with vega-embed (an optional
// peer) from the same vega-lite specs as the CLI's reports. An entry of its own, so that the
// engine ('lrfind') never loads vega; these never load tfjs.
export { showRangeTest, type RangeTestView, type RangeTestViewOptions } from './range-test-view.js';
export { liveRangeTest, type LiveRangeTest, type LiveRangeTestOptions, type ProbeStep } from './live-range-test.js';
export { showSchedule, type ScheduleView, type ScheduleViewOptions } from './schedule-view.js';
export { liveTraining, type LiveTraining } from './live-training.js';
export { specToSvg, type VegaView, type ViewOptions } from './embed.js';
