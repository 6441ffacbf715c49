// The live ink view of `find` (loaded only on a terminal: ink takes a while to import).
import { createElement } from 'react';
import { startLive, type LiveView } from '../output/ink.js';
import { columns } from '../terminal.js';
import { FindView, type FindViewProps } from '../ui/find-view.js';
import type { StepStatus } from '../../src/present/words.js';
import type { FindReporter } from './find-progress.js';
import { sweepProgress } from '../ui/sweep-progress.js';
import { liveCurve, type LiveCurve } from './live-curve.js';
import { minOf } from '../../src/numbers.js';

/** Redraws at most this often (ms): fast sweeps take thousands of steps a second. */
const FRAME_MS = 80;

/** The last step's status, its smoothed numbers read off the report's curve (what the summary quotes). */
function finalStatus(status: StepStatus | null, points: readonly { lr: number; loss: number }[]): StepStatus | null {
  const finite = points.map((p) => p.loss).filter(Number.isFinite);
  if (status === null || finite.length === 0) return status;
  return { ...status, smoothed: finite.at(-1)!, lowest: minOf(finite) };
}

/**
 * The live ink view with a progress bar, ETA and the loss chart. One clock: the bar shows the
 * sweep's seconds, counting from the start until its last step arrives, and at the end the
 * document's (the summary's "… steps in 1.0s").
 */
export function liveReporter(): FindReporter {
  let view: LiveView | null = null;
  let props: FindViewProps | null = null;
  let curve: LiveCurve = liveCurve(1);
  let started = 0;
  let lastStep = 0;
  let sweepDone = false;
  // The ETA's pace starts when the first step ends (warm-ups and first-step compiles excluded).
  let firstStepEnded: number | null = null;
  let stepsSince = 0;
  let lastDraw = 0;
  let timer: ReturnType<typeof setInterval> | null = null;
  const elapsed = (): number => ((sweepDone ? lastStep : performance.now()) - started) / 1000;
  const draw = (force = false): void => {
    const now = performance.now();
    if (!props || !view || (!force && now - lastDraw < FRAME_MS)) return;
    lastDraw = now;
    props = { ...props, status: curve.status(), points: curve.points(), elapsed: elapsed(), sweepDone, columns: columns() };
    if (firstStepEnded !== null) props = { ...props, pace: { steps: stepsSince, seconds: (now - firstStepEnded) / 1000 } };
    view.update(createElement(FindView, props));
  };
  // Lines under the chart: what the finder did beyond the plan, and what runs next.
  const addLine = (line: string): void => {
    if (!props) return;
    props = { ...props, escalations: [...(props.escalations ?? []), line] };
    draw(true);
  };
  const stopTimer = (): void => {
    if (timer) clearInterval(timer);
    timer = null;
  };
  return {
    start(header) {
      started = performance.now();
      curve = liveCurve(header.runs);
      props = { header, status: null, points: [], elapsed: 0, columns: columns() };
      view = startLive(createElement(FindView, props));
      // Keeps the clock and ETA moving during slow steps.
      timer = setInterval(() => draw(true), 500);
      timer.unref();
    },
    step(step) {
      if (!props) return;
      curve.add(step);
      lastStep = performance.now();
      if (firstStepEnded === null) firstStepEnded = lastStep;
      else stepsSince += 1;
      const { done, total } = sweepProgress(step, props.header);
      draw(done === total);
    },
    note: (line) => addLine(line),
    probe(status) {
      if (!props) return;
      sweepDone = true; // the probes start after the last step
      props = { ...props, probe: status };
      draw();
    },
    stopping(now) {
      if (!props) return;
      props = { ...props, stopping: now ? 'now' : 'after-step' };
      draw(true);
    },
    async finish(summary) {
      stopTimer();
      if (!props || !view) return;
      sweepDone = true;
      // The last frame: the report's own curve and the document's sweep time, as the summary says.
      const { doc } = summary;
      const points = doc.curve.lr.map((lr, i) => ({ lr, loss: doc.curve.smoothedLoss[i] ?? Number.NaN }));
      props = {
        ...props, status: finalStatus(curve.status(), points), points, elapsed: doc.seconds ?? elapsed(), sweepDone, columns: columns(), summary,
      };
      await view.finish(createElement(FindView, props));
    },
    async close() {
      stopTimer();
      if (props && view) await view.finish(createElement(FindView, { ...props, sweepDone: true }));
    },
  };
}
