// The live view of `lrfind find`: header, progress bar with ETA, current lr / loss / best loss,
// the loss-vs-lr chart, and at the end the summary.
import { Box, Text } from 'ink';
import { formatDuration, etaAfterFirstStep, etaSeconds } from './format.js';
import { LossChart } from './loss-chart.js';
import { ProgressBar } from './progress-bar.js';
import { Summary, type SummaryProps } from './summary.js';
import { headerLine, probeLine, stepLine, type ProbeStatus, type RunHeader, type StepStatus } from './summary-text.js';

export interface FindViewProps {
  header: RunHeader;
  /** The latest step; null before the first one. */
  status: StepStatus | null;
  /** The current run's (lr, smoothed loss) points. */
  points: readonly { lr: number; loss: number }[];
  /** Seconds since the sweep started. */
  elapsed: number;
  /** Steps and seconds since the first step ended: when given, the ETA uses this pace (see etaAfterFirstStep). */
  pace?: { steps: number; seconds: number };
  /** The confirmation probe running after the sweep, if any. */
  probe?: ProbeStatus;
  /** Ctrl-C was pressed: the current step finishes, then the partial curve is analysed. */
  stopping?: boolean;
  /** Present once the test is over and the report is written. */
  summary?: SummaryProps;
  /** Chart size in characters. */
  chartWidth?: number;
  chartHeight?: number;
}

export function FindView(props: FindViewProps) {
  const { header, status, points, elapsed } = props;
  const total = header.numIter * header.runs;
  const done = status ? status.run * header.numIter + status.done : 0;
  const eta = props.summary ? null : props.pace ? etaAfterFirstStep(props.pace.steps, props.pace.seconds, total - done) : etaSeconds(done, total, elapsed);
  return (
    <Box flexDirection="column">
      <Text bold>{`lrfind · ${headerLine(header)}`}</Text>
      <Box>
        <ProgressBar done={props.summary ? total : done} total={total} />
        <Text dimColor>
          {`  step ${done}/${total}  ${formatDuration(elapsed)}${eta !== null ? `  eta ${formatDuration(eta)}` : ''}`}
        </Text>
      </Box>
      <Text>{status ? stepLine(status) : 'starting…'}</Text>
      {points.length > 0 ? (
        <LossChart
          points={points}
          lrDomain={[header.startLr, header.endLr]}
          {...(props.chartWidth !== undefined ? { width: props.chartWidth } : {})}
          {...(props.chartHeight !== undefined ? { height: props.chartHeight } : {})}
        />
      ) : null}
      {props.probe && !props.summary ? <Text>{probeLine(props.probe)}</Text> : null}
      {props.stopping && !props.summary ? <Text color="yellow">stopping after this step (Ctrl-C)…</Text> : null}
      {props.summary ? <Summary {...props.summary} /> : null}
    </Box>
  );
}
