// Places text labels next to vertical rules so that no two overlap: each label goes to the first
// row (from the top) where it clears every label already there. Pure arithmetic on pixel boxes.
import { measureText } from './text-metrics.js';

export interface RuleLabel {
  /** Pixel x of the rule the label belongs to. */
  x: number;
  text: string;
  /** @default false */
  bold?: boolean;
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
  const rowReserved = options.reservedInRow ?? [];
  const placed: Array<Array<[number, number]>> = [];
  const apart = (a: [number, number], boxes: Array<[number, number]>) => boxes.every(([l, r]) => a[0] >= r + gap || a[1] <= l - gap);
  return labels.map((label) => {
    const w = measureText(label.text, fontSize, label.bold ?? false);
    const align = label.x + offset + w <= options.width ? 'left' : 'right';
    const box: [number, number] = align === 'left' ? [label.x + offset, label.x + offset + w] : [label.x - offset - w, label.x - offset];
    const taken: [number, number] = options.withTick ? [Math.min(box[0], label.x - 1), Math.max(box[1], label.x + 1)] : box;
    const inRow = (row: number) => rowReserved.filter(([r]) => r === row).map(([, l, r]): [number, number] => [l, r]);
    let row = 0;
    while (!apart(taken, [...(placed[row] ?? []), ...inRow(row)])) row++;
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

export interface PointLabelOptions {
  /** Plot size in px: the label stays inside. */
  width: number;
  height: number;
  /** Nothing is placed above this y (px), e.g. under the rule labels. @default 0 */
  minTop?: number;
  /** @default 11 */
  fontSize?: number;
  /** Distance from the marker, px. @default 9 */
  gap?: number;
}

/**
 * Where to put a label next to a marker at (x, y): the first of eight spots around it (below,
 * above, left, right, then the diagonals) that covers the fewest `obstacles` (pixel points, e.g.
 * the curve sampled densely). Returns the text's box; the text is centred in it.
 */
export function placePointLabel(x: number, y: number, text: string, obstacles: Array<[number, number]>, options: PointLabelOptions): Box {
  const fontSize = options.fontSize ?? 11;
  const gap = options.gap ?? 9;
  const minTop = options.minTop ?? 0;
  const w = measureText(text, fontSize);
  const h = fontSize + 2;
  const spots: Array<[number, number]> = [
    [x - w / 2, y + gap],
    [x - w / 2, y - gap - h],
    [x - gap - w, y - h / 2],
    [x + gap, y - h / 2],
    [x - 4 - w, y + gap],
    [x - 4 - w, y - gap - h],
    [x + 4, y + gap],
    [x + 4, y - gap - h],
  ];
  let best: Box | undefined;
  let bestScore = Number.POSITIVE_INFINITY;
  for (const [l, t] of spots) {
    const left = Math.min(options.width - w - 2, Math.max(2, l));
    const top = Math.min(options.height - h - 1, Math.max(minTop, t));
    const b = { left, top, right: left + w, bottom: top + h };
    // Covering the marker itself is as bad as covering three curve samples.
    const onMarker = x >= b.left - 4 && x <= b.right + 4 && y >= b.top - 4 && y <= b.bottom + 4 ? 3 : 0;
    const score = onMarker + obstacles.filter(([ox, oy]) => ox >= b.left - 3 && ox <= b.right + 3 && oy >= b.top - 3 && oy <= b.bottom + 3).length;
    if (score < bestScore) {
      best = b;
      bestScore = score;
    }
  }
  return best ?? { left: 0, top: minTop, right: w, bottom: minTop + h };
}
