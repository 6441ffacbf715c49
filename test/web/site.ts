// The browser tests' fixture: the page and the test harness built into a temporary folder, served
// on 127.0.0.1, and one headless Chromium. Files that need it skip, saying why, where there is no
// Chromium.
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import type { Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'puppeteer-core';
import { buildWeb, ROOT, type WebBuild } from '../../apps/web/build.js';
import { serveStatic } from '../../apps/web/serve.js';
import { findChromium, launchChromium, pageErrors } from '../../apps/web/tools/chromium.js';
import type { Harness } from '../../apps/web/tools/harness.js';

declare global {
  // Set by apps/web/tools/harness.ts in the page; read inside page.evaluate.
  var lrfindTest: Harness;
}

export const chromium = findChromium();
export const skipReason = chromium.path === null ? chromium.reason : null;
if (skipReason !== null) console.warn(`test/web: skipped: ${skipReason}`);

export interface Site {
  url: string;
  outDir: string;
  build: WebBuild;
  browser: Browser;
  close(): Promise<void>;
}

const HARNESS_HTML = (script: string): string => `<!doctype html><meta charset="utf-8"><body><div id="view"></div><script type="module" src="${script}"></script>`;

/**
 * Builds into a temporary folder: the page at /, the harness bundle at /harness.js with the .wasm
 * files beside it, a harness page in /pages/ (so the bundle's folder is not the page's) and a bare
 * copy in /bare/ with no .wasm files anywhere near it.
 */
export async function startSite(): Promise<Site> {
  if (chromium.path === null) throw new Error(chromium.reason);
  const outDir = mkdtempSync(join(tmpdir(), 'lrfind-web-'));
  const build = await buildWeb({ outDir, extraEntries: { harness: join(ROOT, 'apps/web/tools/harness.ts') } });
  mkdirSync(join(outDir, 'pages'));
  writeFileSync(join(outDir, 'pages/harness.html'), HARNESS_HTML('../harness.js'));
  mkdirSync(join(outDir, 'bare'));
  copyFileSync(join(outDir, 'harness.js'), join(outDir, 'bare/harness.js'));
  writeFileSync(join(outDir, 'bare/harness.html'), HARNESS_HTML('harness.js'));
  const served: { server: Server; url: string } = await serveStatic(outDir);
  const browser = await launchChromium(chromium.path);
  return {
    url: served.url,
    outDir,
    build,
    browser,
    async close() {
      await browser.close();
      await new Promise((resolve) => served.server.close(resolve));
      rmSync(outDir, { recursive: true, force: true });
    },
  };
}

/** A new tab on `path` with its errors collected, once `ready` (a selector, or the harness) is there. */
export async function open(site: Site, path: string, ready?: string): Promise<{ page: Page; errors: string[] }> {
  const page = await site.browser.newPage();
  const errors = pageErrors(page);
  await page.setViewport({ width: 1100, height: 1300 });
  await page.goto(new URL(path, site.url).href);
  if (ready === undefined) await page.waitForFunction(() => globalThis.lrfindTest !== undefined);
  else await page.waitForSelector(ready);
  return { page, errors };
}
