// `lrfind schedule` on a terminal: the lr per step as a chart, with the key numbers.
import { Box, Text } from 'ink';
import type { ScheduleRow } from '../../src/schedules/index.js';
import type { SchedulePhase } from '../../src/schedules/cycle-schedule.js';
import { formatLr } from '../../src/format.js';
import { LineChart } from './line-chart.js';
import { maxOf } from '../../src/numbers.js';
import { momentumLine, phaseLines, scheduleHeadline } from './schedule-text.js';

export interface ScheduleViewProps {
  name: string;
  rows: readonly ScheduleRow[];
  phases: readonly SchedulePhase[];
  /** Files written with --out. */
  paths: readonly string[];
  chartWidth?: number;
  chartHeight?: number;
}

export function ScheduleView({ name, rows, phases, paths, chartWidth, chartHeight }: ScheduleViewProps) {
  const momentum = momentumLine(rows);
  // A linear lr axis from 0: labelled at its lowest lr, the start (max/25) would look as low as the end (max/25e4).
  const peak = maxOf(rows.map((r) => r.lr).filter(Number.isFinite));
  return (
    <Box flexDirection="column">
      <Text bold>{`lrfind · ${scheduleHeadline(name, rows)}`}</Text>
      <LineChart
        points={rows.map((r) => ({ x: r.step, y: r.lr }))}
        formatX={(x) => String(Math.round(x))}
        formatY={formatLr}
        yLabel="lr"
        xLabel="step"
        {...(peak > 0 ? { yDomain: [0, peak] as [number, number] } : {})}
        {...(chartWidth !== undefined ? { width: chartWidth } : {})}
        {...(chartHeight !== undefined ? { height: chartHeight } : {})}
      />
      {momentum ? <Text>{momentum}</Text> : null}
      {phaseLines(phases).map((line, i) => (
        <Text key={i} dimColor>{line}</Text>
      ))}
      {paths.map((p, i) => (
        <Text key={`p${i}`}>{`wrote ${p}`}</Text>
      ))}
    </Box>
  );
}
