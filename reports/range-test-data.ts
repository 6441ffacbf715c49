// The numbers behind the range-test report: rounded datasets, the y window and where each label
// goes. Text positions are computed here, in pixels, because vega-lite cannot avoid overlaps itself.
import type { Analysis, Bounds, RegionKind } from '../src/types.js';
import { formatLr, roundSig } from './format.js';
import { layoutRuleLabels, placePointLabel } from './label-layout.js';
import type { Datum } from './spec-types.js';
import { LABEL_FONT_SIZE } from './theme.js';

/** A confirmation probe as the report draws it: at its lr, marked trained or failed. */
export interface ReportProbe {
  lr: number;
  passed: boolean;
}

export type RangeTestCurveParts = Pick<
  Analysis,
  'curve' | 'smoothedLosses' | 'regions' | 'suggestions' | 'divergenceIndex' | 'aggregate'
> & {
  /** The bounds to draw: a finder result's `bounds` (confirmed when probes ran), or a curve's `curveBounds`. */
  bounds: Bounds | null;
  /** Confirmation probes (`confirmMaxLr`), drawn as a rug at their lrs. */
  probes?: readonly ReportProbe[];
};

export interface RangeTestGeometry {
  width: number;
  height: number;
  clipFactor: number;
}

export interface RangeTestData {
  /** `probes` only when the input had probes, so specs without them stay as they were. */
  datasets: Record<'curve' | 'regions' | 'rules' | 'labelBoxes' | 'divergence' | 'aggregate', Datum[]> & { probes?: Datum[] };
  xDomain: [number, number];
  yDomain: [number, number];
  /** `height` plus the strip for the rule labels. */
  plotHeight: number;
  /** The highest loss when the y axis cuts it off, else null. */
  clippedAt: number | null;
  /** The top of the y window before room was made for labels. */
  yCut: number;
}

export const REGION_LABELS: Record<RegionKind, string> = { 'too-small': 'too small', good: 'good', 'too-large': 'too large' };
/** The legend entries of the confirmation probes. */
export const PROBE_SERIES = { passed: 'probe: trained', failed: 'probe: failed' } as const;
const ROW_HEIGHT = 14;
const LABEL_TOP = 4;

export function finite(xs: Iterable<number>): number[] {
  return [...xs].filter((x) => Number.isFinite(x));
}

/**
 * The y window: from just under the lowest loss to the highest, but never above `clipFactor` × the
 * first smoothed loss, so a loss that explodes at the end does not flatten the interesting part.
 */
function yWindow(input: RangeTestCurveParts, clipFactor: number): { lo: number; hi: number; clippedAt: number | null } {
  const smoothed = finite(input.smoothedLosses);
  // Raw losses after divergence say nothing about the low end; before it, all of them count.
  const end = input.divergenceIndex === null ? input.curve.losses.length : input.divergenceIndex + 1;
  const rawBefore = finite(input.curve.losses.slice(0, end));
  const agg = input.aggregate;
  const highs = [...smoothed, ...finite(input.curve.losses), ...finite(agg?.upper ?? [])];
  const lows = [...smoothed, ...rawBefore, ...finite(agg?.lower ?? [])];
  const start = smoothed[0] ?? 1;
  const cap = start > 0 ? start * clipFactor : Number.POSITIVE_INFINITY;
  const hi = Math.min(Math.max(...highs), cap);
  const low = Math.min(...lows);
  let lo = low - (hi - low) * 0.05;
  if (lo < 0 && low >= 0) lo = 0;
  const top = Math.max(...finite([...input.curve.losses, ...input.smoothedLosses, ...(agg?.upper ?? [])]));
  return { lo, hi: hi > lo ? hi : lo + 1, clippedAt: top > hi ? top : null };
}

/** Everything the spec draws, rounded so the spec stays small and stable. */
export function rangeTestData(input: RangeTestCurveParts, geometry: RangeTestGeometry): RangeTestData {
  const { width, height, clipFactor } = geometry;
  const { lrs, losses } = input.curve;
  const xMin = Math.min(...lrs);
  const xMax = Math.max(...lrs);
  const logMin = Math.log10(xMin);
  const logSpan = Math.log10(xMax) - logMin || 1;
  const px = (lr: number): number => (width * (Math.log10(lr) - logMin)) / logSpan;
  const lrAt = (x: number): number => 10 ** (logMin + (Math.min(width, Math.max(0, x)) / width) * logSpan);
  const inRange = (lr: number | null): lr is number => lr !== null && lr >= xMin && lr <= xMax;
  const orNull = (x: number | undefined): number | null => (x !== undefined && Number.isFinite(x) ? roundSig(x) : null);

  const curve: Datum[] = lrs.map((lr, i) => ({ lr: roundSig(lr), loss: orNull(losses[i]), smoothed: orNull(input.smoothedLosses[i]) }));

  // Regions: band edges halfway (geometrically) between neighbouring points, so adjacent bands touch.
  const mid = (i: number, fallback: number): number => {
    const a = lrs[i];
    const b = lrs[i + 1];
    return a !== undefined && b !== undefined ? Math.sqrt(a * b) : fallback;
  };
  const regions: Datum[] = input.regions.map((r) => ({
    region: REGION_LABELS[r.kind],
    from: roundSig(r.startIndex <= 0 ? xMin : Math.max(xMin, mid(r.startIndex - 1, r.minLr))),
    to: roundSig(r.endIndex >= lrs.length - 1 ? xMax : Math.min(xMax, mid(r.endIndex, r.maxLr))),
  }));

  // Rules: the recommended bounds first (they get the top label rows), then each rule's pick by name.
  const picks: Array<{ lr: number; text: string; role: 'recommendation' | 'suggestion'; method: string }> = [];
  const rec = input.bounds;
  if (rec !== null && inRange(rec.maxLr)) picks.push({ lr: rec.maxLr, text: `max lr ${formatLr(rec.maxLr)}`, role: 'recommendation', method: 'max lr' });
  if (rec !== null && inRange(rec.minLr)) picks.push({ lr: rec.minLr, text: `min lr ${formatLr(rec.minLr)}`, role: 'recommendation', method: 'min lr' });
  for (const method of Object.keys(input.suggestions).sort()) {
    const lr = input.suggestions[method]?.lr ?? null;
    if (inRange(lr)) picks.push({ lr, text: `${method} ${formatLr(lr)}`, role: 'suggestion', method });
  }
  const placed = layoutRuleLabels(
    picks.map((p) => ({ x: px(p.lr), text: p.text, bold: p.role === 'recommendation' })),
    { width, fontSize: LABEL_FONT_SIZE },
  );
  // A white box behind each label (pixel extent → lr extent), so rules and points never run through text.
  const labelBoxes: Datum[] = [];
  const box = (left: number, right: number, top: number): Datum => ({
    from: roundSig(lrAt(left - 2)),
    to: roundSig(lrAt(right + 2)),
    y: roundSig(top - 1, 4),
    y2: roundSig(top + LABEL_FONT_SIZE + 2, 4),
  });
  const rules: Datum[] = [];
  picks.forEach((p, i) => {
    const at = placed[i];
    if (at === undefined) return;
    const top = LABEL_TOP + at.row * ROW_HEIGHT;
    rules.push({ lr: roundSig(p.lr), method: p.method, role: p.role, text: p.text, align: at.align, y: top });
    labelBoxes.push(box(at.left, at.right, top));
  });
  const labelRows = placed.reduce((m, p) => Math.max(m, p.row + 1), 0);

  // Room above the curve for the label rows.
  const y = yWindow(input, clipFactor);
  // The label rows get their own strip above the curve: the plot grows, the curve keeps `height` px.
  const headroom = labelRows * ROW_HEIGHT + (labelRows > 0 ? LABEL_TOP + 4 : 0);
  const plotHeight = height + headroom;
  const yDomain: [number, number] = [roundSig(y.lo, 4), roundSig(y.hi + ((y.hi - y.lo) * headroom) / height, 4)];
  const py = (loss: number): number => plotHeight * (1 - (loss - yDomain[0]) / (yDomain[1] - yDomain[0]));

  // The curve in pixels, sampled densely enough that a label box cannot hide a segment unnoticed.
  const obstacles = (): Array<[number, number]> => {
    const pts: Array<[number, number]> = [];
    const inside = (loss: number): boolean => loss >= yDomain[0] && loss <= yDomain[1];
    lrs.forEach((lr, i) => {
      const raw = losses[i];
      if (raw !== undefined && Number.isFinite(raw) && inside(raw)) pts.push([px(lr), py(raw)]);
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
  };
  const divergence: Datum[] = [];
  const divIndex = input.divergenceIndex;
  const divLr = divIndex === null ? undefined : lrs[divIndex];
  const divLoss = divIndex === null ? undefined : input.smoothedLosses[divIndex];
  if (divLr !== undefined && divLoss !== undefined && Number.isFinite(divLoss)) {
    const loss = Math.min(divLoss, y.hi);
    const text = `diverges at ${formatLr(divLr)}`;
    // Beside the marker where it hides the least of the curve, below the rule labels.
    const spot = placePointLabel(px(divLr), py(loss), text, obstacles(), {
      width,
      height: plotHeight,
      minTop: labelRows > 0 ? LABEL_TOP + labelRows * ROW_HEIGHT + 2 : 0,
      fontSize: LABEL_FONT_SIZE,
    });
    const cx = (spot.left + spot.right) / 2;
    divergence.push({ lr: roundSig(divLr), loss: roundSig(loss), text, labelLr: roundSig(lrAt(cx)), labelY: roundSig(spot.top, 4) });
    labelBoxes.push(box(spot.left, spot.right, spot.top));
  }

  const aggregate: Datum[] = [];
  const agg = input.aggregate;
  agg?.lrs.forEach((lr, i) => {
    const lower = agg.lower[i];
    const upper = agg.upper[i];
    if (!inRange(lr) || lower === undefined || upper === undefined || !Number.isFinite(lower) || !Number.isFinite(upper)) return;
    // Kept inside the window: resvg cannot clip shapes that lie wholly outside their clip box.
    const clamp = (v: number): number => roundSig(Math.min(yDomain[1], Math.max(yDomain[0], v)));
    aggregate.push({ lr: roundSig(lr), lower: clamp(lower), upper: clamp(upper) });
  });

  // Probes as a rug just above the x axis: where they were and whether they trained. Their end
  // losses (often far below the sweep's, or NaN) would squash the curve; the report lists them.
  const rugY = roundSig(y.lo + 0.04 * (y.hi - y.lo), 4);
  const probes: Datum[] = (input.probes ?? []).filter((p) => inRange(p.lr)).map((p) => ({
    lr: roundSig(p.lr),
    loss: rugY,
    series: p.passed ? PROBE_SERIES.passed : PROBE_SERIES.failed,
  }));

  return {
    datasets: { curve, regions, rules, labelBoxes, divergence, aggregate, ...(input.probes ? { probes } : {}) },
    xDomain: [roundSig(xMin), roundSig(xMax)],
    yDomain,
    plotHeight,
    clippedAt: y.clippedAt,
    yCut: y.hi,
  };
}
