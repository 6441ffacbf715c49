// A tiny static server for the built page: 127.0.0.1 only, GET and HEAD, no directory listings,
// nothing outside the folder. `isolate` sends COOP/COEP so that the wasm backend may use threads.
import { createReadStream, statSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { extname, join, normalize, sep } from 'node:path';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.wasm': 'application/wasm',
  // Served as bytes, not with Content-Encoding: the page decompresses it itself.
  '.gz': 'application/gzip',
  '.json': 'application/json',
  '.png': 'image/png',
  '.svg': 'image/svg+xml',
};

export interface ServeOptions {
  /** 0 picks a free port. @default 0 */
  port?: number;
  /** Cross-origin isolation headers (wasm threads). @default false */
  isolate?: boolean;
}

/** Serves `dir` on 127.0.0.1; resolves once listening, with the URL. */
export async function serveStatic(dir: string, options: ServeOptions = {}): Promise<{ server: Server; url: string }> {
  const root = normalize(dir + sep);
  const server = createServer((req, res) => {
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405, { allow: 'GET, HEAD' }).end();
      return;
    }
    let path: string;
    try {
      const pathname = decodeURIComponent(new URL(req.url ?? '/', 'http://localhost').pathname);
      path = normalize(join(root, pathname.endsWith('/') ? pathname + 'index.html' : pathname));
    } catch {
      res.writeHead(400).end();
      return;
    }
    const size = path.startsWith(root) ? fileSize(path) : null;
    if (size === null) {
      res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' }).end('not found\n');
      return;
    }
    const headers: Record<string, string | number> = {
      'content-type': TYPES[extname(path)] ?? 'application/octet-stream',
      'content-length': size,
      'cache-control': 'no-cache',
    };
    if (options.isolate) Object.assign(headers, { 'cross-origin-opener-policy': 'same-origin', 'cross-origin-embedder-policy': 'require-corp' });
    res.writeHead(200, headers);
    if (req.method === 'HEAD') res.end();
    else createReadStream(path).pipe(res);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  const address = server.address();
  const port = typeof address === 'object' && address !== null ? address.port : options.port;
  return { server, url: `http://127.0.0.1:${port}/` };
}

function fileSize(path: string): number | null {
  try {
    const stat = statSync(path);
    return stat.isFile() ? stat.size : null;
  } catch {
    return null;
  }
}
