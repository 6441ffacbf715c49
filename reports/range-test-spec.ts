// Range-test report: loss against learning rate on a log axis, with the regions and the bounds
// first; the peers' rules and the confirmation probes sit in a strip under the curve, at their lrs.
// A pure function of the analysis.
import { decades, LR_AXIS_LABEL } from './format.js';
import { PROBE_SERIES, rangeTestData, REGION_LABELS, type RangeTestCurveParts } from './range-test-data.js';
import { finite } from './range-test-window.js';
import { subtitleLines } from './range-test-notes.js';
import type { LayerSpec, TopLevelSpec } from './spec-types.js';
import { rangeTestReportInput, type RangeTestReportInput, type RangeTestSource, type ReportMeta } from '../src/present/report-input.js';
import type { RegionKind } from '../src/types.js';
import { COLORS, CONFIG, LABEL_FONT_SIZE, STRIP_FONT_SIZE, VEGA_LITE_SCHEMA } from './theme.js';

export type { RangeTestReportInput, ReportMeta } from '../src/present/report-input.js';

export interface RangeTestSpecOptions {
  /** What the title names (model, data…), beside what the source says. */
  meta?: ReportMeta;
  /** Plot width in px. @default 640 */
  width?: number;
  /** Height of the curve's area in px; the rule labels add a strip above it. @default 360 */
  height?: number;
  /** Top of the loss axis as a multiple of the first smoothed loss, so an exploding tail does not squash the curve. @default 1.5 */
  clipFactor?: number;
}

const SPREAD_LABEL = 'spread of runs';
const REGION_COLORS: Record<RegionKind, string> = { 'too-small': COLORS.tooSmall, good: COLORS.good, 'too-large': COLORS.tooLarge };
const SUBTITLE_FONT_SIZE = 11;

function validate(input: RangeTestReportInput, width: number, height: number, clipFactor: number): void {
  const { lrs, losses } = input.curve;
  if (lrs.length < 2) throw new RangeError(`curve.lrs must hold at least 2 points, got ${lrs.length}`);
  if (losses.length !== lrs.length) throw new RangeError(`curve.losses must have curve.lrs's length ${lrs.length}, got ${losses.length}`);
  if (input.smoothedLosses.length !== lrs.length) {
    throw new RangeError(`smoothedLosses must have curve.lrs's length ${lrs.length}, got ${input.smoothedLosses.length}`);
  }
  const bad = lrs.find((lr) => !(lr > 0 && Number.isFinite(lr)));
  if (bad !== undefined) throw new RangeError(`curve.lrs must be finite and > 0 for a log axis, got ${bad}`);
  if (finite(input.smoothedLosses).length === 0) throw new RangeError('smoothedLosses must hold a finite value, got none');
  if (!(width > 0)) throw new RangeError(`width must be > 0, got ${width}`);
  if (!(height > 0)) throw new RangeError(`height must be > 0, got ${height}`);
  if (!(clipFactor > 1)) throw new RangeError(`clipFactor must be > 1, got ${clipFactor}`);
}

function titleOf(meta: ReportMeta | undefined): string {
  const parts = [meta?.model, meta?.optimizer, meta?.data].filter((p): p is string => p !== undefined && p !== '');
  return parts.length > 0 ? `Learning-rate range test: ${parts.join(' · ')}` : 'Learning-rate range test';
}

/**
 * A vega-lite spec of the range-test report of `source`: a finder result, its file (range-test.json)
 * or a curve's reading (see `rangeTestReportInput`). Marks are named (`region_band`, `raw_loss`,
 * `smoothed_loss`, `spread_band`, `recommendation_rule`, `suggestion_rule`, `probe_trained`,
 * `probe_failed`, `divergence_point`, …)
 * so the SVG's `<g class="… <name>_marks">` groups can be found. Throws RangeError on inputs it cannot draw.
 */
export function rangeTestSpec(source: RangeTestSource, options: RangeTestSpecOptions = {}): TopLevelSpec {
  const input = rangeTestReportInput(source, options.meta);
  const width = options.width ?? 640;
  const height = options.height ?? 360;
  const clipFactor = options.clipFactor ?? 1.5;
  validate(input, width, height, clipFactor);
  const data = rangeTestData(input, { width, height, clipFactor });
  const { rules, aggregate, divergence, labelBoxes, captions, ruleMarks } = data.datasets;
  const [lo] = data.lossWindow;
  const pixel = (field: string) => ({ field, type: 'quantitative' as const, scale: null });

  const x = { field: 'lr', type: 'quantitative' } as const;
  const xAxis = {
    ...x,
    title: 'learning rate (log scale)',
    scale: { type: 'log' as const, domain: data.xDomain, nice: false },
    axis: {
      values: decades(data.xDomain[0], data.xDomain[1]),
      labelExpr: LR_AXIS_LABEL,
    },
  };
  const hasSpread = aggregate.length > 0;
  // The legend lists only the regions drawn.
  const drawn = (Object.keys(REGION_LABELS) as RegionKind[]).filter((kind) => data.datasets.regions.some((r) => r.region === REGION_LABELS[kind]));
  const shading = {
    type: 'nominal' as const,
    scale: {
      domain: [...drawn.map((kind) => REGION_LABELS[kind]), ...(hasSpread ? [SPREAD_LABEL] : [])],
      range: [...drawn.map((kind) => REGION_COLORS[kind]), ...(hasSpread ? [COLORS.spread] : [])],
    },
    legend: { title: hasSpread ? 'shading' : 'region', symbolType: 'square', symbolOpacity: 0.45, symbolStrokeWidth: 0 },
  };
  // A field (not a datum) so that stroke and shape merge into one legend: circle for points, stroke for the line.
  const seriesDomain = ['raw loss', 'smoothed loss'];
  const series = { field: 'series', type: 'nominal' as const, legend: { title: 'curve', symbolOpacity: 1 } };

  // The regions shade the bounds' labels and the curve, not the strip under it.
  const layer: LayerSpec[] = [
    {
      name: 'region_band',
      data: { name: 'regions' },
      mark: { type: 'rect', opacity: 0.14 },
      encoding: {
        x: { field: 'from', type: 'quantitative' }, x2: { field: 'to' },
        y: { value: 0 }, y2: { value: data.curveBottom },
        fill: { field: 'region', ...shading },
      },
    },
  ];
  if (hasSpread) {
    layer.push({
      name: 'spread_band',
      data: { name: 'aggregate' },
      mark: { type: 'area', opacity: 0.35 },
      encoding: { x, y: { field: 'lower', type: 'quantitative' }, y2: { field: 'upper' }, fill: { datum: SPREAD_LABEL, ...shading } },
    });
  }
  layer.push(
    {
      name: 'raw_loss',
      data: { name: 'curve' },
      transform: [
        // Points outside the window are dropped, not clipped: resvg 2.6 aborts the whole process on a
        // clipped symbol lying wholly outside its clip box.
        { filter: `isValid(datum.loss) && datum.loss >= ${lo} && datum.loss <= ${data.pointTop}` },
        { calculate: "'raw loss'", as: 'series' },
      ],
      mark: { type: 'point', filled: false, size: 14, opacity: 0.55, strokeWidth: 1 },
      encoding: {
        x: xAxis,
        y: {
          field: 'loss', type: 'quantitative', title: 'loss',
          scale: { domain: data.yDomain, nice: false, zero: false },
          // Ticks only beside the curve: the strips above and below it are not losses.
          axis: { values: data.yTicks },
        },
        stroke: { ...series, scale: { domain: seriesDomain, range: [COLORS.raw, COLORS.smoothed] } },
        shape: { ...series, scale: { domain: seriesDomain, range: ['circle', 'stroke'] } },
      },
    },
    {
      name: 'smoothed_loss',
      data: { name: 'smoothedLine' },
      transform: [{ calculate: "'smoothed loss'", as: 'series' }],
      mark: { type: 'line', strokeWidth: 2.2 },
      encoding: { x, y: { field: 'smoothed', type: 'quantitative' }, stroke: series, detail: { field: 'piece', type: 'nominal' } },
    },
  );
  if (data.datasets.rules.length + (data.datasets.probes?.length ?? 0) > 0 && data.plotHeight > data.curveBottom) {
    layer.push({
      name: 'strip_separator',
      data: { values: [{}] },
      mark: { type: 'rule', color: '#bbbbbb', strokeWidth: 1 },
      encoding: { x: { value: 0 }, x2: { value: width }, y: { value: data.curveBottom } },
    });
  }
  // Ticks in the strip under the curve, each from its row's top (y) to its bottom (y2), in pixels.
  const stripTicks = (name: string, dataName: string, filter: string, color: string, strokeWidth: number, y: string, y2: string): LayerSpec => ({
    name,
    data: { name: dataName },
    transform: [{ filter }],
    mark: { type: 'rule', color, strokeWidth },
    encoding: { x, y: pixel(y), y2: { field: y2 } },
  });
  if (rules.some((r) => r.role === 'suggestion')) {
    layer.push(stripTicks('suggestion_rule', 'rules', "datum.role === 'suggestion'", COLORS.suggestion, 1.4, 'tickY', 'tickY2'));
  }
  if (ruleMarks.length > 0) {
    layer.push({
      name: 'suggestion_point',
      data: { name: 'ruleMarks' },
      mark: { type: 'point', shape: 'triangle-down', filled: true, size: 40, color: COLORS.suggestion, opacity: 0.85 },
      encoding: { x, y: { field: 'smoothed', type: 'quantitative' } },
    });
  }
  for (const [verdict, color] of [[PROBE_SERIES.passed, COLORS.good], [PROBE_SERIES.failed, COLORS.tooLarge]] as const) {
    if (!(data.datasets.probes ?? []).some((p) => p.series === verdict)) continue;
    const name = verdict === PROBE_SERIES.passed ? 'probe_trained' : 'probe_failed';
    layer.push(stripTicks(name, 'probes', `datum.series === '${verdict}'`, color, 2.5, 'y', 'y2'));
  }
  if (divergence.length > 0) {
    layer.push({
      name: 'divergence_point',
      data: { name: 'divergence' },
      mark: { type: 'point', shape: 'diamond', filled: true, size: 90, color: COLORS.divergence, opacity: 1 },
      encoding: { x, y: { field: 'loss', type: 'quantitative' } },
    });
  }
  // Labels last, each on a white box, so nothing but a bound's line is drawn across the text.
  if (labelBoxes.length > 0) {
    layer.push({
      name: 'label_background',
      data: { name: 'labelBoxes' },
      mark: { type: 'rect', fill: 'white', opacity: 0.85 },
      encoding: { x: { field: 'from', type: 'quantitative' }, x2: { field: 'to' }, y: pixel('y'), y2: { field: 'y2' } },
    });
  }
  if (rules.some((r) => r.role === 'recommendation')) {
    layer.push({
      name: 'recommendation_rule',
      data: { name: 'rules' },
      transform: [{ filter: "datum.role === 'recommendation'" }],
      mark: { type: 'rule', color: COLORS.recommendation, strokeWidth: 1.6 },
      // Down to the curve's bottom (the strip's labels never meet a bound), and over the label
      // boxes: where no other spot was free, a label's box does not hide a bound.
      encoding: { x, y: { value: 0 }, y2: { value: data.curveBottom } },
    });
  }
  const labelRoles = [
    { role: 'recommendation', color: COLORS.recommendation, weight: 'bold', size: LABEL_FONT_SIZE },
    { role: 'suggestion', color: COLORS.suggestion, weight: 'normal', size: STRIP_FONT_SIZE },
  ] as const;
  for (const r of labelRoles) {
    for (const align of ['left', 'right'] as const) {
      if (!rules.some((d) => d.role === r.role && d.align === align)) continue;
      layer.push({
        name: `${r.role}_label_${align}`,
        data: { name: 'rules' },
        transform: [{ filter: `datum.role === '${r.role}' && datum.align === '${align}'` }],
        mark: { type: 'text', align, baseline: 'top', dx: align === 'left' ? 4 : -4, fontSize: r.size, fontWeight: r.weight, color: r.color },
        encoding: { x, y: pixel('y'), text: { field: 'text' } },
      });
    }
  }
  const captionColors: Record<string, string> = { peer: COLORS.caption, passed: COLORS.good, failed: COLORS.tooLarge };
  for (const c of captions) {
    const kind = String(c.kind);
    layer.push({
      name: kind === 'peer' ? 'peer_caption' : `probe_caption_${kind}`,
      data: { name: 'captions' },
      transform: [{ filter: `datum.kind === '${kind}'` }],
      mark: { type: 'text', align: 'left', baseline: 'top', fontSize: STRIP_FONT_SIZE, fontStyle: kind === 'peer' ? 'italic' : 'normal', color: captionColors[kind] ?? COLORS.caption },
      encoding: { x, y: pixel('y'), text: { field: 'text' } },
    });
  }
  if (divergence.length > 0) {
    layer.push({
      name: 'divergence_label',
      data: { name: 'divergence' },
      mark: { type: 'text', align: 'center', baseline: 'top', fontSize: LABEL_FONT_SIZE, color: COLORS.divergence },
      encoding: { x: { field: 'labelLr', type: 'quantitative' }, y: pixel('labelY'), text: { field: 'text' } },
    });
  }

  return {
    $schema: VEGA_LITE_SCHEMA,
    title: { text: titleOf(input.meta), subtitle: subtitleLines(input, data, input.meta ?? {}, width + 140, SUBTITLE_FONT_SIZE) },
    width,
    height: data.plotHeight,
    config: CONFIG,
    datasets: data.datasets,
    layer,
  };
}
