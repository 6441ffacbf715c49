// The live ink view of `find` (loaded only on a terminal: ink takes a while to import).
import { createElement } from 'react';
import type { RangeTestStep } from '../../src/index.js';
import { startLive, type LiveView } from '../output/ink.js';
import { FindView, type FindViewProps } from '../ui/find-view.js';
import { stepStatus, type FindReporter } from './find-progress.js';

/** Redraws at most this often (ms): fast sweeps take thousands of steps a second. */
const FRAME_MS = 80;

/** The live ink view with a progress bar, ETA and the loss chart. */
export function liveReporter(chartWidth: number): FindReporter {
  let view: LiveView | null = null;
  let props: FindViewProps | null = null;
  let started = 0;
  // The ETA's pace starts when the first step ends (warm-ups and first-step compiles excluded).
  let firstStepEnded: number | null = null;
  let stepsSince = 0;
  let lastDraw = 0;
  let timer: ReturnType<typeof setInterval> | null = null;
  let points: { lr: number; loss: number }[] = [];
  let run = 0;
  const draw = (force = false): void => {
    const now = performance.now();
    if (!props || !view || (!force && now - lastDraw < FRAME_MS)) return;
    lastDraw = now;
    props = { ...props, points: [...points], elapsed: (now - started) / 1000 };
    if (firstStepEnded !== null) props = { ...props, pace: { steps: stepsSince, seconds: (now - firstStepEnded) / 1000 } };
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
      if (firstStepEnded === null) firstStepEnded = performance.now();
      else stepsSince += 1;
      props = { ...props, status: stepStatus(step, props.header.runs) };
      draw(step.step + 1 === step.numIter);
    },
    probe(status) {
      if (!props) return;
      props = { ...props, probe: status };
      draw();
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
