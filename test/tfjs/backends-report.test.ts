// probeBackends: every backend with whether it is usable and why, and auto's pick, which must be
// the first backend auto may use (never a software webgpu adapter). With lavapipe installed the
// webgpu rows are checked against a real software adapter.
import { describe, expect, it } from 'vitest';
import { probeBackends } from '../../src/tfjs/backends-report.js';
import { webGpuForTests } from './webgpu/lavapipe.js';

const gpu = await webGpuForTests();
const software = gpu.ok && /\bsoftware\b/.test(gpu.adapter);

describe('probeBackends', () => {
  it('lists tensorflow, webgpu, wasm and cpu in the order auto tries them, and picks the first auto may use', async () => {
    const report = await probeBackends({ wasmThreads: 1 });
    expect(report.backends.map((b) => b.name)).toEqual(['tensorflow', 'webgpu', 'wasm', 'cpu']);
    expect(report.auto).toBe(report.backends.find((b) => b.auto)!.name);
    for (const b of report.backends) {
      expect(b.why).not.toBe('');
      expect(b.why).not.toContain('\n');
      if (b.auto) expect(b.usable).toBe(true);
    }
    const wasm = report.backends[2]!;
    expect(wasm).toMatchObject({ usable: true, auto: true, simd: true, threads: { threads: 1, why: 'asked for (wasmThreads)' } });
    expect(wasm.why).toBe("SIMD, lrfind's training kernels, 1 thread: asked for (wasmThreads)");
    expect(report.backends[3]).toMatchObject({ name: 'cpu', usable: true, auto: true });
    expect(report.autoWhy.endsWith(`${report.auto}: ${report.backends.find((b) => b.name === report.auto)!.why}`)).toBe(true);
  });

  it.skipIf(!software)('describes a software webgpu adapter, never lets auto take it, and counts it usable only when allowed', async () => {
    const refused = (await probeBackends({ wasmThreads: 1 })).backends[1]!;
    expect(refused).toMatchObject({ usable: false, auto: false, adapter: { software: true } });
    expect(refused.why).toContain('auto never uses it; an explicit webgpu needs allowSoftwareAdapter or LRFIND_WEBGPU_ALLOW_SOFTWARE=1');
    const allowed = await probeBackends({ wasmThreads: 1, allowSoftwareAdapter: true });
    expect(allowed.backends[1]).toMatchObject({ usable: true, auto: false });
    expect(allowed.auto).not.toBe('webgpu');
  });
});
