// A braille line chart with its y range on the left and its x range underneath.
import { Box, Text } from 'ink';
import { brailleChart, type ChartPoint } from './braille.js';
import { maxOf, minOf } from '../../src/numbers.js';

export interface LineChartProps {
  points: readonly ChartPoint[];
  /** Plot width in characters. @default 48 */
  width?: number;
  /** Plot height in characters. @default 8 */
  height?: number;
  logX?: boolean;
  xDomain?: [number, number];
  yDomain?: [number, number];
  /** Formats the axis labels. */
  formatX: (x: number) => string;
  formatY: (y: number) => string;
  /** e.g. "loss" — printed above the y axis. */
  yLabel?: string;
  /** e.g. "learning rate" — printed under the x axis. */
  xLabel?: string;
}

/**
 * A plot width that fits `columns` with the axis labels beside it (up to 10 characters) and one
 * column free: at least 20, at most 72.
 */
export function fitChartWidth(columns: number): number {
  return Math.max(20, Math.min(72, Math.floor(columns) - 12));
}

function domain(values: number[]): [number, number] | null {
  const finite = values.filter(Number.isFinite);
  return finite.length > 0 ? [minOf(finite), maxOf(finite)] : null;
}

export function LineChart(props: LineChartProps) {
  const { points, width = 48, height = 8, formatX, formatY } = props;
  const usable = points.filter((p) => Number.isFinite(p.y) && Number.isFinite(p.x) && (!props.logX || p.x > 0));
  const xDomain = props.xDomain ?? domain(usable.map((p) => p.x));
  const yDomain = props.yDomain ?? domain(usable.map((p) => p.y));
  const rows = brailleChart(points, {
    width,
    height,
    ...(props.logX ? { logX: true } : {}),
    ...(xDomain ? { xDomain } : {}),
    ...(yDomain ? { yDomain } : {}),
  });
  const top = yDomain ? formatY(yDomain[1]) : '';
  const bottom = yDomain ? formatY(yDomain[0]) : '';
  const gutter = Math.max(top.length, bottom.length, props.yLabel?.length ?? 0);
  const left = xDomain ? formatX(xDomain[0]) : '';
  const right = xDomain ? formatX(xDomain[1]) : '';
  const middle = props.xLabel ?? '';
  const free = Math.max(1, width - left.length - right.length - middle.length);
  const axis = left + ' '.repeat(Math.floor(free / 2)) + middle + ' '.repeat(Math.ceil(free / 2)) + right;
  return (
    <Box flexDirection="column">
      {props.yLabel ? <Text dimColor>{props.yLabel.padStart(gutter)}</Text> : null}
      {rows.map((row, i) => (
        <Text key={i}>
          <Text dimColor>{(i === 0 ? top : i === rows.length - 1 ? bottom : '').padStart(gutter)} │</Text>
          <Text color="cyan">{row}</Text>
        </Text>
      ))}
      <Text dimColor>{`${' '.repeat(gutter)} └${'─'.repeat(width)}`}</Text>
      <Text dimColor>{`${' '.repeat(gutter + 2)}${axis}`}</Text>
    </Box>
  );
}
