// The range-test chart's subtitle: what ran, the bounds (or why there are none), the probes, what
// the window leaves out, whether anything was stopped, and every warning, wrapped to the chart.
import { formatLr, formatValue } from '../src/format.js';
import type { RangeTestCurveParts, RangeTestChartData } from './range-test-data.js';
import { measureText } from './text-metrics.js';
import { boundsLine, escalationLines, noBoundsWarning } from '../src/present/words.js';

export interface NotesMeta {
  backend?: string;
}

/** `text` broken at spaces into lines at most `maxWidth` px wide at `fontSize` (a longer word stays whole). */
export function wrapText(text: string, maxWidth: number, fontSize: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/).filter((w) => w !== '')) {
    const next = line === '' ? word : `${line} ${word}`;
    if (line !== '' && measureText(next, fontSize) > maxWidth) {
      lines.push(line);
      line = word;
    } else {
      line = next;
    }
  }
  if (line !== '') lines.push(line);
  return lines;
}

function sweepFact(input: RangeTestCurveParts): string {
  const steps = input.curve.lrs.length;
  const planned = input.sweep?.numIter;
  const of = planned !== undefined && planned > steps ? ` of ${planned}` : '';
  switch (input.sweep?.stopReason) {
    case 'stopped':
      return `sweep stopped by the user after ${steps}${of} steps`;
    case 'diverged':
      return `${steps}${of} steps (stopped when the loss diverged)`;
    case 'non-finite loss':
      return `${steps}${of} steps (stopped at a non-finite loss)`;
    default:
      return `${steps} steps`;
  }
}

/** The subtitle's lines, each at most `maxWidth` px wide. */
export function subtitleLines(input: RangeTestCurveParts, data: RangeTestChartData, meta: NotesMeta, maxWidth: number, fontSize: number): string[] {
  const facts: string[] = [];
  if (meta.backend !== undefined) facts.push(`backend ${meta.backend}`);
  facts.push(sweepFact(input));
  const b = input.bounds;
  const warnings = input.warnings ?? [];
  // Without bounds the first warning says why, on a line of its own.
  if (b !== null || warnings.length === 0) facts.push(b === null ? 'no bounds' : boundsLine({ bounds: b }));
  const lines = [facts.join(' · '), ...(input.weightDecay !== undefined ? [`weight decay ${input.weightDecay === 0 ? 'none' : formatLr(input.weightDecay)}`] : []), ...escalationLines(input)];

  const probes = input.probes ?? [];
  if (input.probesStopped) {
    lines.push(`confirmation probes stopped by the user after ${probes.length} finished: the bounds are the curve's, unconfirmed`);
  } else if (probes.length > 0) {
    const below = input.steppedDownTo === undefined ? '' : `; ${formatLr(input.steppedDownTo)} below it trained clearly better`;
    const verdict = data.probeEdge !== null ? `the largest that trained: ${formatLr(data.probeEdge)}${below}` : 'none trained';
    lines.push(`${probes.length} confirmation probe${probes.length === 1 ? '' : 's'} (sustained training at one lr, ticks under the curve at their lr): ${verdict}`);
  }
  if (data.cut !== null) {
    const n = data.cut.count;
    lines.push(`losses above ${formatValue(data.pointTop)} are not drawn: ${n} of them (up to ${formatValue(data.cut.highest)})`);
  }
  // Without bounds, the reason comes first; every other warning follows.
  const reason = b === null ? noBoundsWarning(warnings) : undefined;
  if (reason !== undefined) lines.push(/no bounds/.test(reason) ? reason : `no bounds: ${reason}`);
  for (const w of warnings) if (w !== reason) lines.push(`warning: ${w}`);
  return lines.flatMap((line) => wrapText(line, maxWidth, fontSize));
}
