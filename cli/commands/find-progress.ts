// What `find` shows while it runs: a live ink view, plain lines, or nothing (--json).
import type { LrFinderResult, RangeTestStep } from '../../src/index.js';
import { ESCALATION } from '../../src/constants.js';
import { DEFAULT_CONFIRM_SETTINGS } from '../../src/range-test/confirm.js';
import { confirmationPart } from '../../src/range-test/file.js';
import { say } from '../terminal.js';
import { percent } from '../ui/format.js';
import type { SummaryProps } from '../ui/summary.js';
import {
  boundsLine, confirmationLine, escalationLines, headerLine, layersLine, momentumLine, weightDecayLine, probeStartLine, regionLines, rulesLine, smoothedLine, stepLine,
  type ProbeStatus, type RunHeader,
} from '../../src/present/words.js';
import { liveCurve } from './live-curve.js';
import { sweepProgress } from '../ui/sweep-progress.js';

export interface FindReporter {
  start(header: RunHeader): void;
  step(step: RangeTestStep): void;
  /** A confirmation probe's step. */
  probe(status: ProbeStatus): void;
  /** A line about what the finder did beyond the plan (an escalation), or runs next (a weight decay's range test). */
  note(line: string): void;
  /** Ctrl-C was pressed: once (stop after this step), or again (stop now). */
  stopping(now: boolean): void;
  /** The result is written: show the summary. */
  finish(summary: SummaryProps): Promise<void>;
  /** Something failed: leave the terminal clean. */
  close(): Promise<void>;
}

/**
 * What demo and compare print once the probes are done: what they found, then the bounds trained
 * with ("confirmed by training: 0.19 trained (7 probes); …", "bounds: max lr 0.15 · …").
 */
export function confirmedLines(found: LrFinderResult): string[] {
  const { analysis, confirmation, bounds } = found;
  if (analysis === null || confirmation === null) return [boundsLine({ bounds })];
  const line = confirmationLine({ confirmation: confirmationPart(analysis.curveBounds, confirmation, bounds), bounds });
  return [...(line !== null ? [line] : []), boundsLine({ bounds })];
}

/**
 * The most probes a find runs: each ladder (the second when it escalates), one more in each where a
 * check below a pass replaced two of its rungs; twice that when a decay family may add a find without
 * the chosen decay.
 */
export function mostProbes(escalate: boolean, decayFamily = false): number {
  const check = DEFAULT_CONFIRM_SETTINGS.checkBelow ? 1 : 0;
  const find = DEFAULT_CONFIRM_SETTINGS.maxProbes + check + (escalate ? ESCALATION.extraProbes + check : 0);
  return decayFamily ? 2 * find : find;
}

/** Numbers the confirmation probes as their steps arrive (each probe starts at step 0). */
export function probeCounter(maxProbes: number): (step: { lr: number; step: number; steps: number; loss: number }) => ProbeStatus {
  let probe = 0;
  return ({ lr, step, steps, loss }) => {
    if (step === 0) probe++;
    return { probe, maxProbes, lr, done: step + 1, steps, loss };
  };
}

/** Nothing on stdout: --json prints only its document. */
export function silentReporter(): FindReporter {
  return { start() {}, step() {}, probe() {}, note() {}, stopping() {}, async finish() {}, async close() {} };
}

/** The plain lines of a summary (non-TTY and NO_COLOR output). */
export function summaryLines({ doc, paths, stop }: SummaryProps): string[] {
  const lines = stop ? [stop] : [];
  const smoothed = smoothedLine(doc);
  if (smoothed !== null) lines.push(smoothed);
  lines.push(boundsLine(doc), ...regionLines(doc).map((l) => `  ${l}`));
  lines.push(...escalationLines(doc));
  const layers = layersLine(doc);
  if (layers !== null) lines.push(layers);
  const decay = weightDecayLine(doc);
  if (decay !== null) lines.push(decay);
  const momentum = momentumLine(doc);
  if (momentum !== null) lines.push(momentum);
  const confirmed = confirmationLine(doc);
  if (confirmed !== null) lines.push(confirmed);
  lines.push(rulesLine(doc));
  lines.push(...doc.warnings.map((w) => `warning: ${w}`));
  if (paths[0] !== undefined) lines.push(`report: ${paths[0]}`);
  lines.push(...paths.slice(1).map((p) => `        ${p}`));
  return lines;
}

/** A few lines per run: the start, every 25 %, and the summary. No escape codes. */
export function plainReporter(write: (line: string) => void = say): FindReporter {
  let header: RunHeader | null = null;
  let lastQuarter = 0;
  let curve = liveCurve(1);
  return {
    start(h) {
      header = h;
      curve = liveCurve(h.runs);
      write(`lrfind find: ${headerLine(h)}`);
    },
    step(step) {
      curve.add(step);
      const { done, total, run } = sweepProgress(step, header);
      // A sweep run again (an escalation, a weight decay's range test) counts its quarters afresh.
      if (step.step === 0 && (step.run === 0 || (header !== null && step.run >= header.runs))) lastQuarter = 0;
      const quarter = Math.floor((4 * done) / total);
      if (quarter > lastQuarter) {
        lastQuarter = quarter;
        write(`  ${percent(done, total).padStart(4)}  ${run}step ${step.step + 1}/${step.numIter}  ${stepLine(curve.status()!)}`);
      }
    },
    note(line) {
      write(`  ${line}`);
    },
    probe(status) {
      if (status.done === 1) write(`  ${probeStartLine(status)}`);
    },
    stopping(now) {
      write(now ? 'stopping now (Ctrl-C again): the curve so far is kept' : 'stopping after this step (Ctrl-C); Ctrl-C again stops at once, keeping the curve so far');
    },
    async finish(summary) {
      for (const line of summaryLines(summary)) write(line);
    },
    async close() {},
  };
}
