// A block progress bar: "████████░░░░░░░░ 50%".
import { Text } from 'ink';
import { percent } from './format.js';

export interface ProgressBarProps {
  done: number;
  total: number;
  /** Bar width in characters, without the percentage. @default 30 */
  width?: number;
}

export function ProgressBar({ done, total, width = 30 }: ProgressBarProps) {
  const fraction = total > 0 ? Math.min(1, Math.max(0, done / total)) : 0;
  const filled = Math.round(fraction * width);
  return (
    <Text>
      <Text color="green">{'█'.repeat(filled)}</Text>
      <Text dimColor>{'░'.repeat(width - filled)}</Text>
      {` ${percent(done, total).padStart(4)}`}
    </Text>
  );
}
