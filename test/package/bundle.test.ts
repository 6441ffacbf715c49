// `import … from 'lrfind'` bundles for a browser: no Node built-in anywhere in the graph, and the
// pure subpaths pull in neither tfjs nor vega. Bundled from dist/ as a user's bundler sees the
// package (resolved through its package.json exports), with esbuild.
import { mkdirSync, mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build, type Metafile, type Plugin } from 'esbuild';
import { afterAll, describe, expect, it } from 'vitest';

const root = resolve(fileURLToPath(new URL('.', import.meta.url)), '../..');
const project = mkdtempSync(join(tmpdir(), 'lrfind-bundle-'));
mkdirSync(join(project, 'node_modules'));
symlinkSync(root, join(project, 'node_modules', 'lrfind'), 'dir');
afterAll(() => rmSync(project, { recursive: true, force: true }));

/** A project that lacks the optional backend packages: resolving one fails, as esbuild does when it is not installed. */
const withoutOptionalBackends: Plugin = {
  name: 'without-optional-backends',
  setup(b) {
    b.onResolve({ filter: /^@tensorflow\/tfjs-(backend-wasm|backend-webgpu|node)/ }, (args) => ({ errors: [{ text: `Could not resolve "${args.path}"` }] }));
  },
};

async function bundle(source: string, external: string[] = [], plugins: Plugin[] = []): Promise<{ bytes: number; inputs: string[]; metafile: Metafile }> {
  const result = await build({
    stdin: { contents: source, resolveDir: project, loader: 'js' },
    bundle: true, platform: 'browser', format: 'esm', minify: true, write: false, metafile: true, logLevel: 'silent', external, plugins,
  });
  return { bytes: result.outputFiles[0]!.contents.length, inputs: Object.keys(result.metafile.inputs), metafile: result.metafile };
}

describe('the browser entry', () => {
  it('bundles findLearningRate + analyzeCurve + oneCycleCallback with no Node built-in', async () => {
    const { bytes, inputs } = await bundle(
      "import { findLearningRate, analyzeCurve, oneCycleCallback } from 'lrfind'; globalThis.x = [findLearningRate, analyzeCurve, oneCycleCallback];",
      ['@tensorflow/*'],
    );
    expect(inputs.filter((i) => i.startsWith('node:') || /\/(fs|path|os|worker_threads)\.js$/.test(i))).toEqual([]);
    expect(inputs.some((i) => i.includes('dist/src/node.js'))).toBe(false);
    expect(inputs.filter((i) => i.includes('node_modules/vega'))).toEqual([]);
    console.info(`findLearningRate + analyzeCurve + oneCycleCallback beyond tfjs: ${(bytes / 1024).toFixed(1)} KiB minified`);
  });

  it('bundles in an app that has @tensorflow/tfjs but none of the optional backend packages (webgl only)', async () => {
    const { inputs } = await bundle(
      "import { initBackend, recommendLearningRate, oneCycleCallback } from 'lrfind'; globalThis.x = [initBackend, recommendLearningRate, oneCycleCallback];",
      ['@tensorflow/tfjs'],
      [withoutOptionalBackends],
    );
    expect(inputs.filter((i) => i.includes('tfjs-backend-wasm'))).toEqual([]);
    // The check can fail: an app that imports the wasm backend needs the package.
    await expect(bundle("import '@tensorflow/tfjs-backend-wasm';", ['@tensorflow/tfjs'], [withoutOptionalBackends])).rejects.toThrow(/Could not resolve "@tensorflow\/tfjs-backend-wasm"/);
  });

  it('bundles the whole barrel for a browser', async () => {
    const { inputs } = await bundle("import * as lrfind from 'lrfind'; globalThis.lrfind = lrfind;", ['@tensorflow/*']);
    expect(inputs.filter((i) => i.startsWith('node:'))).toEqual([]);
  });

  it.each(['lrfind/schedules', 'lrfind/analysis'])('%s loads neither tfjs nor vega', async (entry) => {
    const { inputs } = await bundle(`import * as m from '${entry}'; globalThis.m = m;`);
    expect(inputs.filter((i) => /@tensorflow|vega/.test(i))).toEqual([]);
  });

  it('refuses a Node built-in: the check can fail', async () => {
    await expect(bundle("import { loadDataset } from 'lrfind/node'; globalThis.x = loadDataset;", ['@tensorflow/*'])).rejects.toThrow(/node:/);
  });
});
