// lrfind find --weight-decay through the real binary: given, or chosen from Smith's family; the
// summary, the report and range-test.json carry it; schedule --from passes it on; bad values refused.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { requireBuild, runCli, tempDir } from './helpers.js';

let dir: string;
const SMALL = ['--model', 'mlp', '--data', 'digits', '--num-iter', '40', '--backend', 'cpu', '--no-confirm'];

beforeAll(() => {
  requireBuild();
  dir = tempDir();
});

describe('lrfind find --weight-decay', () => {
  it('auto: a range test at each decay, the choice and why in the summary, the file and the family chart', async () => {
    const out = join(dir, 'auto');
    const r = await runCli(['find', ...SMALL, '--weight-decay', 'auto', '--out', out], { env: { NO_COLOR: '1' } });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain('  range test at weight decay 1e-5 (2 of 5)');
    expect(r.stdout).toMatch(/^weight decay \S+ \(chosen from a range test at each of 0, 1e-5, 1e-4, 1e-3, 1e-2\): .*validation loss/m);
    const doc = JSON.parse(readFileSync(join(out, 'range-test.json'), 'utf8')) as { version: number; weightDecay: { how: string; family: unknown[] } };
    expect(doc.version).toBe(3);
    expect(doc.weightDecay).toMatchObject({ how: 'chosen' });
    expect(doc.weightDecay.family).toHaveLength(5);
    expect(existsSync(join(out, 'weight-decay.svg'))).toBe(true);
    expect(readFileSync(join(out, 'index.html'), 'utf8')).toContain('<h2>Weight decay</h2>');
  });

  it('a given decay is carried into schedule --from, and bad values are one line and exit 2', async () => {
    const out = join(dir, 'given');
    const r = await runCli(['find', ...SMALL, '--weight-decay', '1e-3', '--json', '--out', out]);
    expect(r.code, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout).weightDecay).toEqual({ value: 1e-3, how: 'given' });
    const schedule = await runCli(['schedule', 'onecycle', '--from', join(out, 'range-test.json'), '--total-steps', '50', '--format', 'json']);
    expect(JSON.parse(schedule.stdout).weightDecay).toBe(1e-3);
    const bad = await runCli(['find', ...SMALL, '--weight-decay', '-1']);
    expect(bad.code).toBe(2);
    expect(bad.stderr.trim()).toBe('lrfind: --weight-decay must be a number ≥ 0, auto, or a list of them, got "-1"');
    // A version-2 file (no weight decay) still reads.
    const v2 = JSON.parse(readFileSync(join(out, 'range-test.json'), 'utf8')) as Record<string, unknown>;
    delete v2.weightDecay;
    writeFileSync(join(dir, 'v2.json'), JSON.stringify({ ...v2, version: 2 }));
    const old = await runCli(['schedule', 'onecycle', '--from', join(dir, 'v2.json'), '--total-steps', '50', '--format', 'json']);
    expect(old.code, old.stderr).toBe(0);
    expect(JSON.parse(old.stdout).weightDecay).toBeUndefined();
  });
});
