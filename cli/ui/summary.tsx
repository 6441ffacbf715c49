// The end of a find or analyze: bounds, regions, every rule's pick, warnings and the written files.
import { Box, Text } from 'ink';
import type { RangeTestFile } from '../../src/range-test/file.js';
import { boundsLine, confirmationLine, escalationLines, layersLine, momentumLine, regionLines, rulesLine, smoothedLine, weightDecayLine } from '../../src/present/words.js';

export interface SummaryProps {
  doc: Pick<RangeTestFile, 'curve' | 'bounds' | 'regions' | 'rules' | 'warnings'> & Partial<Pick<RangeTestFile, 'confirmation' | 'seconds' | 'escalations' | 'layers' | 'weightDecay' | 'momentum'>>;
  /** Files written, the report (index.html) first. */
  paths: readonly string[];
  /** e.g. "completed the sweep: 100 steps in 2.1s". */
  stop?: string;
}

export function Summary({ doc, paths, stop }: SummaryProps) {
  const confirmed = confirmationLine(doc);
  const smoothed = smoothedLine(doc);
  return (
    <Box flexDirection="column">
      {stop ? <Text>{stop}</Text> : null}
      {smoothed !== null ? <Text>{smoothed}</Text> : null}
      <Text bold color={doc.bounds ? 'green' : 'yellow'}>
        {boundsLine(doc)}
      </Text>
      {regionLines(doc).map((line, i) => (
        <Text key={`r${i}`}>{`  ${line}`}</Text>
      ))}
      {escalationLines(doc).map((line, i) => (
        <Text key={`e${i}`}>{line}</Text>
      ))}
      {layersLine(doc) !== null ? <Text>{layersLine(doc)}</Text> : null}
      {weightDecayLine(doc) !== null ? <Text>{weightDecayLine(doc)}</Text> : null}
      {momentumLine(doc) !== null ? <Text>{momentumLine(doc)}</Text> : null}
      {confirmed !== null ? <Text bold>{confirmed}</Text> : null}
      <Text dimColor>{rulesLine(doc)}</Text>
      {doc.warnings.map((w, i) => (
        <Text key={`w${i}`} color="yellow">{`warning: ${w}`}</Text>
      ))}
      {paths.length > 0 ? <Text>{`report: ${paths[0]}`}</Text> : null}
      {paths.slice(1).map((p, i) => (
        <Text key={`p${i}`} dimColor>{`        ${p}`}</Text>
      ))}
    </Box>
  );
}
