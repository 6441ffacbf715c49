// The live view of `lrfind find`: header, progress bar with ETA, current lr / loss / smoothed loss,
// the loss-vs-lr chart, and at the end the summary. Fits the terminal's width.
import { Box, Text } from 'ink';
import { etaAfterFirstStep, etaSeconds } from './format.js';
import { formatDuration } from '../../src/format.js';
import { fitChartWidth } from './line-chart.js';
import { LossChart } from './loss-chart.js';
import { ProgressBar } from './progress-bar.js';
import { Summary, type SummaryProps } from './summary.js';
import { headerLine, probeLine, stepLine, type ProbeStatus, type RunHeader, type StepStatus } from '../../src/present/words.js';
import { sweepProgress } from './sweep-progress.js';

export interface FindViewProps {
  header: RunHeader;
  /** The latest step; null before the first one. */
  status: StepStatus | null;
  /** The current run's (lr, smoothed loss) points: the report's smoothing of the losses so far. */
  points: readonly { lr: number; loss: number }[];
  /** Seconds the sweep has run: counting while it runs, fixed once it is over (then the summary's number). */
  elapsed: number;
  /** The sweep is over (the probes or the report follow): the bar stays where it got to and shows no ETA. */
  sweepDone?: boolean;
  /** Steps and seconds since the first step ended: when given, the ETA uses this pace (see etaAfterFirstStep). */
  pace?: { steps: number; seconds: number };
  /** The confirmation probe running after the sweep, if any. */
  probe?: ProbeStatus;
  /** What the finder did beyond the plan so far, one line each. */
  escalations?: readonly string[];
  /** Ctrl-C was pressed: the current step finishes, then the partial curve is analysed. */
  /** Ctrl-C: stopping after the step in progress, or (pressed again) at once. */
  stopping?: 'after-step' | 'now';
  /** Present once the test is over and the report is written. */
  summary?: SummaryProps;
  /** Terminal width in characters. @default 80 */
  columns?: number;
  /** Chart size in characters. @default width: columns - 12, within [20, 72]; height 8 */
  chartWidth?: number;
  chartHeight?: number;
}

/** " 100%" after the bar. */
const PERCENT_WIDTH = 5;
/** Narrowest bar worth drawing beside the step text; narrower, the text goes under the bar. */
const MIN_BAR = 10;
const MAX_BAR = 30;

/**
 * The bar's width and whether the step text fits beside it, in `columns` (one column is left free:
 * writing the last one makes some terminals wrap). The text's widest form is reserved, so the bar
 * does not change width as the numbers change.
 */
export function barLayout(columns: number, total: number): { width: number; besides: boolean } {
  const widest = `  step ${total}/${total}  00m00s  eta 00m00s`.length;
  const room = columns - 1 - PERCENT_WIDTH - widest;
  if (room >= MIN_BAR) return { width: Math.min(MAX_BAR, room), besides: true };
  return { width: Math.max(1, Math.min(MAX_BAR, columns - 1 - PERCENT_WIDTH)), besides: false };
}

export function FindView(props: FindViewProps) {
  const { header, status, points, elapsed } = props;
  const columns = props.columns ?? 80;
  const { done, total } = status ? sweepProgress({ run: status.run, step: status.done - 1, numIter: status.numIter }, header) : { done: 0, total: header.numIter * header.runs };
  // Only the sweep's pace is known: no ETA once it is over (probes, Ctrl-C, the summary). The pace
  // counts from the end of the first step, so a warm-up or first-step compile does not skew it.
  const over = props.sweepDone === true || props.probe !== undefined || props.stopping !== undefined || props.summary !== undefined;
  const eta = over ? null : props.pace ? etaAfterFirstStep(props.pace.steps, props.pace.seconds, total - done) : etaSeconds(done, total, elapsed);
  const text = `step ${done}/${total}  ${formatDuration(elapsed)}${eta !== null ? `  eta ${formatDuration(eta)}` : ''}`;
  const bar = barLayout(columns, total);
  const chartWidth = props.chartWidth ?? fitChartWidth(columns);
  return (
    <Box flexDirection="column">
      <Text bold>{`lrfind · ${headerLine(header)}`}</Text>
      {bar.besides ? (
        <Box>
          <ProgressBar done={done} total={total} width={bar.width} />
          <Text dimColor>{`  ${text}`}</Text>
        </Box>
      ) : (
        <>
          <ProgressBar done={done} total={total} width={bar.width} />
          <Text dimColor>{text}</Text>
        </>
      )}
      <Text>{status ? stepLine(status) : 'starting…'}</Text>
      {points.length > 0 ? (
        <LossChart
          points={points}
          lrDomain={[header.startLr, Math.max(header.endLr, points.at(-1)!.lr)]}
          width={chartWidth}
          {...(props.chartHeight !== undefined ? { height: props.chartHeight } : {})}
        />
      ) : null}
      {props.summary ? null : (props.escalations ?? []).map((line, i) => <Text key={`e${i}`} dimColor>{line}</Text>)}
      {props.probe && !props.summary ? <Text>{probeLine(props.probe)}</Text> : null}
      {props.stopping && !props.summary ? (
        <Text color="yellow">
          {props.stopping === 'now' ? 'stopping now (Ctrl-C again): the curve so far is kept…' : 'stopping after this step (Ctrl-C); Ctrl-C again stops at once, keeping the curve…'}
        </Text>
      ) : null}
      {props.summary ? <Summary {...props.summary} /> : null}
    </Box>
  );
}
