// Places text labels next to vertical rules so that no two overlap: each label goes to the first
// row (from the top) where it clears every label already there. Pure arithmetic on pixel boxes.
import { measureText } from './text-metrics.js';

export interface RuleLabel {
  /** Pixel x of the rule the label belongs to. */
  x: number;
  text: string;
  /** @default false */
  bold?: boolean;
  /**
   * The side of the rule the text goes on when it fits there ('left' aligns the text's start on the
   * rule, so the text lies right of it; 'right', left of it): bounds put their labels outside the
   * span between them, so a label never sits nearer the other rule than its own.
   * @default 'left'
   */
  prefer?: 'left' | 'right';
}

export interface PlacedLabel extends RuleLabel {
  /** 0 for the top row. */
  row: number;
  /** Pixel extent of the text. */
  left: number;
  right: number;
  /** 'left' when the text starts right of the rule, 'right' when it ends left of it. */
  align: 'left' | 'right';
}

export interface LabelLayoutOptions {
  /** Plot width in px (labels never cross it). */
  width: number;
  /** @default 11 */
  fontSize?: number;
  /** Distance between rule and text, px. @default 4 */
  offset?: number;
  /** Minimum horizontal space between two labels in a row, px. @default 6 */
  gap?: number;
  /** Extents taken in one row only (e.g. a caption): [row, left, right]. */
  reservedInRow?: Array<[number, number, number]>;
  /** The rule's own pixel counts as part of its label (a tick drawn beside the text). @default false */
  withTick?: boolean;
}

/** Rows for `labels`, placed in the input order (so put the important ones first: they get the top rows). */
export function layoutRuleLabels(labels: RuleLabel[], options: LabelLayoutOptions): PlacedLabel[] {
  const fontSize = options.fontSize ?? 11;
  const offset = options.offset ?? 4;
  const gap = options.gap ?? 6;
  // Each row's taken extents, the reserved ones first.
  const placed: Array<Array<[number, number]>> = [];
  for (const [row, l, r] of options.reservedInRow ?? []) {
    while (placed.length <= row) placed.push([]);
    placed[row]?.push([l, r]);
  }
  const apart = (a: [number, number], boxes: Array<[number, number]>) => boxes.every(([l, r]) => a[0] >= r + gap || a[1] <= l - gap);
  return labels.map((label) => {
    const w = measureText(label.text, fontSize, label.bold ?? false);
    const fitsRight = label.x + offset + w <= options.width;
    const fitsLeft = label.x - offset - w >= 0;
    const align = (label.prefer ?? 'left') === 'right' ? (fitsLeft || !fitsRight ? 'right' : 'left') : fitsRight ? 'left' : 'right';
    const box: [number, number] = align === 'left' ? [label.x + offset, label.x + offset + w] : [label.x - offset - w, label.x - offset];
    const taken: [number, number] = options.withTick ? [Math.min(box[0], label.x - 1), Math.max(box[1], label.x + 1)] : box;
    let row = 0;
    while (!apart(taken, placed[row] ?? [])) row++;
    while (placed.length <= row) placed.push([]);
    placed[row]?.push(taken);
    return { ...label, row, align, left: box[0], right: box[1] };
  });
}

export interface Box {
  left: number;
  top: number;
  right: number;
  bottom: number;
}

/** A pixel point a label should not cover, and how much covering it costs (default 1). */
export type Obstacle = [x: number, y: number, weight?: number];

export interface PointLabelOptions {
  /** Plot size in px: the label stays inside. */
  width: number;
  height: number;
  /** Nothing is placed above this y (px), e.g. under the rule labels. @default 0 */
  minTop?: number;
  /** @default 11 */
  fontSize?: number;
  /** Room kept around the marker, px. @default 9 */
  gap?: number;
  /** How far from the marker the label may go, px. @default 48 */
  reach?: number;
}

/**
 * Where to put a label next to a marker at (x, y): of the spots within `reach` px of the marker
 * (on a 4-px grid), the one covering the least weight of `obstacles` (pixel points, e.g. the curve
 * and the bounds' lines sampled densely), the nearest of those, below before above. Returns the text's box.
 */
export function placePointLabel(x: number, y: number, text: string, obstacles: Array<Obstacle>, options: PointLabelOptions): Box {
  const fontSize = options.fontSize ?? 11;
  const gap = options.gap ?? 9;
  const reach = options.reach ?? 48;
  const minTop = options.minTop ?? 0;
  const w = measureText(text, fontSize);
  const h = fontSize + 2;
  const clampBox = (l: number, t: number): Box => {
    const left = Math.min(options.width - w - 2, Math.max(2, l));
    const top = Math.min(options.height - h - 1, Math.max(minTop, t));
    return { left, top, right: left + w, bottom: top + h };
  };
  // Only obstacles near the marker can matter.
  const near = obstacles.filter(([ox, oy]) => ox >= x - w - reach - 8 && ox <= x + w + reach + 8 && oy >= y - h - reach - 8 && oy <= y + h + reach + 8);
  const cost = (b: Box): number => {
    // Closer than `gap` to the marker counts as covering it.
    const away = distance(b, x, y);
    const onMarker = away < gap - 1e-9 ? 1 : 0;
    let covered = 0;
    for (const [ox, oy, weight = 1] of near) if (ox >= b.left - 3 && ox <= b.right + 3 && oy >= b.top - 3 && oy <= b.bottom + 3) covered += weight;
    // One unit of cover is worth 25 px of distance: a free spot a little further beats a crowded one.
    return (covered + 10 * onMarker) * 25 + away + (b.top < y ? 0.5 : 0);
  };
  let best = clampBox(x - w / 2, y + gap);
  let bestCost = cost(best);
  for (let top = y - reach - h; top <= y + reach; top += 4) {
    for (let left = x - w - reach; left <= x + reach; left += 4) {
      const b = clampBox(left, top);
      const c = cost(b);
      if (c < bestCost) {
        best = b;
        bestCost = c;
      }
    }
  }
  return best;
}

/** How far the box lies from the point (0 when the point is inside it). */
function distance(b: Box, x: number, y: number): number {
  const dx = Math.max(b.left - x, 0, x - b.right);
  const dy = Math.max(b.top - y, 0, y - b.bottom);
  return Math.hypot(dx, dy);
}
