// The plain lines of `demo` and `compare`: epoch progress and the table of final scores.
import { formatLoss, formatLr } from '../../src/format.js';

/** What a line needs of one epoch (the library's EpochRecord). */
export interface EpochLine {
  epoch: number;
  loss: number;
  valLoss: number;
  valAccuracy: number;
  lr: number;
}

/** An accuracy with 3 decimals ("0.981"), or "nan". */
export function formatAccuracy(x: number): string {
  return Number.isFinite(x) ? x.toFixed(3) : 'nan';
}

/** "epoch 3/8  lr 0.052  loss 0.412  val loss 0.301  val acc 0.912" */
export function epochLine(r: EpochLine, epochs: number): string {
  const width = String(epochs).length;
  return [
    `epoch ${String(r.epoch).padStart(width)}/${epochs}`,
    `lr ${formatLr(r.lr)}`,
    `loss ${formatLoss(r.loss)}`,
    `val loss ${formatLoss(r.valLoss)}`,
    `val acc ${formatAccuracy(r.valAccuracy)}`,
  ].join('  ');
}

/** One run of the final table. */
export interface TableRun {
  name: string;
  group: string;
  description: string;
  /** Epochs done (fewer than planned after Ctrl-C). */
  epochs: number;
  final: { valAccuracy: number; valLoss: number; loss: number } | null;
}

function cell(text: string, width: number, right: boolean): string {
  return right ? text.padStart(width) : text.padEnd(width);
}

/**
 * The table of final validation accuracy and loss: one block per group, runs best first, the
 * group's best marked with "*". Runs with no finished epoch show "–".
 */
export function studyTable(runs: readonly TableRun[], plannedEpochs: number): string[] {
  const groups = [...new Set(runs.map((r) => r.group))];
  const header = ['run', 'val acc', 'val loss', 'train loss', 'epochs', 'what'];
  const right = [false, true, true, true, true, false];
  const rows: string[][] = [];
  const blocks: number[] = [];
  for (const group of groups) {
    const members = runs
      .filter((r) => r.group === group)
      .sort((a, b) => (b.final?.valAccuracy ?? -1) - (a.final?.valAccuracy ?? -1) || (a.final?.valLoss ?? Infinity) - (b.final?.valLoss ?? Infinity));
    blocks.push(rows.length);
    members.forEach((r, i) => {
      const f = r.final;
      const best = i === 0 && f !== null && Number.isFinite(f.valAccuracy) ? '*' : ' ';
      rows.push([
        `${best} ${group}: ${r.name}`,
        f ? formatAccuracy(f.valAccuracy) : '–',
        f ? formatLoss(f.valLoss) : '–',
        f ? formatLoss(f.loss) : '–',
        r.epochs === plannedEpochs ? String(r.epochs) : `${r.epochs}/${plannedEpochs}`,
        r.description,
      ]);
    });
  }
  const widths = header.map((h, c) => Math.max(h.length + (c === 0 ? 2 : 0), ...rows.map((row) => row[c]!.length)));
  const line = (row: string[]): string => row.map((text, c) => cell(text, widths[c]!, right[c]!)).join('  ').trimEnd();
  const out = [line([`  ${header[0]}`, ...header.slice(1)])];
  rows.forEach((row, i) => {
    if (i > 0 && blocks.includes(i)) out.push('');
    out.push(line(row));
  });
  return out;
}
