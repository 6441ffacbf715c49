// A line chart drawn with braille characters: each cell holds 2×4 dots, so a 40×8 chart has an
// 80×32 dot grid. Pure: points in, lines of text out.

export interface ChartPoint {
  x: number;
  y: number;
}

export interface BrailleOptions {
  /** Width in characters. */
  width: number;
  /** Height in characters. */
  height: number;
  /** Plot x on a log10 scale (learning rates). @default false */
  logX?: boolean;
  /** x range; the data's when absent. */
  xDomain?: [number, number];
  /** y range; the data's when absent. Points above or below are clipped to the border. */
  yDomain?: [number, number];
}

/** Bit of the dot at column `c` (0–1) and row `r` (0–3, top down) of a braille cell. */
const DOT_BITS: readonly (readonly number[])[] = [
  [0x01, 0x02, 0x04, 0x40],
  [0x08, 0x10, 0x20, 0x80],
];
const BLANK = 0x2800;

function extent(values: number[]): [number, number] {
  let lo = Infinity;
  let hi = -Infinity;
  for (const v of values) {
    if (v < lo) lo = v;
    if (v > hi) hi = v;
  }
  return [lo, hi];
}

/** Maps a value onto [0, cells - 1] dots, clamped; a flat domain maps to the middle. */
function scale(value: number, [lo, hi]: [number, number], cells: number): number {
  if (!(hi > lo)) return Math.floor((cells - 1) / 2);
  const t = (value - lo) / (hi - lo);
  return Math.round(Math.min(1, Math.max(0, t)) * (cells - 1));
}

/**
 * The chart as `height` strings of `width` braille characters, consecutive points joined by
 * straight segments. Points with a non-finite coordinate (or x ≤ 0 with `logX`) break the line.
 */
export function brailleChart(points: readonly ChartPoint[], options: BrailleOptions): string[] {
  const width = Math.max(1, Math.floor(options.width));
  const height = Math.max(1, Math.floor(options.height));
  const dotsX = width * 2;
  const dotsY = height * 4;
  const cells = new Uint8Array(width * height);
  const tx = (x: number): number => (options.logX ? Math.log10(x) : x);
  const usable = points.map((p) => ({ x: tx(p.x), y: p.y })).map((p) => (Number.isFinite(p.x) && Number.isFinite(p.y) ? p : null));
  const finite = usable.filter((p): p is ChartPoint => p !== null);
  if (finite.length > 0) {
    const xDomain: [number, number] = options.xDomain ? [tx(options.xDomain[0]), tx(options.xDomain[1])] : extent(finite.map((p) => p.x));
    const yDomain = options.yDomain ?? extent(finite.map((p) => p.y));
    const plot = (dx: number, dy: number): void => {
      const row = dotsY - 1 - dy; // y grows upwards, rows downwards
      const cell = Math.floor(row / 4) * width + Math.floor(dx / 2);
      cells[cell] = cells[cell]! | DOT_BITS[dx % 2]![row % 4]!;
    };
    let previous: [number, number] | null = null;
    for (const p of usable) {
      if (p === null) {
        previous = null;
        continue;
      }
      const current: [number, number] = [scale(p.x, xDomain, dotsX), scale(p.y, yDomain, dotsY)];
      if (previous === null) plot(current[0], current[1]);
      else line(previous, current, plot);
      previous = current;
    }
  }
  const rows: string[] = [];
  for (let r = 0; r < height; r++) {
    rows.push(String.fromCodePoint(...Array.from(cells.subarray(r * width, (r + 1) * width), (bits) => BLANK + bits)));
  }
  return rows;
}

/** Bresenham's line between two dots, both ends included. */
function line([x0, y0]: [number, number], [x1, y1]: [number, number], plot: (x: number, y: number) => void): void {
  const dx = Math.abs(x1 - x0);
  const dy = -Math.abs(y1 - y0);
  const sx = x0 < x1 ? 1 : -1;
  const sy = y0 < y1 ? 1 : -1;
  let err = dx + dy;
  let x = x0;
  let y = y0;
  for (;;) {
    plot(x, y);
    if (x === x1 && y === y1) return;
    const e2 = 2 * err;
    if (e2 >= dy) {
      err += dy;
      x += sx;
    }
    if (e2 <= dx) {
      err += dx;
      y += sy;
    }
  }
}
