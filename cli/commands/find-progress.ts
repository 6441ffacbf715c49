// What `find` shows while it runs: a live ink view, plain lines, or nothing (--json).
import { createElement } from 'react';
import type { RangeTestStep } from '../../src/index.js';
import { startLive, type LiveView } from '../output/ink.js';
import { say } from '../terminal.js';
import { FindView, type FindViewProps } from '../ui/find-view.js';
import { percent } from '../ui/format.js';
import type { SummaryProps } from '../ui/summary.js';
import { boundsLine, headerLine, regionLines, rulesLine, stepLine, type RunHeader, type StepStatus } from '../ui/summary-text.js';

export interface FindReporter {
  start(header: RunHeader): void;
  step(step: RangeTestStep): void;
  /** Ctrl-C was pressed. */
  stopping(): void;
  /** The result is written: show the summary. */
  finish(summary: SummaryProps): Promise<void>;
  /** Something failed: leave the terminal clean. */
  close(): Promise<void>;
}

function status(step: RangeTestStep, runs: number): StepStatus {
  return { run: step.run, runs, done: step.step + 1, numIter: step.numIter, lr: step.lr, loss: step.loss, bestLoss: step.bestLoss };
}

/** Nothing on stdout: --json prints only its document. */
export function silentReporter(): FindReporter {
  return { start() {}, step() {}, stopping() {}, async finish() {}, async close() {} };
}

/** The plain lines of a summary (non-TTY and NO_COLOR output). */
export function summaryLines({ doc, paths, stop }: SummaryProps): string[] {
  const lines = stop ? [stop] : [];
  lines.push(boundsLine(doc), ...regionLines(doc).map((l) => `  ${l}`), rulesLine(doc));
  lines.push(...doc.warnings.map((w) => `warning: ${w}`));
  if (paths[0] !== undefined) lines.push(`report: ${paths[0]}`);
  lines.push(...paths.slice(1).map((p) => `        ${p}`));
  return lines;
}

/** A few lines per run: the start, every 25 %, and the summary. No escape codes. */
export function plainReporter(write: (line: string) => void = say): FindReporter {
  let header: RunHeader | null = null;
  let lastQuarter = 0;
  return {
    start(h) {
      header = h;
      write(`lrfind find: ${headerLine(h)}`);
    },
    step(step) {
      const runs = header?.runs ?? 1;
      const total = step.numIter * runs;
      const done = step.run * step.numIter + step.step + 1;
      const quarter = Math.floor((4 * done) / total);
      if (quarter > lastQuarter) {
        lastQuarter = quarter;
        const run = runs > 1 ? `run ${step.run + 1}/${runs}  ` : '';
        write(`  ${percent(done, total).padStart(4)}  ${run}step ${step.step + 1}/${step.numIter}  ${stepLine(status(step, runs))}`);
      }
    },
    stopping() {
      write('stopping after this step (Ctrl-C)');
    },
    async finish(summary) {
      for (const line of summaryLines(summary)) write(line);
    },
    async close() {},
  };
}

/** Redraws at most this often (ms): fast sweeps take thousands of steps a second. */
const FRAME_MS = 80;

/** The live ink view with a progress bar, ETA and the loss chart. */
export function liveReporter(chartWidth: number): FindReporter {
  let view: LiveView | null = null;
  let props: FindViewProps | null = null;
  let started = 0;
  let lastDraw = 0;
  let timer: ReturnType<typeof setInterval> | null = null;
  let points: { lr: number; loss: number }[] = [];
  let run = 0;
  const draw = (force = false): void => {
    const now = performance.now();
    if (!props || !view || (!force && now - lastDraw < FRAME_MS)) return;
    lastDraw = now;
    props = { ...props, points: [...points], elapsed: (now - started) / 1000 };
    view.update(createElement(FindView, props));
  };
  const stopTimer = (): void => {
    if (timer) clearInterval(timer);
    timer = null;
  };
  return {
    start(header) {
      started = performance.now();
      props = { header, status: null, points: [], elapsed: 0, chartWidth };
      view = startLive(createElement(FindView, props));
      // Keeps the clock and ETA moving during slow steps.
      timer = setInterval(() => draw(true), 500);
      timer.unref();
    },
    step(step) {
      if (!props) return;
      if (step.run !== run) {
        run = step.run;
        points = [];
      }
      points.push({ lr: step.lr, loss: step.smoothedLoss });
      props = { ...props, status: status(step, props.header.runs) };
      draw(step.step + 1 === step.numIter);
    },
    stopping() {
      if (!props) return;
      props = { ...props, stopping: true };
      draw(true);
    },
    async finish(summary) {
      stopTimer();
      if (!props || !view) return;
      props = { ...props, points: [...points], elapsed: (performance.now() - started) / 1000, summary };
      await view.finish(createElement(FindView, props));
    },
    async close() {
      stopTimer();
      if (props && view) await view.finish(createElement(FindView, props));
    },
  };
}
