// lrfind/views bundles for a browser as a user's bundler sees the package (through its exports):
// vega and vega-embed, never tfjs and never a Node built-in; and the engine never pulls vega in.
// Prints the sizes the README quotes for a bundler app.
import { mkdirSync, mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';
import { afterAll, describe, expect, it } from 'vitest';

const root = resolve(fileURLToPath(new URL('.', import.meta.url)), '../..');
const project = mkdtempSync(join(tmpdir(), 'lrfind-views-bundle-'));
mkdirSync(join(project, 'node_modules'));
symlinkSync(root, join(project, 'node_modules', 'lrfind'), 'dir');
afterAll(() => rmSync(project, { recursive: true, force: true }));

async function bundle(source: string, external: string[] = []): Promise<{ bytes: number; gzip: number; inputs: string[] }> {
  const result = await build({
    stdin: { contents: source, resolveDir: project, loader: 'js' },
    bundle: true, platform: 'browser', format: 'esm', minify: true, write: false, metafile: true, logLevel: 'silent', external,
    nodePaths: [join(root, 'node_modules')],
  });
  const out = result.outputFiles[0]!.contents;
  return { bytes: out.length, gzip: gzipSync(out).length, inputs: Object.keys(result.metafile.inputs) };
}

const kib = (n: number): string => `${(n / 1024).toFixed(0)} KiB`;

describe('the views entry', () => {
  it('lrfind/views loads vega-embed but neither tfjs nor a Node built-in', async () => {
    const { bytes, gzip, inputs } = await bundle("import { showRangeTest, liveRangeTest, showSchedule } from 'lrfind/views'; globalThis.v = [showRangeTest, liveRangeTest, showSchedule];");
    expect(inputs.filter((i) => i.startsWith('node:'))).toEqual([]);
    expect(inputs.filter((i) => i.includes('@tensorflow'))).toEqual([]);
    expect(inputs.some((i) => i.includes('node_modules/vega-embed'))).toBe(true);
    expect(inputs.some((i) => i.includes('dist/reports/views/index.js'))).toBe(true);
    console.info(`lrfind/views (showRangeTest + liveRangeTest + showSchedule, with vega-embed, vega, vega-lite): ${kib(bytes)} minified, ${kib(gzip)} gzipped`);
  });

  it('the ten-line bundler app: tfjs + wasm + lrfind + lrfind/views', async () => {
    const app = [
      "import * as tf from '@tensorflow/tfjs';",
      "import { initBackend, recommendLearningRate, oneCycleCallback } from 'lrfind';",
      "import { liveRangeTest } from 'lrfind/views';",
      'globalThis.app = [tf, initBackend, recommendLearningRate, oneCycleCallback, liveRangeTest];',
    ].join('\n');
    const whole = await bundle(app, ['fs', 'path', 'os', 'worker_threads', 'perf_hooks', 'crypto']);
    const engine = await bundle(app.replace("import { liveRangeTest } from 'lrfind/views';", '').replace(', liveRangeTest', ''), ['fs', 'path', 'os', 'worker_threads', 'perf_hooks', 'crypto']);
    expect(engine.inputs.filter((i) => i.includes('node_modules/vega'))).toEqual([]);
    console.info(`bundler app: ${kib(whole.bytes)} minified (${kib(whole.gzip)} gzipped); without lrfind/views ${kib(engine.bytes)} (${kib(engine.gzip)})`);
  });
});
