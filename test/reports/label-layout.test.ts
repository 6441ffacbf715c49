import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { layoutRuleLabels, placePointLabel } from '../../reports/label-layout.js';

describe('layoutRuleLabels', () => {
  it('puts labels that would collide on different rows, first come first served', () => {
    const placed = layoutRuleLabels(
      [
        { x: 100, text: 'max lr 0.2', bold: true },
        { x: 105, text: 'valley 6.6e-2' },
        { x: 300, text: 'steep 1.6' },
      ],
      { width: 640 },
    );
    expect(placed.map((p) => p.row)).toEqual([0, 1, 0]);
    expect(placed.every((p) => p.align === 'left')).toBe(true);
  });

  it('turns a label left of its rule near the right edge', () => {
    const [p] = layoutRuleLabels([{ x: 630, text: 'steep 1.6' }], { width: 640 });
    expect(p?.align).toBe('right');
    expect(p?.right).toBeLessThanOrEqual(630);
  });

  it('never overlaps two labels of one row and keeps each inside the plot when it fits', () => {
    const label = fc.record({ x: fc.integer({ min: 0, max: 640 }), text: fc.string({ minLength: 1, maxLength: 14 }), bold: fc.boolean() });
    fc.assert(
      fc.property(fc.array(label, { maxLength: 12 }), (labels) => {
        const placed = layoutRuleLabels(labels, { width: 640 });
        for (const [i, a] of placed.entries()) {
          expect(a.left).toBeGreaterThanOrEqual(-1e-9 - 200);
          if (a.align === 'left') expect(a.right).toBeLessThanOrEqual(640);
          for (const b of placed.slice(i + 1)) {
            if (a.row === b.row) expect(a.right + 6 <= b.left + 1e-9 || b.right + 6 <= a.left + 1e-9).toBe(true);
          }
        }
      }),
      { seed: 7, numRuns: 200 },
    );
  });
});

describe('placePointLabel', () => {
  it('goes below the marker when nothing is there, and elsewhere when the curve is', () => {
    const free = placePointLabel(300, 100, 'diverges at 3.3', [], { width: 640, height: 360 });
    expect(free.top).toBeGreaterThan(100);
    // A curve running down-right below the marker: the label moves off it, and stays near the marker.
    const curve = Array.from({ length: 200 }, (_, i): [number, number] => [200 + i, 105 + i * 0.2]);
    const moved = placePointLabel(300, 100, 'diverges at 3.3', curve, { width: 640, height: 360 });
    expect(curve.filter(([cx, cy]) => cx >= moved.left && cx <= moved.right && cy >= moved.top && cy <= moved.bottom)).toEqual([]);
    expect(Math.max(moved.left - 300, 0, 300 - moved.right)).toBeLessThanOrEqual(48);
    // A vertical line (a bound) beside the marker: the label does not cross it.
    const line = Array.from({ length: 360 }, (_, k): [number, number] => [290, k]);
    const beside = placePointLabel(300, 100, 'diverges at 3.3', [...curve, ...line], { width: 640, height: 360 });
    expect(beside.left > 290 || beside.right < 290).toBe(true);
  });

  it('stays inside the plot and below minTop', () => {
    const b = placePointLabel(635, 2, 'diverges at 9.9', [], { width: 640, height: 360, minTop: 40 });
    expect(b.right).toBeLessThanOrEqual(640);
    expect(b.top).toBeGreaterThanOrEqual(40);
  });
});

describe('layoutRuleLabels in a strip (ticks beside the text, a caption reserved)', () => {
  it('keeps a label off a row\'s reserved caption and counts its tick as part of it', () => {
    const placed = layoutRuleLabels(
      [{ x: 30, text: 'valley 1e-6' }, { x: 200, text: 'slide 1e-3' }],
      { width: 640, withTick: true, reservedInRow: [[0, 0, 60]] },
    );
    expect(placed.map((p) => p.row)).toEqual([1, 0]);
    // A tick 3 px right of another label's text: clear of it as text alone, too close as a tick.
    const [a] = layoutRuleLabels([{ x: 100, text: 'minimum 0.1' }], { width: 640 });
    const pair = [{ x: 100, text: 'minimum 0.1' }, { x: a!.right + 3, text: 'x' }];
    expect(layoutRuleLabels(pair, { width: 640 }).map((p) => p.row)).toEqual([0, 0]);
    expect(layoutRuleLabels(pair, { width: 640, withTick: true }).map((p) => p.row)).toEqual([0, 1]);
  });
});
