// `npm run bench:web`: the same seeded range test in headless Chromium on webgl (SwiftShader:
// software, no GPU here) and on wasm, and in Node on wasm; prints ms/step, step-by-step loss
// agreement and how far the bounds are apart, as JSON and as the README's table rows.
// LRFIND_WEB_MODEL (cnn), LRFIND_WEB_STEPS (100), LRFIND_WEB_CONFIRM (1) change the run.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { initBackend } from '../../../src/node.js';
import { loadDatasetArrays } from '../../../src/data/node.js';
import { type ModelName } from '../../../src/models/index.js';
import { buildWeb, ROOT } from '../build.js';
import { serveStatic } from '../serve.js';
import { findChromium, launchChromium } from './chromium.js';
import { gridSteps, lossAgreement } from './compare.js';
import type { Harness } from './harness.js';
import { seededRunChecked, type RunReport, type SeededRun } from './range-run.js';
import { minOf } from '../../../src/numbers.js';

declare global {
  var lrfindTest: Harness;
}

/**
 * Runs `spec` in a fresh tab on `backend`. `live`: as the page runs it, streaming into the live
 * view with a signal (so the engine yields to the page every step).
 */
export async function runInChromium(
  url: string, browser: Awaited<ReturnType<typeof launchChromium>>, backend: 'webgl' | 'wasm', spec: SeededRun, live = false,
): Promise<RunReport> {
  const page = await browser.newPage();
  try {
    await page.goto(url);
    await page.waitForFunction(() => globalThis.lrfindTest !== undefined);
    return await page.evaluate(async (backendName, runSpec, withView) => {
      const h = globalThis.lrfindTest;
      await h.lrfind.initBackend(backendName, { wasm: h.wasm });
      // digits.csv.gz sits at the site's root, beside the bundle.
      const arrays = await h.loadDigits(new URL('/', location.href).href, runSpec.seed ?? 0);
      if (!withView) return h.seededRunChecked(arrays, runSpec);
      const element = document.createElement('div');
      document.body.append(element);
      const view = await h.views.liveRangeTest(element);
      return h.seededRunChecked(arrays, runSpec, {
        onStep: view.onStep, onProbeStep: view.onProbeStep, signal: new AbortController().signal, onResult: (found) => view.finish(found),
      });
    }, backend, spec, live);
  } finally {
    await page.close();
  }
}

async function main(): Promise<void> {
  const chromium = findChromium();
  if (chromium.path === null) throw new Error(chromium.reason);
  const spec: SeededRun = {
    model: (process.env['LRFIND_WEB_MODEL'] ?? 'cnn') as ModelName,
    numIter: Number(process.env['LRFIND_WEB_STEPS'] ?? 100),
    confirm: (process.env['LRFIND_WEB_CONFIRM'] ?? '1') !== '0',
  };
  const outDir = mkdtempSync(join(tmpdir(), 'lrfind-bench-web-'));
  await buildWeb({ outDir, extraEntries: { harness: join(ROOT, 'apps/web/tools/harness.ts') } });
  writeFileSync(join(outDir, 'harness.html'), '<!doctype html><meta charset="utf-8"><script type="module" src="harness.js"></script>');
  const { server, url } = await serveStatic(outDir);
  const browser = await launchChromium(chromium.path);
  const runs: Record<string, RunReport> = {};
  // Speed: the best of `repeat` sweeps (median ms between steps), the host being shared and noisy.
  const repeat = Number(process.env['LRFIND_WEB_REPEAT'] ?? 1);
  const speed: Record<string, number[]> = {};
  const time = (name: string, report: RunReport): RunReport => ((speed[name] ??= []).push(report.medianMsPerStep), report);
  try {
    for (let k = 0; k < repeat; k++) {
      for (const backend of ['wasm', 'webgl'] as const) {
        const report = time(`chromium-${backend}`, await runInChromium(`${url}harness.html`, browser, backend, spec));
        if (k === 0) runs[`chromium-${backend}`] = report;
        time(`chromium-${backend}-page`, await runInChromium(`${url}harness.html`, browser, backend, { ...spec, confirm: false }, true));
      }
    }
    const info = await initBackend('wasm');
    process.stderr.write(`node: ${info.reason}\n`);
    const digits = await loadDatasetArrays('digits', { seed: 0 });
    for (let k = 0; k < repeat; k++) {
      const report = time(`node-wasm-${info.threads ?? 1}t`, await seededRunChecked(digits, spec));
      if (k === 0) runs[`node-wasm-${info.threads ?? 1}t`] = report;
    }
  } finally {
    await browser.close();
    server.close();
    rmSync(outDir, { recursive: true, force: true });
  }
  const names = Object.keys(runs);
  const pairs: Record<string, unknown> = {};
  for (let i = 0; i < names.length; i++) {
    for (let j = i + 1; j < names.length; j++) {
      const a = runs[names[i]!]!;
      const b = runs[names[j]!]!;
      const bounds = (x: RunReport['bounds'] | RunReport['curveBounds'], y: typeof x) => (x && y ? { maxLr: gridSteps(x.maxLr, y.maxLr, a.lrs), minLr: gridSteps(x.minLr, y.minLr, a.lrs) } : null);
      pairs[`${names[i]} vs ${names[j]}`] = {
        losses: lossAgreement(a.losses, b.losses, [10, 25, 50, 75]),
        lrAtFirstAbove1e4: ((i) => (i === null ? null : a.lrs[i]))(lossAgreement(a.losses, b.losses).firstAbove['1e-4']),
        smoothed: lossAgreement(a.smoothed, b.smoothed, [10, 25, 50, 75]),
        boundsGridSteps: bounds(a.bounds, b.bounds),
        curveBoundsGridSteps: bounds(a.curveBounds, b.curveBounds),
      };
    }
  }
  const summary = Object.fromEntries(names.map((n) => {
    const r = runs[n]!;
    return [n, { msPerStep: r.msPerStep, medianMsPerStep: r.medianMsPerStep, seconds: r.seconds, steps: r.lrs.length, stopReason: r.stopReason, bounds: r.bounds, curveBounds: r.curveBounds, probes: r.probes, weightsRestored: r.weightsRestored, leaked: r.tensorsAfter - r.tensorsBefore }];
  }));
  const best = Object.fromEntries(Object.entries(speed).map(([n, xs]) => [n, { bestMedianMsPerStep: minOf(xs), all: xs }]));
  process.stdout.write(JSON.stringify({ spec, repeat, speed: best, summary, pairs }, null, 2) + '\n');
}

if (process.argv[1]?.endsWith('agreement.js')) {
  main().catch((error: unknown) => {
    process.stderr.write(`bench:web: ${(error as Error)?.stack ?? String(error)}\n`);
    process.exit(1);
  });
}
