// The page's static server: 127.0.0.1 only, the folder and nothing outside it, the types a page
// needs (wasm for streaming compile, gzip as bytes), COOP/COEP only when asked.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serveStatic } from '../../../apps/web/serve.js';

const dir = mkdtempSync(join(tmpdir(), 'lrfind-serve-'));
mkdirSync(join(dir, 'site'));
writeFileSync(join(dir, 'secret.txt'), 'outside');
writeFileSync(join(dir, 'site/index.html'), '<!doctype html>');
writeFileSync(join(dir, 'site/a.wasm'), 'wasm');
writeFileSync(join(dir, 'site/d.csv.gz'), 'gz');

/** A raw request (fetch would normalise `..` away before it leaves). */
const get = (url: string, path: string, method = 'GET'): Promise<{ status: number; headers: Record<string, unknown>; body: string }> =>
  new Promise((resolve, reject) => {
    const req = request(new URL(url), { method, path }, (res) => {
      let body = '';
      res.on('data', (c: Buffer) => (body += c.toString()));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
    });
    req.on('error', reject);
    req.end();
  });

describe('serveStatic', () => {
  let plain: Awaited<ReturnType<typeof serveStatic>>;
  let isolated: Awaited<ReturnType<typeof serveStatic>>;
  beforeAll(async () => {
    plain = await serveStatic(join(dir, 'site'));
    isolated = await serveStatic(join(dir, 'site'), { isolate: true });
  });
  afterAll(() => {
    plain.server.close();
    isolated.server.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('listens on 127.0.0.1 and serves the folder with the right types', async () => {
    expect(plain.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
    const index = await get(plain.url, '/');
    expect(index).toMatchObject({ status: 200, body: '<!doctype html>' });
    expect(index.headers['content-type']).toMatch(/text\/html/);
    expect((await get(plain.url, '/a.wasm')).headers['content-type']).toBe('application/wasm');
    const gz = await get(plain.url, '/d.csv.gz', 'HEAD');
    expect(gz.headers['content-type']).toBe('application/gzip');
    expect(gz.headers['content-encoding']).toBeUndefined();
    expect(gz.body).toBe('');
  });

  it('serves nothing outside the folder, and only GET and HEAD', async () => {
    expect((await get(plain.url, '/../secret.txt')).status).toBe(404);
    expect((await get(plain.url, '/%2e%2e/secret.txt')).status).toBe(404);
    expect((await get(plain.url, '/missing.js')).status).toBe(404);
    expect((await get(plain.url, '/', 'POST')).status).toBe(405);
  });

  it('sends the cross-origin isolation headers only when asked', async () => {
    expect((await get(plain.url, '/')).headers['cross-origin-embedder-policy']).toBeUndefined();
    const headers = (await get(isolated.url, '/')).headers;
    expect(headers['cross-origin-opener-policy']).toBe('same-origin');
    expect(headers['cross-origin-embedder-policy']).toBe('require-corp');
  });
});
