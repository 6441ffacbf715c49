// `lrfind find --backend webgpu` end to end on lavapipe: it trains there when software adapters are
// allowed, and otherwise refuses in one line naming the adapter. Skips without a webgpu adapter.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { skipNote, webGpuForTests } from '../tfjs/webgpu/lavapipe.js';
import { oneErrorLine, requireBuild, runCli } from './helpers.js';

// Also points VK_ICD_FILENAMES at lavapipe in this process, which the CLI's child inherits.
const gpu = await webGpuForTests();
if (!gpu.ok) skipNote('test/cli/find-webgpu.test.ts', gpu.why);
const software = gpu.ok && /\bsoftware\b/.test(gpu.adapter);
const dir = mkdtempSync(join(tmpdir(), 'lrfind-find-webgpu-'));

beforeAll(requireBuild);

describe.skipIf(!gpu.ok)('lrfind find --backend webgpu', () => {
  it('runs the range test on webgpu', async () => {
    const args = ['find', '--model', 'mlp', '--data', 'digits', '--num-iter', '5', '--no-confirm', '--backend', 'webgpu', '--json', '--out', join(dir, 'ok')];
    const r = await runCli(args, { env: { LRFIND_WEBGPU_ALLOW_SOFTWARE: '1' }, timeoutMs: 120_000 });
    expect(r.code, r.stderr).toBe(3); // 5 points are too few for bounds: exit 3, the curve still written
    const doc = JSON.parse(r.stdout) as { backend: string; curve: { lr: number[] }; bounds: unknown };
    expect(doc.bounds).toBeNull();
    expect(doc.backend).toBe('webgpu');
    expect(doc.curve.lr).toHaveLength(5);
  });

  it.skipIf(!software)('refuses a software adapter unless allowed, as a usage error naming it', async () => {
    const r = await runCli(['find', '--model', 'mlp', '--data', 'digits', '--num-iter', '5', '--backend', 'webgpu', '--out', join(dir, 'refused')], { env: { LRFIND_WEBGPU_ALLOW_SOFTWARE: '0' } });
    expect(r.code).toBe(2);
    // The adapter is looked at in a child process: Dawn's and the drivers' own warnings stay there.
    expect(r.stderr.trimEnd().split('\n')).toHaveLength(1);
    expect(oneErrorLine(r.stderr)).toMatch(/^lrfind: --backend webgpu: backend 'webgpu' could not start: webgpu adapter .* is software, so not used \(allowSoftwareAdapter: true or LRFIND_WEBGPU_ALLOW_SOFTWARE=1 trains on it anyway\)$/);
  });
});
