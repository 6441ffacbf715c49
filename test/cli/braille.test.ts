import { describe, expect, it } from 'vitest';
import { brailleChart } from '../../cli/ui/braille.js';

/** The set dots of a chart as "x,y" strings (x right, y up), decoded from the braille cells. */
function dots(rows: string[]): Set<string> {
  const bits = [
    [0x01, 0x02, 0x04, 0x40],
    [0x08, 0x10, 0x20, 0x80],
  ];
  const height = rows.length * 4;
  const out = new Set<string>();
  rows.forEach((row, r) => {
    [...row].forEach((ch, c) => {
      const code = ch.codePointAt(0)! - 0x2800;
      for (let dx = 0; dx < 2; dx++) {
        for (let dy = 0; dy < 4; dy++) if (code & bits[dx]![dy]!) out.add(`${c * 2 + dx},${height - 1 - (r * 4 + dy)}`);
      }
    });
  });
  return out;
}

describe('brailleChart', () => {
  it('returns height rows of width braille characters', () => {
    const rows = brailleChart([{ x: 0, y: 0 }, { x: 1, y: 1 }], { width: 5, height: 3 });
    expect(rows).toHaveLength(3);
    for (const row of rows) {
      expect([...row]).toHaveLength(5);
      for (const ch of row) expect(ch.codePointAt(0)! >= 0x2800 && ch.codePointAt(0)! <= 0x28ff).toBe(true);
    }
  });

  it('draws a rising diagonal corner to corner, with no gaps', () => {
    const rows = brailleChart([{ x: 0, y: 0 }, { x: 1, y: 1 }], { width: 4, height: 2 });
    const set = dots(rows);
    // 8×8 dot grid: the diagonal is exactly the 8 dots (i, i).
    expect([...set].sort()).toEqual(Array.from({ length: 8 }, (_, i) => `${i},${i}`).sort());
  });

  it('puts the first point bottom-left and the last top-right of the domain', () => {
    const rows = brailleChart([{ x: 1e-7, y: 2 }, { x: 1, y: 3 }], { width: 10, height: 2, logX: true });
    const set = dots(rows);
    expect(set.has('0,0')).toBe(true);
    expect(set.has('19,7')).toBe(true);
  });

  it('clips points outside the y domain to the border', () => {
    const rows = brailleChart([{ x: 0, y: 0 }, { x: 1, y: 100 }], { width: 2, height: 1, yDomain: [0, 1] });
    expect(dots(rows).has('3,3')).toBe(true);
  });

  it('breaks the line at non-finite points and draws nothing for no data', () => {
    const rows = brailleChart([{ x: 0, y: 0 }, { x: 0.5, y: Number.NaN }, { x: 1, y: 0 }], { width: 4, height: 1 });
    // A flat y domain draws along the middle row of dots (row 1 of 0–3).
    expect([...dots(rows)].sort()).toEqual(['0,1', '7,1']);
    expect(brailleChart([], { width: 3, height: 1 })).toEqual(['\u2800\u2800\u2800']);
  });
});
