// `lrfind backends`: text lines and a JSON document from probeBackends, and its --help.
import { beforeAll, describe, expect, it } from 'vitest';
import { requireBuild, runCli } from './helpers.js';

beforeAll(requireBuild);

// One thread asked for: the test does not wait for wasm's thread measurement.
const env = { LRFIND_WASM_THREADS: '1' };

describe('lrfind backends', () => {
  it('prints one line per backend, usable or not with why, then what auto picks', async () => {
    const r = await runCli(['backends'], { env });
    expect(r.code).toBe(0);
    const lines = r.stdout.trimEnd().split('\n');
    expect(lines[0]).toBe('lrfind backends: what can train here, in the order auto tries them');
    expect(lines.slice(1, 5).map((l) => l.trim().split(/\s+/)[0])).toEqual(['tensorflow', 'webgpu', 'wasm', 'cpu']);
    expect(lines[3]).toMatch(/^ {2}wasm {8}usable {3}SIMD, lrfind's training kernels, 1 thread: asked for \(LRFIND_WASM_THREADS\)$/);
    expect(lines[5]).toMatch(/^auto picks (tensorflow|webgpu|wasm)$/);
  });

  it('--json prints the report as one document', async () => {
    const r = await runCli(['backends', '--json'], { env });
    expect(r.code).toBe(0);
    const report = JSON.parse(r.stdout) as { auto: string; backends: Array<{ name: string; usable: boolean; why: string }> };
    expect(report.backends.map((b) => b.name)).toEqual(['tensorflow', 'webgpu', 'wasm', 'cpu']);
    expect(report.backends[2]!.usable).toBe(true);
  });

  it('--help shows usage and examples; unknown flags are usage errors', async () => {
    const help = await runCli(['backends', '--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toMatch(/^Usage: lrfind backends /);
    expect(help.stdout).toContain('--allow-software');
    const bad = await runCli(['backends', '--gpu']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toBe('lrfind: unknown flag --gpu (see lrfind backends --help)\n');
  });
});
