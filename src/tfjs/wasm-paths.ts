// Where a page's wasm backend fetches its .wasm files when the caller names no place. tfjs looks
// in the page's folder; bundlers put the bundle (and, when told to copy them, the .wasm files)
// in a folder of their own (dist/, assets/). So lrfind looks beside the script it was bundled
// into first, and keeps tfjs's page folder when the files are not there.

/** The three binaries of @tensorflow/tfjs-backend-wasm; copy all of them (which one loads depends on the browser). */
export const WASM_FILES = ['tfjs-backend-wasm.wasm', 'tfjs-backend-wasm-simd.wasm', 'tfjs-backend-wasm-threaded-simd.wasm'] as const;

type Fetch = (url: string, init: { method: string }) => Promise<{ ok: boolean; headers: { get(name: string): string | null } }>;

/**
 * The folder of `moduleUrl` (by default the script holding this code: the bundle) when it is
 * served over http(s) and holds the SIMD binary, else null. An SPA server's fallback page (text/html
 * with status 200) does not count. Never throws.
 */
export async function wasmFolderBeside(moduleUrl: string = import.meta.url, fetchImpl: Fetch | undefined = globalThis.fetch): Promise<string | null> {
  // webpack replaces import.meta.url with the source's file: URL at build time; nothing to look at then.
  if (!/^https?:/.test(moduleUrl) || fetchImpl === undefined) return null;
  const folder = new URL('./', moduleUrl).href;
  try {
    const response = await fetchImpl(new URL(WASM_FILES[1], folder).href, { method: 'HEAD' });
    const type = response.headers.get('content-type') ?? '';
    return response.ok && !type.includes('text/html') ? folder : null;
  } catch {
    return null;
  }
}
