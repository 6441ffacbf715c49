// `lrfind analyze` on a terminal: the curve as a chart, then the summary.
import { Box, Text } from 'ink';
import type { RangeTestFile } from '../../src/range-test/file.js';
import { plural } from '../../src/text.js';
import { LossChart } from './loss-chart.js';
import { Summary } from './summary.js';

export interface AnalyzeViewProps {
  /** The curve file, as given. */
  source: string;
  doc: RangeTestFile;
  paths: readonly string[];
  chartWidth?: number;
  chartHeight?: number;
}

export function AnalyzeView({ source, doc, paths, chartWidth, chartHeight }: AnalyzeViewProps) {
  const lrs = doc.curve.lr;
  const points = lrs.map((lr, i) => ({ lr, loss: doc.curve.smoothedLoss[i] ?? Number.NaN }));
  const first = lrs[0];
  const last = lrs[lrs.length - 1];
  return (
    <Box flexDirection="column">
      <Text bold>{`lrfind · ${source} · ${plural(lrs.length, 'point')}`}</Text>
      {first !== undefined && last !== undefined && last > first ? (
        <LossChart
          points={points}
          lrDomain={[first, last]}
          {...(chartWidth !== undefined ? { width: chartWidth } : {})}
          {...(chartHeight !== undefined ? { height: chartHeight } : {})}
        />
      ) : null}
      <Summary doc={doc} paths={paths} />
    </Box>
  );
}
