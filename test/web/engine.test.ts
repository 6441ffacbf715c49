// The engine and the views in real headless Chromium: a conv-net range test with confirmation
// probes on wasm (weights back bit for bit, finite bounds, no tensor left behind), streamed into the
// live view step by step, then the interactive report with its tooltip; the backends the browser
// initBackend picks, and its message when the .wasm files are nowhere to be found.
import type { Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunReport } from '../../apps/web/tools/range-run.js';
import { open, skipReason, startSite, type Site } from './site.js';

interface LiveResult {
  info: { backend: string; reason: string; trainingKernels: string[]; threads?: number };
  report: RunReport;
  counts: { steps: number; probeSteps: number; drawnSteps: number; drawnProbeSteps: number; changesets: number };
  /** Rows drawn in the live sweep view when the sweep was half done, and when the probes began. */
  midRun: { step: number; rows: number };
  rowsAtEnd: number;
  probeLabels: string[];
  reportMarks: boolean;
  /** The live sweep's smoothed line when the sweep ended, and the report's smoothed curve. */
  line: (number | null)[];
  reportSmoothed: number[];
  /** The live view's status line after finish, and the bounds sentence of the CLI and index.html. */
  boundsStatus: { shown: string; sentence: string };
}

describe.skipIf(skipReason !== null)(`in headless Chromium${skipReason ? ` (skipped: ${skipReason})` : ''}`, () => {
  let site: Site;
  let page: Page;
  let errors: string[];
  let live: LiveResult;

  beforeAll(async () => {
    site = await startSite();
    // The harness page lives in /pages/ while its bundle and the .wasm files are at /: wasm has to find them beside the bundle.
    ({ page, errors } = await open(site, 'pages/harness.html'));
    live = await page.evaluate(async () => {
      const { lrfind, views, wasm, words, loadDigits, seededRunChecked } = globalThis.lrfindTest;
      const info = await lrfind.initBackend('wasm', { wasm });
      const arrays = await loadDigits(new URL('../', location.href).href, 0);
      const element = document.getElementById('view')!;
      const view = await views.liveRangeTest(element, { startLr: 1e-7, endLr: 10 });
      const midRun = { step: -1, rows: -1 };
      let rowsAtEnd = -1;
      let line: (number | null)[] = [];
      let reportSmoothed: number[] = [];
      const boundsStatus = { shown: '', sentence: '' };
      const numIter = 60;
      const report = await seededRunChecked(arrays, { model: 'cnn', numIter, confirm: true }, {
        signal: new AbortController().signal,
        onStep: (step) => {
          view.onStep(step);
          if (step.step === numIter / 2) Object.assign(midRun, { step: step.step, rows: view.views.sweep.data('sweep').length });
        },
        onProbeStep: (probe) => {
          if (rowsAtEnd < 0) rowsAtEnd = view.views.sweep.data('sweep').length;
          view.onProbeStep(probe);
        },
        onResult: async (found) => {
          await view.finish(found);
          boundsStatus.shown = element.querySelector('.lrfind-live-status')?.textContent ?? '';
          boundsStatus.sentence = words.boundsLine(found);
          line = view.views.sweep.data('sweep_smoothed').map((d: { smoothedShown: number | null }) => d.smoothedShown);
          reportSmoothed = found.analysis?.smoothedLosses ?? [];
        },
      });
      const probeLabels = [...new Set(view.views.probes.data('probes').map((d: { probe: string }) => d.probe))];
      const reportMarks = element.querySelector('.lrfind-live-sweep .mark-rect.role-mark.region_band_marks, .lrfind-live-sweep [class*="region_band"]') !== null;
      return { info, report, counts: view.counts(), midRun, rowsAtEnd, probeLabels, reportMarks, line, reportSmoothed, boundsStatus };
    });
  });

  afterAll(async () => {
    await site?.close();
  });

  it('trains on wasm with lrfind\'s kernels, its .wasm files found beside the bundle (not the page)', () => {
    expect(live.info.backend).toBe('wasm');
    expect(live.info.reason).toMatch(/using wasm with lrfind's training kernels \(SIMD, 1 thread\)/);
    expect(live.info.trainingKernels).toContain('Conv2DBackpropFilter');
  });

  it('runs a conv-net range test with confirmation: weights and lr restored, finite bounds, no tensor leaked', () => {
    const r = live.report;
    expect(r.lrs).toHaveLength(60);
    expect(r.losses.every(Number.isFinite)).toBe(true);
    expect(r.probes.length).toBeGreaterThan(0);
    expect(r.bounds).not.toBeNull();
    expect(Number.isFinite(r.bounds!.maxLr) && Number.isFinite(r.bounds!.minLr) && r.bounds!.minLr < r.bounds!.maxLr).toBe(true);
    expect(r.weightsRestored).toBe(true);
    expect(r.lrRestored).toBe(true);
    expect(r.tensorsAroundRun[1]).toBe(r.tensorsAroundRun[0]);
    expect(r.tensorsAfter).toBe(r.tensorsBefore);
    console.info(`cnn on wasm in Chromium: ${r.msPerStep.toFixed(1)} ms/step, ${r.probes.length} probe(s), bounds ${JSON.stringify(r.bounds)}, ${r.seconds.toFixed(1)} s`);
  });

  it("ends on the bounds sentence that the CLI's summary and index.html print", () => {
    expect(live.boundsStatus.sentence).toMatch(/^bounds: max lr \S+ · min lr \S+ \((confirmed|lrfind), confidence [\d.]+\)$/);
    expect(live.boundsStatus.shown).toBe(live.boundsStatus.sentence);
  });

  it('streams every sweep and probe step into the live view, incrementally', () => {
    const { counts, report } = live;
    expect(counts.steps).toBe(report.lrs.length);
    expect(counts.probeSteps).toBe(report.probes.reduce((n, p) => n + p.steps, 0));
    expect(counts.drawnSteps).toBe(counts.steps);
    expect(counts.drawnProbeSteps).toBe(counts.probeSteps);
    // Rows arrived while the sweep ran (not all at the end), in fewer changesets than steps.
    expect(live.midRun.rows).toBeGreaterThan(0);
    expect(live.midRun.rows).toBeLessThan(counts.steps);
    // At most a frame's worth of rows waits for the next changeset.
    expect(live.rowsAtEnd).toBeGreaterThan(live.midRun.rows);
    expect(live.rowsAtEnd).toBeLessThanOrEqual(counts.steps);
    expect(counts.changesets).toBeGreaterThan(2);
    expect(counts.changesets).toBeLessThan(counts.steps + counts.probeSteps);
    // finish: each probe line carries its verdict, and the sweep became the full report.
    expect(live.probeLabels.length).toBe(report.probes.length);
    expect(live.probeLabels.every((l) => / (trained|failed)$/.test(l))).toBe(true);
    expect(live.reportMarks).toBe(true);
  });

  it('draws the smoothed line as the report smooths the curve, not the stop rule\'s lagging EMA', () => {
    const cap = live.report.losses[0]! * 1.5;
    expect(live.line).toHaveLength(live.reportSmoothed.length);
    live.line.forEach((y, i) => expect(y).toBeCloseTo(Math.min(live.reportSmoothed[i]!, cap), 9));
  });

  it('shows a tooltip with lr, loss and region at the nearest point of the report', async () => {
    const plot = await page.$('.lrfind-live-sweep svg .mark-rule.role-mark');
    expect(plot).not.toBeNull();
    const box = await page.$eval('.lrfind-live-sweep svg', (svg) => {
      const r = svg.getBoundingClientRect();
      return { x: r.x, y: r.y, width: r.width, height: r.height };
    });
    await page.mouse.move(box.x + box.width * 0.35, box.y + box.height * 0.55);
    await page.mouse.move(box.x + box.width * 0.36, box.y + box.height * 0.55);
    const tooltip = await page.waitForFunction(() => {
      const el = document.getElementById('vg-tooltip-element');
      return el !== null && el.classList.contains('visible') ? el.textContent : false;
    }, { timeout: 5000 });
    const text = String(await tooltip.jsonValue());
    expect(text).toMatch(/lr/);
    expect(text).toMatch(/loss/);
    expect(text).toMatch(/region(too small|good|too large)/);
    expect(text).toMatch(/bounds(below min lr|within the bounds|above max lr)/);
  });

  it('draws a one-cycle schedule with its momentum panel', async () => {
    const text = await page.evaluate(async () => {
      const { lrfind, views } = globalThis.lrfindTest;
      const el = document.createElement('div');
      document.body.append(el);
      const shown = await views.showSchedule(el, lrfind.oneCycle({ maxLr: 0.1, totalSteps: 200 }), 200, { stepsPerEpoch: 20 });
      const svg = await shown.toSvg();
      return { inPage: el.textContent ?? '', svg: svg.length };
    });
    expect(text.inPage).toMatch(/momentum/);
    expect(text.inPage).toMatch(/epoch/);
    expect(text.svg).toBeGreaterThan(1000);
  });

  it("picks webgl under 'auto' (no webgpu registered), saying why", async () => {
    const { page: fresh } = await open(site, 'pages/harness.html');
    const info = await fresh.evaluate(() => globalThis.lrfindTest.lrfind.initBackend('auto'));
    await fresh.close();
    expect(info.backend).toBe('webgl');
    expect(info.reason).toMatch(/^webgpu not registered .*; using webgl( on .+)?$/);
    console.info(`initBackend('auto') in Chromium: ${info.reason}`);
    // Headless Chromium here draws webgl with SwiftShader: the reason says it is software.
    if (/swiftshader/i.test(info.reason)) expect(info.reason).toMatch(/a software renderer: slow/);
  });

  it('says where it looked when the .wasm files are nowhere near the page or the bundle', async () => {
    const { page: bare, errors: bareErrors } = await open(site, 'bare/harness.html');
    const message = await bare.evaluate(() => globalThis.lrfindTest.lrfind.initBackend('wasm', { wasm: globalThis.lrfindTest.wasm }).then(() => 'started', (e: Error) => e.message));
    await bare.close();
    expect(message).toMatch(/backend 'wasm' could not start: .*wasm did not start.*the page's folder/);
    expect(bareErrors.filter((e) => e.startsWith('pageerror'))).toEqual([]);
  });

  it('left no error in the page', () => {
    expect(errors).toEqual([]);
  });
});
