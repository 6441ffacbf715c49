// `npm run web:screenshots`: the README's three pictures of "lrfind in your browser", taken in
// headless Chromium as a user would see the page: before a run, during it (the live chart
// streaming) and after it (bounds, downloads, schedule). Bundled digits, the built-in cnn, the
// page's default backend (auto: webgl, on SwiftShader where there is no GPU).
// Writes docs/web/1-before.png, 2-during.png, 3-after.png (LRFIND_SCREENSHOTS_OUT moves them).
import { mkdirSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Page } from 'puppeteer-core';
import { buildWeb, ROOT } from '../build.js';
import { serveStatic } from '../serve.js';
import { findChromium, launchChromium, pageErrors } from './chromium.js';

const QUERY = '?model=cnn&steps=100';
const WIDTH = 1200;

async function shoot(page: Page, path: string): Promise<void> {
  await page.screenshot({ path: path as `${string}.png`, fullPage: true });
  process.stdout.write(`${path} (${(statSync(path).size / 1024).toFixed(0)} KiB)\n`);
}

async function main(): Promise<void> {
  const chromium = findChromium();
  if (chromium.path === null) throw new Error(chromium.reason);
  const outDir = resolve(process.env['LRFIND_SCREENSHOTS_OUT'] ?? join(ROOT, 'docs/web'));
  mkdirSync(outDir, { recursive: true });
  const site = mkdtempSync(join(tmpdir(), 'lrfind-screenshots-'));
  await buildWeb({ outDir: site });
  const { server, url } = await serveStatic(site);
  const browser = await launchChromium(chromium.path);
  try {
    const page = await browser.newPage();
    const errors = pageErrors(page);
    await page.setViewport({ width: WIDTH, height: 900, deviceScaleFactor: 1 });
    await page.goto(url + QUERY);
    await page.waitForSelector('body[data-state="idle"]');
    await shoot(page, join(outDir, '1-before.png'));

    await page.click('#run');
    // Well into the sweep, past the curve's dip, while the chart is still streaming.
    await page.waitForFunction(() => {
      const step = /sweep: step (\d+)\//.exec(document.querySelector('.lrfind-live-status')?.textContent ?? '');
      return step !== null && Number(step[1]) >= 88;
    }, { timeout: 120_000 });
    await shoot(page, join(outDir, '2-during.png'));

    await page.waitForFunction(() => ['done', 'error'].includes(document.body.dataset['state'] ?? ''), { timeout: 300_000 });
    const state = await page.evaluate(() => document.body.dataset['state']);
    if (state !== 'done') throw new Error(`the run ended in "${state}": ${await page.$eval('#message', (e) => e.textContent)}`);
    // Let vega finish laying out the final report and the schedule before the picture.
    await new Promise((done) => setTimeout(done, 500));
    await shoot(page, join(outDir, '3-after.png'));
    if (errors.length > 0) throw new Error(`the page logged errors:\n${errors.join('\n')}`);
  } finally {
    await browser.close();
    server.close();
    rmSync(site, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`web:screenshots: ${(error as Error)?.stack ?? String(error)}\n`);
  process.exit(1);
});
