// Builds "lrfind in your browser" into one folder that works offline: the page, its bundle (tfjs,
// lrfind, vega), the wasm backend's .wasm files beside it and the digits data. esbuild, from the
// TypeScript sources; nothing is fetched from a CDN at build time or at run time.
import { copyFileSync, mkdirSync, rmSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build, type Metafile } from 'esbuild';

/** The repository root, from src (apps/web) or from dist (dist/apps/web). */
export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), fileURLToPath(import.meta.url).includes('/dist/apps/') ? '../../..' : '../..');

export interface WebBuildOptions {
  /** @default <root>/dist-web */
  outDir?: string;
  /** More entries to bundle beside the page's (name → TypeScript file), e.g. a test harness. */
  extraEntries?: Record<string, string>;
  /** @default true */
  minify?: boolean;
}

export interface WebBuild {
  outDir: string;
  /** Bytes of each output file that the page loads (bundle, .wasm, data). */
  sizes: Record<string, number>;
  metafile: Metafile;
}

/** The .wasm binaries of the wasm backend (the browser picks one: plain, SIMD, threaded SIMD). */
function wasmFiles(): string[] {
  const require = createRequire(join(ROOT, 'package.json'));
  const dist = dirname(require.resolve('@tensorflow/tfjs-backend-wasm/package.json'));
  return ['tfjs-backend-wasm.wasm', 'tfjs-backend-wasm-simd.wasm', 'tfjs-backend-wasm-threaded-simd.wasm'].map((f) => join(dist, 'dist', f));
}

export async function buildWeb(options: WebBuildOptions = {}): Promise<WebBuild> {
  const outDir = resolve(options.outDir ?? join(ROOT, 'dist-web'));
  rmSync(outDir, { recursive: true, force: true });
  mkdirSync(outDir, { recursive: true });
  const result = await build({
    entryPoints: { app: join(ROOT, 'apps/web/main.ts'), ...(options.extraEntries ?? {}) },
    outdir: outDir,
    bundle: true,
    format: 'esm',
    platform: 'browser',
    target: 'es2022',
    minify: options.minify ?? true,
    sourcemap: false,
    metafile: true,
    logLevel: 'warning',
    // tfjs-backend-wasm's glue mentions Node modules it never loads in a page.
    external: ['fs', 'path', 'os', 'worker_threads', 'perf_hooks', 'crypto'],
    legalComments: 'none',
  });
  const copies: Array<[string, string]> = [
    [join(ROOT, 'apps/web/index.html'), 'index.html'],
    [join(ROOT, 'apps/web/style.css'), 'style.css'],
    [join(ROOT, 'data/digits.csv.gz'), 'digits.csv.gz'],
    ...wasmFiles().map((f): [string, string] => [f, f.slice(f.lastIndexOf('/') + 1)]),
  ];
  for (const [from, to] of copies) copyFileSync(from, join(outDir, to));
  const sizes: Record<string, number> = {};
  for (const out of Object.keys(result.metafile.outputs)) sizes[out.slice(out.lastIndexOf('/') + 1)] = result.metafile.outputs[out]!.bytes;
  for (const [, to] of copies) sizes[to] = statSync(join(outDir, to)).size;
  return { outDir, sizes, metafile: result.metafile };
}
