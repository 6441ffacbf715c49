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
  const { width, height, clipFactor } = geometry;
  const { lrs, losses } = input.curve;
  const xMin = minOf(lrs);
  const xMax = maxOf(lrs);
  const logMin = Math.log10(xMin);
  const logSpan = Math.log10(xMax) - logMin || 1;
  const px = (lr: number): number => (width * (Math.log10(lr) - logMin)) / logSpan;
  const lrAt = (x: number): number => 10 ** (logMin + (Math.min(width, Math.max(0, x)) / width) * logSpan);
  const inRange = (lr: number | null | undefined): lr is number => lr !== null && lr !== undefined && lr >= xMin && lr <= xMax;
  const orNull = (x: number | undefined): number | null => (x !== undefined && Number.isFinite(x) ? roundSig(x) : null);
  const box = (left: number, right: number, top: number, fontSize = LABEL_FONT_SIZE): Datum => ({
    from: roundSig(lrAt(left - 2)),
    to: roundSig(lrAt(right + 2)),
    y: roundSig(top - 1, 5),
    y2: roundSig(top + fontSize + 2, 5),
  });

  const win = curveWindow(input, clipFactor);
  const [lo, hi] = [win.lo, win.hi];
  const curve: Datum[] = lrs.map((lr, i) => ({ lr: roundSig(lr), loss: orNull(losses[i]), smoothed: orNull(input.smoothedLosses[i]) }));

  // The largest lr a probe trained at (the regions already agree with the probes: see regionsAfterProbes).
  const probes = (input.probes ?? []).filter((p) => inRange(p.lr));
  const trained = probes.filter((p) => p.passed).map((p) => p.lr);
  const probeEdge = trained.length > 0 ? maxOf(trained) : null;

  const regions = regionBands(input, lrs, xMin, xMax);

  // Top band: the bounds' labels, next to their rules.
  const bounds = input.bounds;
  // Each bound's label on the outer side of its line (max lr's to the right, min lr's to the left).
  const boundPicks: Array<{ lr: number; text: string; method: string; prefer: 'left' | 'right' }> = [];
  if (bounds !== null && inRange(bounds.maxLr)) boundPicks.push({ lr: bounds.maxLr, text: `max lr ${formatLr(bounds.maxLr)}`, method: 'max lr', prefer: 'left' });
  if (bounds !== null && inRange(bounds.minLr)) boundPicks.push({ lr: bounds.minLr, text: `min lr ${formatLr(bounds.minLr)}`, method: 'min lr', prefer: 'right' });
  const boundPlaced = layoutRuleLabels(boundPicks.map((p) => ({ x: px(p.lr), text: p.text, bold: true, prefer: p.prefer })), { width, fontSize: LABEL_FONT_SIZE });
  const boundRows = boundPlaced.reduce((m, p) => Math.max(m, p.row + 1), 0);
  const curveTop = boundRows > 0 ? LABEL_TOP + boundRows * ROW_HEIGHT + 4 : 0;
  const curveBottom = curveTop + height;

  // Bottom strip, first part: each peer rule as a tick with its name (the bounds' lines end above it).
  // Rules that pick the same (printed) lr share one label; none are drawn for a curve without bounds.
  const peerPicks = bounds === null ? [] : peerRuleLabels(input.picks).filter((p) => inRange(p.lr));
  const captionWidth = measureText(PEER_CAPTION, STRIP_FONT_SIZE);
  const peerPlaced = layoutRuleLabels(
    peerPicks.map((p) => ({ x: px(p.lr), text: p.text })),
    {
      width,
      fontSize: STRIP_FONT_SIZE,
      withTick: true,
      reservedInRow: [[0, 0, captionWidth + 4]],
    },
  );
  const peerRows = peerPlaced.reduce((m, p) => Math.max(m, p.row + 1), 0);
  const stripTop = curveBottom + STRIP_GAP;
  const peerTop = (row: number): number => stripTop + row * STRIP_ROW;

  // Second part: one row of ticks per verdict, captioned beside the ticks.
  const probeRows = (['passed', 'failed'] as const).filter((v) => probes.some((p) => p.passed === (v === 'passed')));
  const probeTop = (row: number): number => stripTop + peerRows * STRIP_ROW + (peerRows > 0 ? 3 : 0) + row * STRIP_ROW;
  const stripRows = peerRows + probeRows.length;
  const plotHeight = stripRows > 0 ? probeTop(probeRows.length) + 2 : curveBottom;

  const unit = (hi - lo) / height;
  const yDomain: [number, number] = [roundSig(lo - (plotHeight - curveBottom) * unit, 6), roundSig(hi + curveTop * unit, 6)];
  const py = (loss: number): number => curveTop + height * (1 - (loss - lo) / (hi - lo));

  const labelBoxes: Datum[] = [];
  const rules: Datum[] = [];
  boundPicks.forEach((p, i) => {
    const at = boundPlaced[i];
    if (at === undefined) return;
    const top = LABEL_TOP + at.row * ROW_HEIGHT;
    rules.push({ lr: roundSig(p.lr), method: p.method, role: 'recommendation', text: p.text, align: at.align, y: top });
    labelBoxes.push(box(at.left, at.right, top));
  });
  const ruleMarks: Datum[] = [];
  peerPicks.forEach((p, i) => {
    const at = peerPlaced[i];
    if (at === undefined) return;
    const top = peerTop(at.row);
    rules.push({
      lr: roundSig(p.lr), method: p.method, role: 'suggestion', text: p.text, align: at.align,
      y: top, tickY: top - 1, tickY2: top + STRIP_ROW - 2,
    });
    labelBoxes.push(box(at.left, at.right, top, STRIP_FONT_SIZE));
    const onCurve = smoothedAt(p.lr, lrs, input.smoothedLosses);
    if (onCurve !== null && onCurve >= lo && onCurve <= hi) ruleMarks.push({ lr: roundSig(p.lr), smoothed: roundSig(onCurve), method: p.method });
  });

  const captions: Datum[] = [];
  if (peerRows > 0) captions.push({ lr: roundSig(lrAt(2)), y: peerTop(0), text: PEER_CAPTION, align: 'left', kind: 'peer' });
  const probeTicks: Datum[] = [];
  probeRows.forEach((verdict, row) => {
    const top = probeTop(row);
    const inRow = probes.filter((p) => p.passed === (verdict === 'passed')).map((p) => p.lr);
    for (const lr of inRow) {
      probeTicks.push({ lr: roundSig(lr), series: PROBE_SERIES[verdict], y: top - 1, y2: top + STRIP_ROW - 3 });
    }
    const lowest = minOf(inRow);
    const highest = maxOf(inRow);
    const span = lowest === highest ? formatLr(lowest) : `${formatLr(lowest)} – ${formatLr(highest)}`;
    const text = `${verdict === 'passed' ? 'probe trained' : 'probe failed'} ${span}`;
    const w = measureText(text, STRIP_FONT_SIZE);
    // Left of the row's ticks when there is room, else right of them.
    const left = px(lowest) - 6 - w >= 2 ? px(lowest) - 6 - w : Math.min(width - w - 2, px(highest) + 6);
    captions.push({ lr: roundSig(lrAt(left)), y: top, text, align: 'left', kind: verdict });
  });

  const divergence = divergenceLabel();
  function divergenceLabel(): Datum[] {
    const i = input.divergenceIndex;
    const divLr = i === null ? undefined : lrs[i];
    const divLoss = i === null ? undefined : input.smoothedLosses[i];
    if (divLr === undefined || divLoss === undefined || !Number.isFinite(divLoss)) return [];
    const loss = Math.min(Math.max(divLoss, lo), hi);
    const trainedThere = probeEdge !== null && probeEdge >= divLr;
    // "sweep": the probes (named in the subtitle) trained at this lr or above it.
    const text = `${trainedThere ? 'sweep diverges' : 'diverges'} at ${formatLr(divLr)}`;
    // The bounds' lines are obstacles too (drawn over label boxes, so crossing one costs a few points' worth).
    const lines = boundPicks.flatMap((p) => Array.from({ length: Math.ceil(height / 2) }, (_, k): Obstacle => [px(p.lr), curveTop + 2 * k, 1]));
    const spot = placePointLabel(px(divLr), py(loss), text, [...curvePixels(), ...lines], { width, height: curveBottom, minTop: curveTop + 2, fontSize: LABEL_FONT_SIZE });
    labelBoxes.push(box(spot.left, spot.right, spot.top));
    return [{ lr: roundSig(divLr), loss: roundSig(loss), text, labelLr: roundSig(lrAt((spot.left + spot.right) / 2)), labelY: roundSig(spot.top, 5) }];
  }

  /** The curve in pixels, sampled densely enough that a label box cannot hide a segment unnoticed; a raw point weighs 2 line samples. */
  function curvePixels(): Obstacle[] {
    const pts: Obstacle[] = [];
    const inside = (loss: number): boolean => loss >= lo && loss <= hi;
    lrs.forEach((lr, i) => {
      const raw = losses[i];
      if (raw !== undefined && Number.isFinite(raw) && inside(raw)) pts.push([px(lr), py(raw), 2]);
      const a = input.smoothedLosses[i];
      const b = input.smoothedLosses[i + 1];
      const next = lrs[i + 1];
      if (a === undefined || !Number.isFinite(a)) return;
      if (next === undefined || b === undefined || !Number.isFinite(b)) {
        pts.push([px(lr), py(a)]);
        return;
      }
      for (let k = 0; k < 8; k++) pts.push([px(lr) + ((px(next) - px(lr)) * k) / 8, py(a + ((b - a) * k) / 8)]);
    });
    return pts;
  }

  const aggregate: Datum[] = [];
  const agg = input.aggregate;
  agg?.lrs.forEach((lr, i) => {
    const lower = agg.lower[i];
    const upper = agg.upper[i];
    if (!inRange(lr) || lower === undefined || upper === undefined || !Number.isFinite(lower) || !Number.isFinite(upper)) return;
    // Kept inside the window: resvg cannot clip shapes that lie wholly outside their clip box.
    const clamp = (v: number): number => roundSig(Math.min(hi, Math.max(lo, v)));
    aggregate.push({ lr: roundSig(lr), lower: clamp(lower), upper: clamp(upper) });
  });

  const smoothedLine = smoothedPieces(lrs, input.smoothedLosses, lo, hi).map((p) => ({ lr: roundSig(p.lr), smoothed: roundSig(p.loss), piece: p.piece }));

  return {
    datasets: {
      curve, smoothedLine, regions, rules, ruleMarks, labelBoxes, divergence, aggregate, captions,
      ...(input.probes ? { probes: probeTicks } : {}),
    },
    xDomain: [roundSig(xMin), roundSig(xMax)],
    yDomain,
    lossWindow: [roundSig(lo, 6), roundSig(hi, 6)],
    pointTop: roundSig(win.top, 6),
    yTicks: niceTicks(lo, hi, 10),
    curveTop,
    curveBottom,
    plotHeight,
    cut: win.cut,
    probeEdge,
  };
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
