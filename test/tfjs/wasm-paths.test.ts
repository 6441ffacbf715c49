import { describe, expect, it } from 'vitest';
import { wasmFolderBeside } from '../../src/tfjs/wasm-paths.js';

const reply = (ok: boolean, type: string) => async () => ({ ok, headers: { get: () => type } });

describe('wasmFolderBeside', () => {
  it("is the bundle's folder when the SIMD binary is served there", async () => {
    const asked: string[] = [];
    const fetch = async (url: string) => (asked.push(url), { ok: true, headers: { get: () => 'application/wasm' } });
    expect(await wasmFolderBeside('http://localhost:8080/assets/app.js?v=1', fetch)).toBe('http://localhost:8080/assets/');
    expect(asked).toEqual(['http://localhost:8080/assets/tfjs-backend-wasm-simd.wasm']);
  });

  it("is null (tfjs's page folder) on a 404, an SPA's html fallback, a failed fetch or a file: URL", async () => {
    expect(await wasmFolderBeside('https://x.org/app.js', reply(false, 'text/plain'))).toBeNull();
    expect(await wasmFolderBeside('https://x.org/app.js', reply(true, 'text/html; charset=utf-8'))).toBeNull();
    expect(await wasmFolderBeside('https://x.org/app.js', async () => Promise.reject(new TypeError('offline')))).toBeNull();
    expect(await wasmFolderBeside('file:///src/tfjs/browser-backend.js', reply(true, 'application/wasm'))).toBeNull();
  });
});
