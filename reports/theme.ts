// Shared look of every report: fonts, sizes and colours in one place.
import type { Config } from 'vega-lite';

/** DejaVu Sans first: `text-metrics.ts` measures with its widths, and resvg finds it on Linux. */
export const FONT = 'DejaVu Sans, Verdana, Helvetica, Arial, sans-serif';

export const COLORS = {
  tooSmall: '#8c8c8c',
  good: '#2ca25f',
  tooLarge: '#de2d26',
  raw: '#6b8fbf',
  smoothed: '#1f4e8c',
  spread: '#6fa8dc',
  recommendation: '#222222',
  suggestion: '#7b3f9e',
  caption: '#666666',
  divergence: '#b2182b',
  phase: '#555555',
  lr: '#1f4e8c',
  momentum: '#d95f02',
} as const;

/**
 * Twelve distinct colours for runs: Tableau 10 (designed for lines and marks on white), then a
 * violet and a near-black, the two families it lacks. Every two are at least 18 ΔE2000 apart (its
 * own closest pair, red and pink). The cyan and indigo a 12-run study used to add after it were
 * mistaken for Tableau's teal (9.7 ΔE2000 away) and its blue (the same hue, only darker).
 */
export const RUN_COLORS = [
  '#4e79a7', '#f28e2b', '#e15759', '#76b7b2', '#59a14f',
  '#edc948', '#b07aa1', '#ff9da7', '#9c755f', '#bab0ac',
  '#7700aa', '#222222',
];

/**
 * Point shapes that tell runs apart once the colours repeat: the k-th time round the palette, a
 * run's points take the k-th shape (and past these, the shapes repeat too).
 */
export const RUN_SHAPES = ['circle', 'square', 'triangle-up', 'diamond', 'cross', 'triangle-down', 'triangle-left', 'triangle-right'] as const;

/** The look of the `index`-th run (0-based): its colour, and its point shape. */
export function runStyle(index: number): { color: string; shape: (typeof RUN_SHAPES)[number] } {
  const n = RUN_COLORS.length;
  return { color: RUN_COLORS[index % n]!, shape: RUN_SHAPES[Math.floor(index / n) % RUN_SHAPES.length]! };
}

export const LABEL_FONT_SIZE = 11;
/** The strip under the range-test curve (peers' rules, probes): secondary, so smaller. */
export const STRIP_FONT_SIZE = 10;

export const CONFIG: Config = {
  font: FONT,
  background: 'white',
  padding: 8,
  title: { fontSize: 15, subtitleFontSize: 11, subtitleColor: '#444444', anchor: 'start', offset: 10 },
  axis: { labelFontSize: 11, titleFontSize: 12, titleFontWeight: 'normal', gridColor: '#e6e6e6', domainColor: '#888888', tickColor: '#888888' },
  legend: { labelFontSize: 11, titleFontSize: 12, titleFontWeight: 'normal', symbolStrokeWidth: 2 },
  header: { labelFontSize: 12, titleFontSize: 12 },
  view: { stroke: '#cccccc' },
};

export const VEGA_LITE_SCHEMA = 'https://vega.github.io/schema/vega-lite/v6.json';
