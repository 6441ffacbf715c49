import { describe, expect, it } from 'vitest';
import { RUN_COLORS, RUN_SHAPES, runStyle } from '../../reports/theme.js';
import { colorDistance, deltaE2000, hexToLab } from './color-difference.js';

/**
 * The closest two run colours may be. ΔE2000 ≈ 1 tells large patches apart; 2 px lines and
 * legend dots need far more. Tableau 10, made for exactly this, keeps its closest pair (red and
 * pink) 18.1 apart; the cyan the 12-run comparison used beside Tableau's teal was 9.7 from it,
 * and readers took cosine's line for rmsprop's. 15 keeps the first and refuses the second.
 */
const MIN_DISTANCE = 15;

describe('the colour difference used by these tests', () => {
  it("reproduces Sharma, Wu and Dalal's CIEDE2000 test pairs", () => {
    const pairs: [[number, number, number], [number, number, number], number][] = [
      [[50, 2.6772, -79.7751], [50, 0, -82.7485], 2.0425],
      [[50, 0, 0], [50, -1, 2], 2.3669],
      [[50, 2.49, -0.001], [50, -2.49, 0.0009], 7.1792],
      [[50, 2.5, 0], [73, 25, -18], 27.1492],
      [[60.2574, -34.0099, 36.2677], [60.4626, -34.1751, 39.4387], 1.2644],
    ];
    for (const [a, b, expected] of pairs) {
      expect(deltaE2000(a, b)).toBeCloseTo(expected, 4);
      expect(deltaE2000(b, a)).toBeCloseTo(expected, 4);
    }
  });

  it('converts sRGB to Lab', () => {
    const white = hexToLab('#ffffff');
    expect(white[0]).toBeCloseTo(100, 3);
    expect(Math.abs(white[1]) + Math.abs(white[2])).toBeLessThan(1e-3);
    const red = hexToLab('#ff0000');
    expect(red[0]).toBeCloseTo(53.24, 1);
    expect(red[1]).toBeCloseTo(80.09, 1);
    expect(red[2]).toBeCloseTo(67.2, 1);
  });
});

describe('RUN_COLORS', () => {
  it('has twelve colours, all different', () => {
    expect(RUN_COLORS).toHaveLength(12);
    expect(new Set(RUN_COLORS.map((c) => c.toLowerCase())).size).toBe(12);
  });

  it(`keeps every two colours (not only neighbours) at least ${MIN_DISTANCE} ΔE2000 apart`, () => {
    const close: string[] = [];
    RUN_COLORS.forEach((a, i) => RUN_COLORS.slice(i + 1).forEach((b) => {
      if (colorDistance(a, b) < MIN_DISTANCE) close.push(`${a} ${b} ${colorDistance(a, b).toFixed(1)}`);
    }));
    expect(close).toEqual([]);
    // The check can fail: the pair the issue reported is refused.
    expect(colorDistance('#76b7b2', '#17becf')).toBeLessThan(MIN_DISTANCE);
  });

  it('tells apart the runs the 12-run study confused: cosine and rmsprop, constant and adam', () => {
    const order = ['constant', 'linear', 'exponential', 'cosine', 'sgdr', 'one-cycle', 'warmup-cosine-tail', 'sgd', 'sgd-nesterov-decay', 'sgd-nesterov-decay-lr/10', 'rmsprop', 'adam'];
    const color = (name: string): string => RUN_COLORS[order.indexOf(name)]!;
    expect(colorDistance(color('cosine'), color('rmsprop'))).toBeGreaterThan(30);
    expect(colorDistance(color('constant'), color('adam'))).toBeGreaterThan(30);
  });

  it('keeps every colour visible on white: no lighter than Tableau yellow', () => {
    for (const c of RUN_COLORS) expect(hexToLab(c)[0]).toBeLessThanOrEqual(hexToLab('#edc948')[0]);
  });
});

describe('runStyle', () => {
  it('gives the palette in order, with the first shape, to the first twelve runs', () => {
    expect(Array.from({ length: 12 }, (_, i) => runStyle(i))).toEqual(RUN_COLORS.map((color) => ({ color, shape: 'circle' })));
  });

  it('varies the shape once the colours repeat, so no two of 96 runs look the same', () => {
    const n = RUN_COLORS.length * RUN_SHAPES.length;
    const looks = Array.from({ length: n }, (_, i) => runStyle(i));
    expect(new Set(looks.map((s) => `${s.color} ${s.shape}`)).size).toBe(n);
    expect(runStyle(12)).toEqual({ color: RUN_COLORS[0], shape: 'square' });
    expect(runStyle(n)).toEqual(runStyle(0));
  });
});
