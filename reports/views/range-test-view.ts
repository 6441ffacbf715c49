// The interactive range-test chart: the report's vega-lite spec (regions, bounds, rules, probes)
// with tooltips on every point.
import { rangeTestSpec, type RangeTestSpecOptions, type ReportMeta } from '../range-test-spec.js';
import type { TopLevelSpec } from '../spec-types.js';
import { embedSpec, specToSvg, type VegaView, type ViewOptions } from './embed.js';
import { rangeTestReportInput, type RangeTestSource } from '../../src/present/report-input.js';
import { tooltipRows, withTooltips } from './tooltips.js';

export interface RangeTestViewOptions extends ViewOptions, Pick<RangeTestSpecOptions, 'height' | 'clipFactor'> {
  /** What the title names (model, data…); the backend and optimizer come from the result. */
  meta?: ReportMeta;
}

/** What `showRangeTest` returns. */
export interface RangeTestView {
  /** The vega View drawn in the element. */
  view: VegaView;
  /** The report's spec, as the CLI writes it (range-test.vl.json), without the tooltip layer. */
  spec: TopLevelSpec;
  /** The report as SVG (range-test.svg), drawn off-screen from `spec`. */
  toSvg(): Promise<string>;
  /** Removes the view's listeners and timers; the element keeps the last frame. */
  finalize(): void;
}

/**
 * Draws a finder result (or its file, or a curve's reading) into `element`: loss against lr on a log axis, the too-small / good /
 * too-large regions, the bounds and each rule's pick, with a tooltip (lr, loss, region, bounds)
 * at the nearest point.
 * @example
 * const found = await recommendLearningRate(model, data);
 * await showRangeTest(document.querySelector('#chart')!, found, { meta: { model: 'cnn', data: 'digits' } });
 */
export async function showRangeTest(element: HTMLElement, source: RangeTestSource, options: RangeTestViewOptions = {}): Promise<RangeTestView> {
  const input = rangeTestReportInput(source, options.meta);
  const spec = rangeTestSpec(input, {
    ...(options.width !== undefined ? { width: options.width } : {}),
    ...(options.height !== undefined ? { height: options.height } : {}),
    ...(options.clipFactor !== undefined ? { clipFactor: options.clipFactor } : {}),
  });
  const view = await embedSpec(element, withTooltips(spec, tooltipRows(input)), options);
  return { view, spec, toSvg: () => specToSvg(spec), finalize: () => view.finalize() };
}
