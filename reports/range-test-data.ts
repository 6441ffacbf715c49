// The numbers behind the range-test report: rounded datasets, the y window and where each label
// goes. The plot is three bands of pixels: the bounds' labels on top, the curve, and under it a
// strip for the peers' rules and the confirmation probes, each at its lr. Text positions are
// computed here because vega-lite cannot avoid overlaps itself.
import type { RegionKind } from '../src/types.js';
import type { RangeTestReportInput } from '../src/present/report-input.js';
import { formatLr, roundSig } from '../src/format.js';
import { layoutRuleLabels, placePointLabel, type Obstacle } from './label-layout.js';
import { curveWindow, niceTicks, smoothedPieces } from './range-test-window.js';
import type { Datum } from './spec-types.js';
import { measureText } from './text-metrics.js';
import { LABEL_FONT_SIZE, STRIP_FONT_SIZE } from './theme.js';
import { maxOf, minOf } from '../src/numbers.js';

/** The chart's input (see src/present/report-input.ts). */
export type RangeTestCurveParts = RangeTestReportInput;

export interface RangeTestGeometry {
  width: number;
  height: number;
  clipFactor: number;
}

export type RangeTestDatasetName =
  | 'curve' | 'smoothedLine' | 'regions' | 'rules' | 'ruleMarks' | 'labelBoxes' | 'divergence' | 'aggregate' | 'captions';

export interface RangeTestChartData {
  /** `probes` only when the input had probes, so specs without them stay as they were. */
  datasets: Record<RangeTestDatasetName, Datum[]> & { probes?: Datum[] };
  xDomain: [number, number];
  yDomain: [number, number];
  /** The loss window the curve is drawn in (the y axis ticks stay inside it). */
  lossWindow: [number, number];
  /** The highest loss drawn as a point (below the window's top: a point there is drawn whole). */
  pointTop: number;
  yTicks: number[];
  /** Pixel rows: the curve's area is [curveTop, curveBottom]; the strip runs to plotHeight. */
  curveTop: number;
  curveBottom: number;
  plotHeight: number;
  /** Losses above the window (not drawn): how many, and the highest; null when none. */
  cut: { count: number; highest: number } | null;
  /** The largest lr a probe trained at. */
  probeEdge: number | null;
}

export const REGION_LABELS: Record<RegionKind, string> = { 'too-small': 'too small', good: 'good', 'too-large': 'too large' };
/** The names of the probes' verdicts in the data. */
export const PROBE_SERIES = { passed: 'probe: trained', failed: 'probe: failed' } as const;
const ROW_HEIGHT = 14;
const STRIP_ROW = 13;
const LABEL_TOP = 4;
const STRIP_GAP = 6;
const PEER_CAPTION = "rules' picks";

/** Everything the spec draws, rounded so the spec stays small and stable. */
export function rangeTestData(input: RangeTestCurveParts, geometry: RangeTestGeometry): RangeTestChartData {
  const { lrs, losses } = input.curve;
  const x = lrScale(lrs, geometry.width);
  const win = curveWindow(input, geometry.clipFactor);
  const probes = (input.probes ?? []).filter((p) => x.inRange(p.lr));
  // The largest lr a probe trained at (the regions already agree with the probes: see regionsAfterProbes).
  const trained = probes.filter((p) => p.passed).map((p) => p.lr);
  const probeEdge = trained.length > 0 ? maxOf(trained) : null;

  const top = boundLabels(input, x);
  const curveTop = top.rows > 0 ? LABEL_TOP + top.rows * ROW_HEIGHT + 4 : 0;
  const curveBottom = curveTop + geometry.height;
  const y: LossScale = { lo: win.lo, hi: win.hi, curveTop, curveBottom };
  const strip = ruleStrip(input, probes, x, y);
  const plotHeight = strip.bottom ?? curveBottom;
  const unit = (win.hi - win.lo) / geometry.height;
  const yDomain: [number, number] = [roundSig(win.lo - (plotHeight - curveBottom) * unit, 6), roundSig(win.hi + curveTop * unit, 6)];

  const labelBoxes = [...top.boxes, ...strip.boxes];
  const divergence = divergenceLabel(input, x, y, probeEdge, top.lines);
  if (divergence !== null) labelBoxes.push(divergence.box);
  const curve: Datum[] = lrs.map((lr, i) => ({ lr: roundSig(lr), loss: orNull(losses[i]), smoothed: orNull(input.smoothedLosses[i]) }));
  const smoothedLine = smoothedPieces(lrs, input.smoothedLosses, win.lo, win.hi).map((p) => ({ lr: roundSig(p.lr), smoothed: roundSig(p.loss), piece: p.piece }));

  return {
    datasets: {
      curve, smoothedLine,
      regions: regionBands(input, lrs, x.min, x.max),
      rules: [...top.rules, ...strip.rules],
      ruleMarks: strip.ruleMarks,
      labelBoxes,
      divergence: divergence === null ? [] : [divergence.datum],
      aggregate: aggregateRows(input, x, y),
      captions: strip.captions,
      ...(input.probes ? { probes: strip.probeTicks } : {}),
    },
    xDomain: [roundSig(x.min), roundSig(x.max)],
    yDomain,
    lossWindow: [roundSig(win.lo, 6), roundSig(win.hi, 6)],
    pointTop: roundSig(win.top, 6),
    yTicks: niceTicks(win.lo, win.hi, 10),
    curveTop,
    curveBottom,
    plotHeight,
    cut: win.cut,
    probeEdge,
  };
}

/** The log-lr axis in pixels. */
interface LrScale {
  width: number;
  min: number;
  max: number;
  px(lr: number): number;
  lrAt(x: number): number;
  inRange(lr: number | null | undefined): lr is number;
  /** A label's box in data units (lr across, pixel rows down), a little larger than its text. */
  box(left: number, right: number, top: number, fontSize?: number): Datum;
}

/** The loss axis: the window [lo, hi] drawn between the pixel rows curveTop and curveBottom. */
interface LossScale {
  lo: number;
  hi: number;
  curveTop: number;
  curveBottom: number;
}

function lrScale(lrs: readonly number[], width: number): LrScale {
  const min = minOf(lrs);
  const max = maxOf(lrs);
  const logMin = Math.log10(min);
  const logSpan = Math.log10(max) - logMin || 1;
  const lrAt = (x: number): number => 10 ** (logMin + (Math.min(width, Math.max(0, x)) / width) * logSpan);
  return {
    width, min, max, lrAt,
    px: (lr) => (width * (Math.log10(lr) - logMin)) / logSpan,
    inRange: (lr): lr is number => lr !== null && lr !== undefined && lr >= min && lr <= max,
    box: (left, right, top, fontSize = LABEL_FONT_SIZE) => ({
      from: roundSig(lrAt(left - 2)),
      to: roundSig(lrAt(right + 2)),
      y: roundSig(top - 1, 5),
      y2: roundSig(top + fontSize + 2, 5),
    }),
  };
}

function pyOf(y: LossScale): (loss: number) => number {
  const height = y.curveBottom - y.curveTop;
  return (loss) => y.curveTop + height * (1 - (loss - y.lo) / (y.hi - y.lo));
}

const orNull = (v: number | undefined): number | null => (v !== undefined && Number.isFinite(v) ? roundSig(v) : null);

/** Top band: each bound's label on the outer side of its line (max lr's to the right, min lr's to the left). */
function boundLabels(input: RangeTestCurveParts, x: LrScale): { rows: number; rules: Datum[]; boxes: Datum[]; lines: number[] } {
  const bounds = input.bounds;
  const picks: Array<{ lr: number; text: string; method: string; prefer: 'left' | 'right' }> = [];
  if (bounds !== null && x.inRange(bounds.maxLr)) picks.push({ lr: bounds.maxLr, text: `max lr ${formatLr(bounds.maxLr)}`, method: 'max lr', prefer: 'left' });
  if (bounds !== null && x.inRange(bounds.minLr)) picks.push({ lr: bounds.minLr, text: `min lr ${formatLr(bounds.minLr)}`, method: 'min lr', prefer: 'right' });
  const placed = layoutRuleLabels(picks.map((p) => ({ x: x.px(p.lr), text: p.text, bold: true, prefer: p.prefer })), { width: x.width, fontSize: LABEL_FONT_SIZE });
  const rules: Datum[] = [];
  const boxes: Datum[] = [];
  picks.forEach((p, i) => {
    const at = placed[i];
    if (at === undefined) return;
    const top = LABEL_TOP + at.row * ROW_HEIGHT;
    rules.push({ lr: roundSig(p.lr), method: p.method, role: 'recommendation', text: p.text, align: at.align, y: top });
    boxes.push(x.box(at.left, at.right, top));
  });
  return { rows: placed.reduce((m, p) => Math.max(m, p.row + 1), 0), rules, boxes, lines: picks.map((p) => x.px(p.lr)) };
}

interface RuleStrip {
  rules: Datum[];
  ruleMarks: Datum[];
  boxes: Datum[];
  captions: Datum[];
  probeTicks: Datum[];
  /** The strip's last pixel row; null when it has no rows. */
  bottom: number | null;
}

/** The strip under the curve: the peers' rules as named ticks, then one row of ticks per probe verdict. */
function ruleStrip(input: RangeTestCurveParts, probes: readonly { lr: number; passed: boolean }[], x: LrScale, y: LossScale): RuleStrip {
  const stripTop = y.curveBottom + STRIP_GAP;
  const peers = peerStrip(input, x, y, stripTop);
  const probeTop = stripTop + peers.rows * STRIP_ROW + (peers.rows > 0 ? 3 : 0);
  const probeRows = probeStrip(probes, x, probeTop);
  const rows = peers.rows + probeRows.rows;
  return {
    rules: peers.rules,
    ruleMarks: peers.ruleMarks,
    boxes: peers.boxes,
    captions: [...peers.captions, ...probeRows.captions],
    probeTicks: probeRows.ticks,
    bottom: rows > 0 ? probeTop + probeRows.rows * STRIP_ROW + 2 : null,
  };
}

/** Each peer rule as a tick with its name (the bounds' lines end above it). Rules that pick the same
 * (printed) lr share one label; none are drawn for a curve without bounds. */
function peerStrip(input: RangeTestCurveParts, x: LrScale, y: LossScale, stripTop: number) {
  const picks = input.bounds === null ? [] : peerRuleLabels(input.picks).filter((p) => x.inRange(p.lr));
  const captionWidth = measureText(PEER_CAPTION, STRIP_FONT_SIZE);
  const placed = layoutRuleLabels(picks.map((p) => ({ x: x.px(p.lr), text: p.text })), {
    width: x.width,
    fontSize: STRIP_FONT_SIZE,
    withTick: true,
    reservedInRow: [[0, 0, captionWidth + 4]],
  });
  const rows = placed.reduce((m, p) => Math.max(m, p.row + 1), 0);
  const rowTop = (row: number): number => stripTop + row * STRIP_ROW;
  const rules: Datum[] = [];
  const boxes: Datum[] = [];
  const ruleMarks: Datum[] = [];
  picks.forEach((p, i) => {
    const at = placed[i];
    if (at === undefined) return;
    const top = rowTop(at.row);
    rules.push({ lr: roundSig(p.lr), method: p.method, role: 'suggestion', text: p.text, align: at.align, y: top, tickY: top - 1, tickY2: top + STRIP_ROW - 2 });
    boxes.push(x.box(at.left, at.right, top, STRIP_FONT_SIZE));
    const onCurve = smoothedAt(p.lr, input.curve.lrs, input.smoothedLosses);
    if (onCurve !== null && onCurve >= y.lo && onCurve <= y.hi) ruleMarks.push({ lr: roundSig(p.lr), smoothed: roundSig(onCurve), method: p.method });
  });
  const captions: Datum[] = rows > 0 ? [{ lr: roundSig(x.lrAt(2)), y: rowTop(0), text: PEER_CAPTION, align: 'left', kind: 'peer' }] : [];
  return { rows, rules, boxes, ruleMarks, captions };
}

/** One row of ticks per verdict (trained first), captioned beside its ticks. */
function probeStrip(probes: readonly { lr: number; passed: boolean }[], x: LrScale, top0: number): { rows: number; ticks: Datum[]; captions: Datum[] } {
  const verdicts = (['passed', 'failed'] as const).filter((v) => probes.some((p) => p.passed === (v === 'passed')));
  const ticks: Datum[] = [];
  const captions: Datum[] = [];
  verdicts.forEach((verdict, row) => {
    const top = top0 + row * STRIP_ROW;
    const inRow = probes.filter((p) => p.passed === (verdict === 'passed')).map((p) => p.lr);
    for (const lr of inRow) ticks.push({ lr: roundSig(lr), series: PROBE_SERIES[verdict], y: top - 1, y2: top + STRIP_ROW - 3 });
    const lowest = minOf(inRow);
    const highest = maxOf(inRow);
    const span = lowest === highest ? formatLr(lowest) : `${formatLr(lowest)} – ${formatLr(highest)}`;
    const text = `${verdict === 'passed' ? 'probe trained' : 'probe failed'} ${span}`;
    const w = measureText(text, STRIP_FONT_SIZE);
    // Left of the row's ticks when there is room, else right of them.
    const left = x.px(lowest) - 6 - w >= 2 ? x.px(lowest) - 6 - w : Math.min(x.width - w - 2, x.px(highest) + 6);
    captions.push({ lr: roundSig(x.lrAt(left)), y: top, text, align: 'left', kind: verdict });
  });
  return { rows: verdicts.length, ticks, captions };
}

/** Where the smoothed curve diverges, labelled where the label hides neither the curve nor the bounds' lines. */
function divergenceLabel(input: RangeTestCurveParts, x: LrScale, y: LossScale, probeEdge: number | null, boundLines: readonly number[]): { datum: Datum; box: Datum } | null {
  const i = input.divergenceIndex;
  const divLr = i === null ? undefined : input.curve.lrs[i];
  const divLoss = i === null ? undefined : input.smoothedLosses[i];
  if (divLr === undefined || divLoss === undefined || !Number.isFinite(divLoss)) return null;
  const loss = Math.min(Math.max(divLoss, y.lo), y.hi);
  const trainedThere = probeEdge !== null && probeEdge >= divLr;
  // "sweep": the probes (named in the subtitle) trained at this lr or above it.
  const text = `${trainedThere ? "sweep's loss rises from" : 'loss rises from'} ${formatLr(divLr)}`;
  // The bounds' lines are obstacles too (drawn over label boxes, so crossing one costs a few points' worth).
  const height = y.curveBottom - y.curveTop;
  const lines = boundLines.flatMap((lineX) => Array.from({ length: Math.ceil(height / 2) }, (_, k): Obstacle => [lineX, y.curveTop + 2 * k, 1]));
  const spot = placePointLabel(x.px(divLr), pyOf(y)(loss), text, [...curvePixels(input, x, y), ...lines], {
    width: x.width, height: y.curveBottom, minTop: y.curveTop + 2, fontSize: LABEL_FONT_SIZE,
  });
  return {
    datum: { lr: roundSig(divLr), loss: roundSig(loss), text, labelLr: roundSig(x.lrAt((spot.left + spot.right) / 2)), labelY: roundSig(spot.top, 5) },
    box: x.box(spot.left, spot.right, spot.top),
  };
}

/** The curve in pixels, sampled densely enough that a label box cannot hide a segment unnoticed; a raw point weighs 2 line samples. */
function curvePixels(input: RangeTestCurveParts, x: LrScale, y: LossScale): Obstacle[] {
  const { lrs, losses } = input.curve;
  const py = pyOf(y);
  const pts: Obstacle[] = [];
  const inside = (loss: number): boolean => loss >= y.lo && loss <= y.hi;
  lrs.forEach((lr, i) => {
    const raw = losses[i];
    if (raw !== undefined && Number.isFinite(raw) && inside(raw)) pts.push([x.px(lr), py(raw), 2]);
    const a = input.smoothedLosses[i];
    const b = input.smoothedLosses[i + 1];
    const next = lrs[i + 1];
    if (a === undefined || !Number.isFinite(a)) return;
    if (next === undefined || b === undefined || !Number.isFinite(b)) {
      pts.push([x.px(lr), py(a)]);
      return;
    }
    for (let k = 0; k < 8; k++) pts.push([x.px(lr) + ((x.px(next) - x.px(lr)) * k) / 8, py(a + ((b - a) * k) / 8)]);
  });
  return pts;
}

/** The runs' spread band, kept inside the window: resvg cannot clip shapes that lie wholly outside their clip box. */
function aggregateRows(input: RangeTestCurveParts, x: LrScale, y: LossScale): Datum[] {
  const agg = input.aggregate;
  if (!agg) return [];
  const clamp = (v: number): number => roundSig(Math.min(y.hi, Math.max(y.lo, v)));
  const rows: Datum[] = [];
  agg.lrs.forEach((lr, i) => {
    const lower = agg.lower[i];
    const upper = agg.upper[i];
    if (!x.inRange(lr) || lower === undefined || upper === undefined || !Number.isFinite(lower) || !Number.isFinite(upper)) return;
    rows.push({ lr: roundSig(lr), lower: clamp(lower), upper: clamp(upper) });
  });
  return rows;
}

/** The regions as bands whose edges lie halfway (geometrically) between neighbouring points, so adjacent bands touch. */
function regionBands(input: RangeTestCurveParts, lrs: readonly number[], xMin: number, xMax: number): Datum[] {
  const mid = (i: number, fallback: number): number => {
    const a = lrs[i];
    const b = lrs[i + 1];
    return a !== undefined && b !== undefined ? Math.sqrt(a * b) : fallback;
  };
  return input.regions
    .map((r) => ({
      region: REGION_LABELS[r.kind],
      from: r.startIndex <= 0 ? xMin : Math.max(xMin, mid(r.startIndex - 1, r.minLr)),
      to: r.endIndex >= lrs.length - 1 ? xMax : Math.min(xMax, mid(r.endIndex, r.maxLr)),
    }))
    .filter((b) => b.to > b.from)
    .map((b) => ({ region: b.region, from: roundSig(b.from), to: roundSig(b.to) }));
}

/** One label per printed lr, in lr order: "steep, steepest 0.14". */
function peerRuleLabels(picks: RangeTestReportInput['picks']): Array<{ lr: number; method: string; text: string }> {
  const byLr = new Map<string, { lr: number; methods: string[] }>();
  for (const method of Object.keys(picks).sort()) {
    const lr = picks[method]?.lr ?? null;
    if (lr === null || !Number.isFinite(lr)) continue;
    const key = formatLr(lr);
    const group = byLr.get(key) ?? { lr, methods: [] };
    group.methods.push(method);
    byLr.set(key, group);
  }
  return [...byLr.entries()]
    .map(([printed, g]) => ({ lr: g.lr, method: g.methods.join(', '), text: `${g.methods.join(', ')} ${printed}` }))
    .sort((a, b) => a.lr - b.lr);
}

/** The smoothed loss at `lr`, interpolated on the log-lr axis; null where it is not finite. */
function smoothedAt(lr: number, lrs: readonly number[], smoothed: readonly number[]): number | null {
  for (let i = 0; i < lrs.length; i++) {
    const a = lrs[i] ?? Number.NaN;
    const b = lrs[i + 1];
    const ya = smoothed[i] ?? Number.NaN;
    if (lr === a) return Number.isFinite(ya) ? ya : null;
    if (b !== undefined && lr > a && lr < b) {
      const yb = smoothed[i + 1] ?? Number.NaN;
      if (!Number.isFinite(ya) || !Number.isFinite(yb)) return null;
      const t = (Math.log(lr) - Math.log(a)) / (Math.log(b) - Math.log(a));
      return ya + (yb - ya) * t;
    }
  }
  return null;
}
