// Headless Chromium for the page's tests and tools: Debian's /usr/bin/chromium (or
// LRFIND_CHROMIUM), driven by puppeteer-core, which never downloads a browser. WebGL runs on
// SwiftShader (software) where there is no GPU.
import { accessSync, constants } from 'node:fs';
import type { Browser, Page } from 'puppeteer-core';

const CANDIDATES = ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome'];

/** The browser to drive, or null with the reason. */
export function findChromium(): { path: string } | { path: null; reason: string } {
  const wanted = process.env['LRFIND_CHROMIUM'];
  for (const path of wanted ? [wanted] : CANDIDATES) {
    try {
      accessSync(path, constants.X_OK);
      return { path };
    } catch {
      // next
    }
  }
  return { path: null, reason: `no Chromium at ${(wanted ? [wanted] : CANDIDATES).join(', ')} (apt-get install chromium, or set LRFIND_CHROMIUM)` };
}

export async function launchChromium(path: string): Promise<Browser> {
  const { launch } = await import('puppeteer-core');
  return launch({
    executablePath: path,
    headless: true,
    args: ['--no-sandbox', '--use-angle=swiftshader', '--enable-unsafe-swiftshader', '--ignore-gpu-blocklist', '--disable-dev-shm-usage'],
  });
}

/** Collects the page's console errors and uncaught exceptions, for a test to assert on. */
export function pageErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(`pageerror: ${(error as Error).message ?? String(error)}`));
  page.on('console', (message) => {
    if (message.type() === 'error' && !/favicon|Failed to load resource/.test(message.text())) errors.push(`console: ${message.text()}`);
  });
  return errors;
}
