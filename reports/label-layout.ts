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
}

/** Rows for `labels`, placed in the input order (so put the important ones first: they get the top rows). */
export function layoutRuleLabels(labels: RuleLabel[], options: LabelLayoutOptions): PlacedLabel[] {
  const fontSize = options.fontSize ?? 11;
  const offset = options.offset ?? 4;
  const gap = options.gap ?? 6;
  const rows: Array<Array<[number, number]>> = [];
  return labels.map((label) => {
    const w = measureText(label.text, fontSize, label.bold ?? false);
    const align = label.x + offset + w <= options.width ? 'left' : 'right';
    const box: [number, number] = align === 'left' ? [label.x + offset, label.x + offset + w] : [label.x - offset - w, label.x - offset];
    let row = rows.findIndex((boxes) => boxes.every(([l, r]) => box[0] >= r + gap || box[1] <= l - gap));
    if (row < 0) {
      row = rows.length;
      rows.push([]);
    }
    rows[row]?.push(box);
    return { ...label, row, align, left: box[0], right: box[1] };
  });
}
