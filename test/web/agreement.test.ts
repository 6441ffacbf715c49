// The same seeded range test (the digits CNN, SGD + momentum, 1e-7 → 10) in Chromium on webgl
// and on wasm, and in Node on wasm. Up to the lowest smoothed loss the losses agree step by step
// within a float32 tolerance (measured: wasm in Chromium and in Node bit for bit, webgl within
// 2.1e-7 relative; asserted: 1e-6 and 1e-5); past it the loss climbs and the differences grow
// with it. The bounds read off the curves agree within one step of the lr grid.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runInChromium } from '../../apps/web/tools/agreement.js';
import { gridSteps, lossAgreement } from '../../apps/web/tools/compare.js';
import { seededRunChecked, type RunReport, type SeededRun } from '../../apps/web/tools/range-run.js';
import { loadDatasetArrays } from '../../src/data/arrays.js';
import { initBackend } from '../../src/tfjs/backend.js';
import { skipReason, startSite, type Site } from './site.js';

const SPEC: SeededRun = { model: 'cnn', numIter: 40, confirm: false };

describe.skipIf(skipReason !== null)(`webgl, wasm and Node agree${skipReason ? ` (skipped: ${skipReason})` : ''}`, () => {
  let site: Site;
  const runs: Record<'webgl' | 'wasm' | 'node', RunReport> = {} as never;

  beforeAll(async () => {
    site = await startSite();
    const url = new URL('pages/harness.html', site.url).href;
    runs.wasm = await runInChromium(url, site.browser, 'wasm', SPEC);
    runs.webgl = await runInChromium(url, site.browser, 'webgl', SPEC);
    await initBackend('wasm');
    runs.node = await seededRunChecked(await loadDatasetArrays('digits', { seed: 0 }), SPEC);
  });

  afterAll(async () => {
    await site?.close();
  });

  it('ran the same sweep everywhere', () => {
    expect([runs.webgl.backend, runs.wasm.backend, runs.node.backend]).toEqual(['webgl', 'wasm', 'wasm']);
    for (const r of Object.values(runs)) {
      expect(r.lrs).toEqual(runs.node.lrs);
      expect(r.weightsRestored).toBe(true);
      expect(r.tensorsAfter).toBe(r.tensorsBefore);
    }
  });

  it('wasm in Chromium and wasm in Node give the same losses', () => {
    const a = lossAgreement(runs.wasm.losses, runs.node.losses);
    console.info(`Chromium wasm vs Node wasm: ${a.steps} steps, max relative difference ${a.maxRel.toExponential(2)}`);
    expect(a.steps).toBe(SPEC.numIter);
    expect(a.maxRel).toBeLessThan(1e-6);
  });

  it('webgl agrees with wasm step by step up to the lowest smoothed loss', () => {
    const upTo = Math.min(runs.wasm.bestIndex, runs.webgl.bestIndex) + 1;
    const a = lossAgreement(runs.webgl.losses.slice(0, upTo), runs.wasm.losses.slice(0, upTo));
    const all = lossAgreement(runs.webgl.losses, runs.wasm.losses);
    console.info(`Chromium webgl vs wasm: max relative difference ${a.maxRel.toExponential(2)} over steps 0–${upTo - 1}, ${all.maxRel.toExponential(2)} over all ${all.steps}; webgl ${runs.webgl.medianMsPerStep.toFixed(0)} ms/step (SwiftShader), wasm ${runs.wasm.medianMsPerStep.toFixed(1)}, Node wasm ${runs.node.medianMsPerStep.toFixed(1)}`);
    expect(upTo).toBeGreaterThan(SPEC.numIter / 2);
    expect(a.steps).toBe(upTo);
    expect(a.maxRel).toBeLessThan(1e-5);
  });

  it('reads bounds within one step of the lr grid (or agrees that the curve has none)', () => {
    for (const other of [runs.webgl, runs.node]) {
      // A short sweep from 1e-7 can end before the loss falls: then every backend must say "no bounds".
      expect(other.curveBounds === null).toBe(runs.wasm.curveBounds === null);
      if (runs.wasm.curveBounds === null) continue;
      expect(gridSteps(other.curveBounds!.maxLr, runs.wasm.curveBounds!.maxLr, runs.wasm.lrs)).toBeLessThanOrEqual(1);
      expect(gridSteps(other.curveBounds!.minLr, runs.wasm.curveBounds!.minLr, runs.wasm.lrs)).toBeLessThanOrEqual(1);
    }
  });
});
