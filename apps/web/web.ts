// `npm run web`: builds the page into dist-web/ and serves it on http://127.0.0.1:<port>/.
// Flags: --port N (or LRFIND_WEB_PORT; default 8716, 0 for any free one), --out DIR, --build-only,
// --isolate (COOP/COEP headers, so the wasm backend may run threads).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { gzipSync } from 'node:zlib';
import { buildWeb } from './build.js';
import { serveStatic } from './serve.js';

const DEFAULT_PORT = 8716;

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: { port: { type: 'string' }, out: { type: 'string' }, 'build-only': { type: 'boolean' }, isolate: { type: 'boolean' }, help: { type: 'boolean' } },
  });
  if (values.help) {
    process.stdout.write('usage: npm run web -- [--port N] [--out DIR] [--build-only] [--isolate]\n');
    return 0;
  }
  const portText = values.port ?? process.env['LRFIND_WEB_PORT'] ?? String(DEFAULT_PORT);
  const port = Number(portText);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    process.stderr.write(`lrfind web: --port must be an integer in [0, 65535], got "${portText}"\n`);
    return 2;
  }
  const started = Date.now();
  const built = await buildWeb(values.out !== undefined ? { outDir: values.out } : {});
  const kib = (n: number): string => `${(n / 1024).toFixed(0)} KiB`;
  const gzipped = gzipSync(readFileSync(join(built.outDir, 'app.js'))).length;
  process.stdout.write(`built ${built.outDir} in ${((Date.now() - started) / 1000).toFixed(1)}s: ${Object.entries(built.sizes).map(([f, n]) => `${f} ${kib(n)}`).join(', ')} (app.js gzipped: ${kib(gzipped)})\n`);
  if (values['build-only']) return 0;
  const { url } = await serveStatic(built.outDir, { port, isolate: values.isolate === true });
  process.stdout.write(`lrfind in your browser: ${url}  (Ctrl-C stops)\n`);
  return new Promise(() => undefined);
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    const code = (error as NodeJS.ErrnoException)?.code;
    process.stderr.write(`lrfind web: ${code === 'EADDRINUSE' ? 'the port is in use: pass --port N (0 for any free one)' : String((error as Error)?.message ?? error)}\n`);
    process.exit(code === 'EADDRINUSE' ? 2 : 1);
  },
);
