// The range test, live: the sweep and the probes stream into two vega views step by step (the part
// tfjs-vis's fitCallbacks plays for fit), and `finish` turns the sweep into the full interactive
// report. Pass the callbacks to recommendLearningRate:
//   const live = await liveRangeTest(el);
//   const found = await recommendLearningRate(model, data, { onStep: live.onStep, onProbeStep: live.onProbeStep, signal });
//   await live.finish(found);
import { formatLr, formatValue } from '../../src/format.js';
import { LOSS_LIMIT } from '../../src/analysis/prepare.js';
import { smoothLosses } from '../../src/analysis/reading.js';
import { defaultWindowSize } from '../../src/analysis/savitzky-golay.js';
import type { ConfirmOptions } from '../../src/tfjs/confirm.js';
import type { RangeTestStep } from '../../src/tfjs/range-test.js';
import type { LrFinderResult } from '../../src/types.js';
import { changeset, embedSpec, type VegaView, type ViewOptions } from './embed.js';
import { LIVE_DATA, liveProbeSpec, liveSweepSpec, type LiveSweepSpecOptions } from './live-specs.js';
import { showRangeTest, type RangeTestView, type RangeTestViewOptions } from './range-test-view.js';
import { nextFrame, RowStream } from './row-stream.js';
import { minOf } from '../../src/numbers.js';
import { boundsLine, noBoundsReason, tooFewToRead } from '../../src/present/words.js';

export type ProbeStep = Parameters<NonNullable<ConfirmOptions['onStep']>>[0];

export interface LiveRangeTestOptions extends ViewOptions, Pick<LiveSweepSpecOptions, 'startLr' | 'endLr'> {
  /** Losses above this multiple of the first one are drawn at that height, so a diverging tail cannot squash the curve. @default 1.5 */
  clipFactor?: number;
}

export interface LiveRangeTest {
  /** Pass as `onStep` to `recommendLearningRate` / `findLearningRate`. */
  onStep: (step: RangeTestStep) => void;
  /** Pass as `onProbeStep` to `recommendLearningRate` (or `onStep` to `confirmMaxLr`). */
  onProbeStep: (probe: ProbeStep) => void;
  /** Draws the rows still pending; resolves when the views show every step received. */
  flush(): Promise<void>;
  /** Replaces the live sweep with the full report of `found` (regions, bounds, tooltips); the probes' view stays. */
  finish(found: LrFinderResult, options?: RangeTestViewOptions): Promise<RangeTestView>;
  /** The live views; `sweep` is finalized by `finish`, and `probes` replaced by its final drawing. */
  readonly views: { sweep: VegaView; probes: VegaView };
  /** Steps received and drawn, and how many changesets drew them. */
  counts(): { steps: number; probeSteps: number; drawnSteps: number; drawnProbeSteps: number; changesets: number };
  /** Stops both views' listeners. */
  finalize(): void;
}

function part(parent: HTMLElement, className: string): HTMLElement {
  const el = parent.ownerDocument.createElement('div');
  el.className = className;
  parent.append(el);
  return el;
}

/**
 * Empties `element` and puts a status line, the live sweep and (from the first probe on) the live
 * probes in it.
 */
export async function liveRangeTest(element: HTMLElement, options: LiveRangeTestOptions = {}): Promise<LiveRangeTest> {
  element.replaceChildren();
  const status = part(element, 'lrfind-live-status');
  const sweepEl = part(element, 'lrfind-live-sweep');
  const probeEl = part(element, 'lrfind-live-probes');
  // Not `hidden`: vega-embed's own stylesheet (display: inline-block) would show an empty chart.
  probeEl.style.display = 'none';
  const width = options.width !== undefined ? { width: options.width } : {};
  const renderer = { renderer: options.renderer ?? 'svg' } as const;
  const sweep = await embedSpec(sweepEl, liveSweepSpec({ ...width, ...pickDefined(options) }), { ...renderer, quiet: true });
  const probes = await embedSpec(probeEl, liveProbeSpec(width), { ...renderer, quiet: true });
  const views = { sweep, probes };
  const sweepRows = new RowStream(sweep, LIVE_DATA.sweep);
  const probeRows = new RowStream(probes, LIVE_DATA.probes);
  const clipFactor = options.clipFactor ?? 1.5;
  let cap = Number.POSITIVE_INFINITY;
  let steps = 0;
  let probeSteps = 0;
  let probeCount = 0;
  let lastProbeLr: number | null = null;
  const shown = (loss: number): number | null => (Number.isFinite(loss) ? Math.min(loss, cap) : cap === Number.POSITIVE_INFINITY ? null : cap);
  const line = new SmoothedLine(sweep, shown);
  const flush = async (): Promise<void> => {
    await Promise.all([sweepRows.flush(), probeRows.flush(), line.draw()]);
  };

  return {
    onStep(s) {
      if (steps === 0 && Number.isFinite(s.loss) && s.loss > 0) cap = s.loss * clipFactor;
      steps += 1;
      sweepRows.push({ run: s.run, step: s.step, lr: s.lr, loss: s.loss, shown: shown(s.loss) });
      line.add(s);
      // "lowest smoothed" is as of the last frame's line.
      const lowest = Number.isFinite(line.lowest) ? ` · lowest smoothed ${formatValue(line.lowest, 4)}` : '';
      status.textContent = `sweep: step ${s.step + 1}/${s.numIter} · lr ${formatLr(s.lr)} · loss ${formatValue(s.loss, 4)}${lowest}`;
    },
    onProbeStep(p) {
      if (p.step === 0 || p.lr !== lastProbeLr) probeCount += 1;
      lastProbeLr = p.lr;
      probeSteps += 1;
      probeEl.style.display = '';
      probeRows.push({ probe: `${probeCount}: ${formatLr(p.lr)}`, lr: p.lr, step: p.step, loss: p.loss, shown: shown(p.loss) });
      status.textContent = `confirming the max lr: probe ${probeCount} at lr ${formatLr(p.lr)}, step ${p.step + 1}/${p.steps} · loss ${formatValue(p.loss, 4)}`;
    },
    flush,
    async finish(found, viewOptions = {}) {
      await flush();
      sweep.finalize();
      // The bounds sentence of the CLI's summary and of index.html, and why there are none.
      const why = found.analysis === null ? tooFewToRead(found.rangeTest) : found.bounds === null ? noBoundsReason(found.analysis.warnings) : null;
      status.textContent = why === null ? boundsLine(found) : `${boundsLine(found)}: ${why}`;
      const verdicts = new Map((found.confirmation?.probes ?? []).map((p) => [p.lr, p.passed]));
      if (verdicts.size > 0) views.probes = await redrawWithVerdicts(views.probes, verdicts, () => embedSpec(probeEl, liveProbeSpec(width), { ...renderer, quiet: true }));
      if (found.analysis === null) return Promise.reject(new RangeError(status.textContent));
      return showRangeTest(sweepEl, found, { ...width, ...renderer, ...viewOptions });
    },
    views,
    counts: () => ({
      steps, probeSteps, drawnSteps: sweepRows.inserted, drawnProbeSteps: probeRows.inserted, changesets: sweepRows.flushes + probeRows.flushes,
    }),
    finalize() {
      views.sweep.finalize();
      views.probes.finalize();
    },
  };
}

/**
 * The line is the report's smoothing of the current run's losses so far (running median, then
 * Savitzky-Golay with the whole sweep's window), redrawn at most once per frame, so the live curve
 * and "lowest" end on the report's. The range test's own EMA (step.emaLoss) lags the loss by ~50
 * steps and only drives the stop rule: it is never drawn, as in the CLI.
 */
class SmoothedLine {
  private run = -1;
  private lrs: number[] = [];
  private losses: number[] = [];
  private numIter = 0;
  private dirty = false;
  private scheduled = false;
  private done: Promise<void> = Promise.resolve();
  /** The lowest smoothed loss as of the last drawing. */
  lowest = Number.NaN;

  constructor(
    private readonly view: VegaView,
    private readonly shown: (loss: number) => number | null,
  ) {}

  add(s: RangeTestStep): void {
    if (s.run !== this.run) Object.assign(this, { run: s.run, lrs: [], losses: [], lowest: Number.NaN });
    this.numIter = s.numIter;
    // The analysis cuts a curve at a loss it cannot use; so does the line.
    if (this.lrs.length === s.step && Number.isFinite(s.loss) && Math.abs(s.loss) < LOSS_LIMIT) {
      this.lrs.push(s.lr);
      this.losses.push(s.loss);
      this.dirty = true;
    }
    if (this.dirty && !this.scheduled) {
      this.scheduled = true;
      nextFrame(() => void this.draw());
    }
  }

  draw(): Promise<void> {
    this.scheduled = false;
    if (!this.dirty) return this.done;
    this.dirty = false;
    const run = this.run;
    const smoothed = this.losses.length > 0 ? smoothLosses(this.losses, { windowSize: defaultWindowSize(this.numIter) }) : [];
    this.lowest = smoothed.length > 0 ? minOf(smoothed) : Number.NaN;
    const rows = smoothed.map((value, i) => ({ run, step: i, lr: this.lrs[i], smoothedShown: this.shown(value) }));
    this.done = this.done.then(async () => {
      await this.view.change(LIVE_DATA.sweepSmoothed, changeset().remove((d: Record<string, unknown>) => d['run'] === run).insert(rows)).runAsync();
    });
    return this.done;
  }
}

/** Each probe's line learns its verdict. The probes' view is drawn once more, with its rows: after a
 * change in place vega keeps the legend's first width and cuts the longer labels off. */
async function redrawWithVerdicts(old: VegaView, verdicts: ReadonlyMap<number, boolean>, embed: () => Promise<VegaView>): Promise<VegaView> {
  const label = (d: Record<string, unknown>): string => {
    const passed = verdicts.get(d['lr'] as number);
    return passed === undefined ? String(d['probe']) : `${String(d['probe'])} ${passed ? 'trained' : 'failed'}`;
  };
  const rows = (old.data(LIVE_DATA.probes) as Record<string, unknown>[]).map((d) => ({ probe: label(d), lr: d['lr'], step: d['step'], loss: d['loss'], shown: d['shown'] }));
  old.finalize();
  const view = await embed();
  await view.change(LIVE_DATA.probes, changeset().insert(rows)).runAsync();
  return view;
}

function pickDefined(options: LiveRangeTestOptions): Pick<LiveSweepSpecOptions, 'startLr' | 'endLr'> {
  return {
    ...(options.startLr !== undefined ? { startLr: options.startLr } : {}),
    ...(options.endLr !== undefined ? { endLr: options.endLr } : {}),
  };
}
