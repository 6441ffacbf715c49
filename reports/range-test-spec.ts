// Range-test report: loss against learning rate on a log axis, with the regions and the bounds
// first; the peers' rules and the confirmation probes sit in a strip under the curve, at their lrs.
// A pure function of the analysis.
import { decades, LR_AXIS_LABEL } from './format.js';
import { PROBE_SERIES, rangeTestData, REGION_LABELS, type RangeTestChartData } from './range-test-data.js';
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

type Data = RangeTestChartData;
type Shading = ReturnType<typeof shadingOf>;

const X = { field: 'lr', type: 'quantitative' } as const;
const pixel = (field: string) => ({ field, type: 'quantitative' as const, scale: null });

/** The lr axis: log scale over the sweep, ticks on the decades. */
function xAxisOf(data: Data) {
  return {
    ...X,
    title: 'learning rate (log scale)',
    scale: { type: 'log' as const, domain: data.xDomain, nice: false },
    axis: { values: decades(data.xDomain[0], data.xDomain[1]), labelExpr: LR_AXIS_LABEL },
  };
}

/** The regions' (and the runs' spread's) colours; the legend lists only what is drawn. */
function shadingOf(data: Data) {
  const hasSpread = data.datasets.aggregate.length > 0;
  const drawn = (Object.keys(REGION_LABELS) as RegionKind[]).filter((kind) => data.datasets.regions.some((r) => r.region === REGION_LABELS[kind]));
  return {
    type: 'nominal' as const,
    scale: {
      domain: [...drawn.map((kind) => REGION_LABELS[kind]), ...(hasSpread ? [SPREAD_LABEL] : [])],
      range: [...drawn.map((kind) => REGION_COLORS[kind]), ...(hasSpread ? [COLORS.spread] : [])],
    },
    legend: { title: hasSpread ? 'shading' : 'region', symbolType: 'square', symbolOpacity: 0.45, symbolStrokeWidth: 0 },
  };
}

/** The regions (over the bounds' labels and the curve, not the strip under it) and the runs' spread. */
function bandLayers(data: Data, shading: Shading): LayerSpec[] {
  const layers: LayerSpec[] = [
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
  if (data.datasets.aggregate.length > 0) {
    layers.push({
      name: 'spread_band',
      data: { name: 'aggregate' },
      mark: { type: 'area', opacity: 0.35 },
      encoding: { x: X, y: { field: 'lower', type: 'quantitative' }, y2: { field: 'upper' }, fill: { datum: SPREAD_LABEL, ...shading } },
    });
  }
  return layers;
}

/** The raw losses as points and the smoothed loss as a line, sharing one legend. */
function curveLayers(data: Data, lossName?: string): LayerSpec[] {
  const [lo] = data.lossWindow;
  // A field (not a datum) so that stroke and shape merge into one legend: circle for points, stroke for the line.
  const seriesDomain = ['raw loss', 'smoothed loss'];
  const series = { field: 'series', type: 'nominal' as const, legend: { title: 'curve', symbolOpacity: 1 } };
  return [
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
        x: xAxisOf(data),
        y: {
          field: 'loss', type: 'quantitative', title: lossName === undefined ? 'loss' : `loss: ${lossName}`,
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
      encoding: { x: X, y: { field: 'smoothed', type: 'quantitative' }, stroke: series, detail: { field: 'piece', type: 'nominal' } },
    },
  ];
}

/** Ticks in the strip under the curve, each from its row's top (y) to its bottom (y2), in pixels. */
function stripTicks(name: string, dataName: string, filter: string, color: string, strokeWidth: number, y: string, y2: string): LayerSpec {
  return { name, data: { name: dataName }, transform: [{ filter }], mark: { type: 'rule', color, strokeWidth }, encoding: { x: X, y: pixel(y), y2: { field: y2 } } };
}

/** The strip under the curve (the rules' picks, the probes) and the marks on the curve that go with it. */
function stripLayers(data: Data, width: number): LayerSpec[] {
  const { rules, ruleMarks, divergence } = data.datasets;
  const layers: LayerSpec[] = [];
  if (rules.length + (data.datasets.probes?.length ?? 0) > 0 && data.plotHeight > data.curveBottom) {
    layers.push({
      name: 'strip_separator',
      data: { values: [{}] },
      mark: { type: 'rule', color: '#bbbbbb', strokeWidth: 1 },
      encoding: { x: { value: 0 }, x2: { value: width }, y: { value: data.curveBottom } },
    });
  }
  if (rules.some((r) => r.role === 'suggestion')) {
    layers.push(stripTicks('suggestion_rule', 'rules', "datum.role === 'suggestion'", COLORS.suggestion, 1.4, 'tickY', 'tickY2'));
  }
  if (ruleMarks.length > 0) {
    layers.push({
      name: 'suggestion_point',
      data: { name: 'ruleMarks' },
      mark: { type: 'point', shape: 'triangle-down', filled: true, size: 40, color: COLORS.suggestion, opacity: 0.85 },
      encoding: { x: X, y: { field: 'smoothed', type: 'quantitative' } },
    });
  }
  for (const [verdict, color] of [[PROBE_SERIES.passed, COLORS.good], [PROBE_SERIES.failed, COLORS.tooLarge]] as const) {
    if (!(data.datasets.probes ?? []).some((p) => p.series === verdict)) continue;
    const name = verdict === PROBE_SERIES.passed ? 'probe_trained' : 'probe_failed';
    layers.push(stripTicks(name, 'probes', `datum.series === '${verdict}'`, color, 2.5, 'y', 'y2'));
  }
  if (divergence.length > 0) {
    layers.push({
      name: 'divergence_point',
      data: { name: 'divergence' },
      mark: { type: 'point', shape: 'triangle-up', filled: true, size: 80, color: COLORS.divergence, opacity: 1 },
      encoding: { x: X, y: { field: 'loss', type: 'quantitative' } },
    });
  }
  return layers;
}

/** The bounds' lines and every label, last, each on a white box: nothing but a bound's line crosses the text. */
function labelLayers(data: Data): LayerSpec[] {
  const { rules, labelBoxes, captions, divergence } = data.datasets;
  const layers: LayerSpec[] = [];
  if (labelBoxes.length > 0) {
    layers.push({
      name: 'label_background',
      data: { name: 'labelBoxes' },
      mark: { type: 'rect', fill: 'white', opacity: 0.85 },
      encoding: { x: { field: 'from', type: 'quantitative' }, x2: { field: 'to' }, y: pixel('y'), y2: { field: 'y2' } },
    });
  }
  if (rules.some((r) => r.role === 'recommendation')) {
    layers.push({
      name: 'recommendation_rule',
      data: { name: 'rules' },
      transform: [{ filter: "datum.role === 'recommendation'" }],
      mark: { type: 'rule', color: COLORS.recommendation, strokeWidth: 1.6 },
      // Down to the curve's bottom (the strip's labels never meet a bound), and over the label
      // boxes: where no other spot was free, a label's box does not hide a bound.
      encoding: { x: X, y: { value: 0 }, y2: { value: data.curveBottom } },
    });
  }
  layers.push(...ruleLabelLayers(rules), ...captionLayers(captions));
  if (divergence.length > 0) {
    layers.push({
      name: 'divergence_label',
      data: { name: 'divergence' },
      mark: { type: 'text', align: 'center', baseline: 'top', fontSize: LABEL_FONT_SIZE, color: COLORS.divergence },
      encoding: { x: { field: 'labelLr', type: 'quantitative' }, y: pixel('labelY'), text: { field: 'text' } },
    });
  }
  return layers;
}

/** The bounds' labels (bold, on top) and the rules' picks (in the strip), one layer per side of their line. */
function ruleLabelLayers(rules: Data['datasets']['rules']): LayerSpec[] {
  const roles = [
    { role: 'recommendation', color: COLORS.recommendation, weight: 'bold', size: LABEL_FONT_SIZE },
    { role: 'suggestion', color: COLORS.suggestion, weight: 'normal', size: STRIP_FONT_SIZE },
  ] as const;
  return roles.flatMap((r) => (['left', 'right'] as const)
    .filter((align) => rules.some((d) => d.role === r.role && d.align === align))
    .map((align): LayerSpec => ({
      name: `${r.role}_label_${align}`,
      data: { name: 'rules' },
      transform: [{ filter: `datum.role === '${r.role}' && datum.align === '${align}'` }],
      mark: { type: 'text', align, baseline: 'top', dx: align === 'left' ? 4 : -4, fontSize: r.size, fontWeight: r.weight, color: r.color },
      encoding: { x: X, y: pixel('y'), text: { field: 'text' } },
    })));
}

/** The strip's captions: "rules' picks", and each probe row's verdict. */
function captionLayers(captions: Data['datasets']['captions']): LayerSpec[] {
  const colors: Record<string, string> = { peer: COLORS.caption, passed: COLORS.good, failed: COLORS.tooLarge };
  return captions.map((c): LayerSpec => {
    const kind = String(c.kind);
    return {
      name: kind === 'peer' ? 'peer_caption' : `probe_caption_${kind}`,
      data: { name: 'captions' },
      transform: [{ filter: `datum.kind === '${kind}'` }],
      mark: { type: 'text', align: 'left', baseline: 'top', fontSize: STRIP_FONT_SIZE, fontStyle: kind === 'peer' ? 'italic' : 'normal', color: colors[kind] ?? COLORS.caption },
      encoding: { x: X, y: pixel('y'), text: { field: 'text' } },
    };
  });
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
  return {
    $schema: VEGA_LITE_SCHEMA,
    title: { text: titleOf(input.meta), subtitle: subtitleLines(input, data, input.meta ?? {}, width + 140, SUBTITLE_FONT_SIZE) },
    width,
    height: data.plotHeight,
    config: CONFIG,
    datasets: data.datasets,
    layer: [...bandLayers(data, shadingOf(data)), ...curveLayers(data, input.meta?.loss), ...stripLayers(data, width), ...labelLayers(data)],
  };
}
