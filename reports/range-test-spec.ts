// Range-test report: loss against learning rate on a log axis, with the regions, the recommended
// bounds, each rule's suggestion and the divergence point. A pure function of the analysis.
import { decades, formatLr, formatValue } from './format.js';
import { finite, PROBE_SERIES, rangeTestData, REGION_LABELS, type RangeTestCurveParts, type RangeTestData } from './range-test-data.js';
import type { LayerSpec, TopLevelSpec } from './spec-types.js';
import { COLORS, CONFIG, LABEL_FONT_SIZE, VEGA_LITE_SCHEMA } from './theme.js';

/** What the title says about the run. Every field is optional. */
export interface ReportMeta {
  model?: string;
  optimizer?: string;
  data?: string;
  backend?: string;
}

/** The parts of an `Analysis` the report draws, plus what the title says: pass `{...analysis, meta}`. */
export type RangeTestReportInput = RangeTestCurveParts & { meta?: ReportMeta };

export interface RangeTestSpecOptions {
  /** Plot width in px. @default 640 */
  width?: number;
  /** Height of the curve's area in px; the rule labels add a strip above it. @default 360 */
  height?: number;
  /** Top of the loss axis as a multiple of the first smoothed loss, so an exploding tail does not squash the curve. @default 1.5 */
  clipFactor?: number;
}

const SPREAD_LABEL = 'spread of runs';

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

function subtitleOf(input: RangeTestReportInput, data: RangeTestData): string[] {
  const facts: string[] = [];
  if (input.meta?.backend !== undefined) facts.push(`backend ${input.meta.backend}`);
  facts.push(`${input.curve.lrs.length} steps`);
  const rec = input.bounds;
  facts.push(
    rec === null
      ? 'no bounds'
      : `recommended lr ${formatLr(rec.minLr)} to ${formatLr(rec.maxLr)} (${rec.method}, confidence ${rec.confidence.toFixed(2)})`,
  );
  const lines = [facts.join(' · ')];
  const probes = input.probes ?? [];
  if (probes.length > 0) {
    const passed = probes.find((p) => p.passed);
    const verdict = passed ? `the largest that trained: ${formatLr(passed.lr)}` : 'none trained';
    lines.push(`${probes.length} confirmation probe${probes.length === 1 ? '' : 's'} (sustained training at one lr): ${verdict}`);
  }
  if (data.clippedAt !== null) lines.push(`loss axis cut at ${formatValue(data.yCut)} (the loss reaches ${formatValue(data.clippedAt)})`);
  return lines;
}

/**
 * A vega-lite spec of the range-test report. Marks are named (`region_band`, `raw_loss`,
 * `smoothed_loss`, `spread_band`, `recommendation_rule`, `suggestion_rule`, `divergence_point`, …)
 * so the SVG's `<g class="… <name>_marks">` groups can be found. Throws RangeError on inputs it cannot draw.
 */
export function rangeTestSpec(input: RangeTestReportInput, options: RangeTestSpecOptions = {}): TopLevelSpec {
  const width = options.width ?? 640;
  const height = options.height ?? 360;
  const clipFactor = options.clipFactor ?? 1.5;
  validate(input, width, height, clipFactor);
  const data = rangeTestData(input, { width, height, clipFactor });
  const { rules, aggregate, divergence, labelBoxes } = data.datasets;
  const [yLo, yHi] = data.yDomain;

  const x = { field: 'lr', type: 'quantitative' } as const;
  const xAxis = {
    ...x,
    title: 'learning rate (log scale)',
    scale: { type: 'log' as const, domain: data.xDomain, nice: false },
    axis: {
      values: decades(data.xDomain[0], data.xDomain[1]),
      // 1e-7 … 1e-1, then 1, 10: how learning rates are usually written.
      labelExpr: "datum.value >= 1 ? format(datum.value, '~g') : '1e' + round(log(datum.value) / LN10)",
    },
  };
  const hasSpread = aggregate.length > 0;
  const shading = {
    type: 'nominal' as const,
    scale: {
      domain: [...Object.values(REGION_LABELS), ...(hasSpread ? [SPREAD_LABEL] : [])],
      range: [COLORS.tooSmall, COLORS.good, COLORS.tooLarge, ...(hasSpread ? [COLORS.spread] : [])],
    },
    legend: { title: hasSpread ? 'shading' : 'region', symbolType: 'square', symbolOpacity: 0.45, symbolStrokeWidth: 0 },
  };
  // A field (not a datum) so that stroke and shape merge into one legend: circle for points, stroke for the line.
  const series = { field: 'series', type: 'nominal' as const, legend: { title: 'curve', symbolOpacity: 1 } };
  // Probes join the curve's legend: one scale for stroke and shape keeps it a single legend.
  const hasProbes = (data.datasets.probes?.length ?? 0) > 0;
  const seriesDomain = ['raw loss', 'smoothed loss', ...(hasProbes ? [PROBE_SERIES.passed, PROBE_SERIES.failed] : [])];
  const seriesColors = [COLORS.raw, COLORS.smoothed, ...(hasProbes ? [COLORS.good, COLORS.tooLarge] : [])];
  const seriesShapes = ['circle', 'stroke', ...(hasProbes ? ['square', 'cross'] : [])];

  const layer: LayerSpec[] = [
    {
      name: 'region_band',
      data: { name: 'regions' },
      mark: { type: 'rect', opacity: 0.14 },
      encoding: { x: { field: 'from', type: 'quantitative' }, x2: { field: 'to' }, fill: { field: 'region', ...shading } },
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
        { filter: `isValid(datum.loss) && datum.loss >= ${yLo} && datum.loss <= ${yHi}` },
        { calculate: "'raw loss'", as: 'series' },
      ],
      mark: { type: 'point', filled: false, size: 14, opacity: 0.55, strokeWidth: 1 },
      encoding: {
        x: xAxis,
        y: { field: 'loss', type: 'quantitative', title: 'loss', scale: { domain: data.yDomain, nice: false, zero: false } },
        stroke: { ...series, scale: { domain: seriesDomain, range: seriesColors } },
        shape: { ...series, scale: { domain: seriesDomain, range: seriesShapes } },
      },
    },
    {
      name: 'smoothed_loss',
      data: { name: 'curve' },
      transform: [{ filter: 'isValid(datum.smoothed)' }, { calculate: "'smoothed loss'", as: 'series' }],
      mark: { type: 'line', strokeWidth: 2.2, clip: true },
      encoding: { x, y: { field: 'smoothed', type: 'quantitative' }, stroke: series },
    },
  );

  const roles = [
    { role: 'recommendation', color: COLORS.recommendation, dash: [1, 0], width: 1.6, weight: 'bold' },
    { role: 'suggestion', color: COLORS.suggestion, dash: [5, 3], width: 1.2, weight: 'normal' },
  ] as const;
  const present = roles.filter((r) => rules.some((d) => d.role === r.role));
  for (const r of present) {
    layer.push({
      name: `${r.role}_rule`,
      data: { name: 'rules' },
      transform: [{ filter: `datum.role === '${r.role}'` }],
      mark: { type: 'rule', color: r.color, strokeDash: [...r.dash], strokeWidth: r.width },
      encoding: { x },
    });
  }
  if (hasProbes) {
    layer.push({
      name: 'probe_point',
      data: { name: 'probes' },
      mark: { type: 'point', filled: false, size: 50, strokeWidth: 1.8, opacity: 1 },
      encoding: { x, y: { field: 'loss', type: 'quantitative' }, stroke: series, shape: series },
    });
  }
  if (divergence.length > 0) {
    layer.push({
      name: 'divergence_point',
      data: { name: 'divergence' },
      mark: { type: 'point', shape: 'diamond', filled: true, size: 90, color: COLORS.divergence, opacity: 1 },
      encoding: { x, y: { field: 'loss', type: 'quantitative' } },
    });
  }
  // Labels last, each on a white box, so nothing is drawn across the text.
  if (labelBoxes.length > 0) {
    layer.push({
      name: 'label_background',
      data: { name: 'labelBoxes' },
      mark: { type: 'rect', fill: 'white', opacity: 0.85 },
      encoding: {
        x: { field: 'from', type: 'quantitative' },
        x2: { field: 'to' },
        y: { field: 'y', type: 'quantitative', scale: null },
        y2: { field: 'y2' },
      },
    });
  }
  for (const r of present) {
    for (const align of ['left', 'right'] as const) {
      if (!rules.some((d) => d.role === r.role && d.align === align)) continue;
      layer.push({
        name: `${r.role}_label_${align}`,
        data: { name: 'rules' },
        transform: [{ filter: `datum.role === '${r.role}' && datum.align === '${align}'` }],
        mark: {
          type: 'text',
          align,
          baseline: 'top',
          dx: align === 'left' ? 4 : -4,
          fontSize: LABEL_FONT_SIZE,
          fontWeight: r.weight,
          color: r.color,
        },
        encoding: { x, y: { field: 'y', type: 'quantitative', scale: null }, text: { field: 'text' } },
      });
    }
  }
  if (divergence.length > 0) {
    layer.push({
      name: 'divergence_label',
      data: { name: 'divergence' },
      mark: { type: 'text', align: 'center', baseline: 'top', fontSize: LABEL_FONT_SIZE, color: COLORS.divergence },
      encoding: {
        x: { field: 'labelLr', type: 'quantitative' },
        y: { field: 'labelY', type: 'quantitative', scale: null },
        text: { field: 'text' },
      },
    });
  }

  return {
    $schema: VEGA_LITE_SCHEMA,
    title: { text: titleOf(input.meta), subtitle: subtitleOf(input, data) },
    width,
    height: data.plotHeight,
    config: CONFIG,
    datasets: data.datasets,
    layer,
  };
}
