// `lrfind schedule` through the real binary.
import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { ESCAPE, oneErrorLine, requireBuild, runCli, tempDir } from './helpers.js';

beforeAll(requireBuild);

describe('lrfind schedule --format json', () => {
  it('prints one JSON document with one lr (and momentum) per step', async () => {
    const r = await runCli(['schedule', 'onecycle', '--max-lr', '0.1', '--epochs', '4', '--steps-per-epoch', '25', '--format', 'json']);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    const doc = JSON.parse(r.stdout) as { lr: number[]; momentum: number[] };
    expect(doc.lr).toHaveLength(100);
    expect(doc.momentum).toHaveLength(100);
    // PyTorch's OneCycleLR: starts at max/25, peaks at step pct·total − 1, ends at max/25/1e4.
    expect(doc.lr[0]).toBeCloseTo(0.004, 12);
    expect(Math.max(...doc.lr)).toBeCloseTo(0.1, 12);
    expect(doc.lr.indexOf(Math.max(...doc.lr))).toBe(29);
    expect(doc.lr[99]).toBeCloseTo(4e-7, 15);
    expect(doc.momentum[29]).toBeCloseTo(0.85, 12);
  });

  it('leaves momentum out when it is not cycled, and --json means --format json', async () => {
    const r = await runCli(['schedule', 'onecycle', '--max-lr', '0.1', '--total-steps', '10', '--no-cycle-momentum', '--json']);
    expect(r.code).toBe(0);
    expect(Object.keys(JSON.parse(r.stdout))).toEqual(['lr']);
  });

  it('builds every schedule with --total-steps', async () => {
    const cases: string[][] = [
      ['fastai-onecycle', '--max-lr', '0.01'],
      ['warmup-cosine-tail', '--max-lr', '0.1', '--min-lr', '0.01'],
      ['cosine', '--base-lr', '0.1'],
      ['sgdr', '--base-lr', '0.1', '--t0', '10', '--t-mult', '2'],
      ['exponential', '--base-lr', '0.1', '--gamma', '0.9'],
      ['linear', '--base-lr', '0.1'],
      ['step', '--base-lr', '0.1', '--step-size', '10', '--gamma', '0.5'],
      ['cyclic', '--base-lr', '0.001', '--max-lr', '0.01', '--step-size-up', '10'],
    ];
    const results = await Promise.all(cases.map((c) => runCli(['schedule', ...c, '--total-steps', '40', '--format', 'json'])));
    results.forEach((r, i) => {
      expect(r.code, `${cases[i]![0]}: ${r.stderr}`).toBe(0);
      expect((JSON.parse(r.stdout) as { lr: number[] }).lr, cases[i]![0]).toHaveLength(40);
    });
    const [, seed, cosine, , exponential, linear, step] = results.map((r) => (JSON.parse(r.stdout) as { lr: number[] }).lr);
    expect(seed![0]).toBeCloseTo(0.01, 12);
    expect(seed![39]).toBeCloseTo(1e-4, 12);
    expect(cosine![0]).toBe(0.1);
    expect(cosine![39]).toBeCloseTo((0.1 * (1 + Math.cos((Math.PI * 39) / 40))) / 2, 12);
    expect(exponential![2]).toBeCloseTo(0.1 * 0.81, 12);
    expect(linear![0]).toBeCloseTo(0.1 / 3, 12);
    expect(step![10]).toBeCloseTo(0.05, 12);
  });

  it('takes the bounds of a finder result with --from', async () => {
    const dir = tempDir();
    const path = join(dir, 'range-test.json');
    const file = { format: 'lrfind/range-test', version: 1, curve: { lr: [1e-3, 1e-2], loss: [2, 1], smoothedLoss: [2, 1] }, regions: [], suggestions: {}, warnings: [] };
    writeFileSync(path, JSON.stringify({ ...file, bounds: { maxLr: 0.2, minLr: 0.02, source: 'valley', confidence: 0.9 } }));
    const one = await runCli(['schedule', 'onecycle', '--from', path, '--total-steps', '10', '--format', 'json']);
    expect(one.code).toBe(0);
    const oneLr = (JSON.parse(one.stdout) as { lr: number[] }).lr;
    expect(Math.max(...oneLr)).toBeCloseTo(0.2, 12);
    expect(oneLr[0]).toBeCloseTo(0.02, 12); // starts at min lr: div-factor = max / min
    const cyc = await runCli(['schedule', 'cyclic', '--from', path, '--step-size-up', '5', '--total-steps', '10', '--format', 'json']);
    const lr = (JSON.parse(cyc.stdout) as { lr: number[] }).lr;
    expect(lr[0]).toBeCloseTo(0.02, 12);
    expect(lr[5]).toBeCloseTo(0.2, 12);
    // An explicit flag wins over --from.
    const mine = await runCli(['schedule', 'onecycle', '--from', path, '--max-lr', '0.5', '--total-steps', '10', '--format', 'json']);
    expect(Math.max(...(JSON.parse(mine.stdout) as { lr: number[] }).lr)).toBeCloseTo(0.5, 12);
  });
});

describe('lrfind schedule output', () => {
  it('--format csv prints step,lr,momentum rows', async () => {
    const r = await runCli(['schedule', 'onecycle', '--max-lr', '0.1', '--total-steps', '5', '--format', 'csv']);
    expect(r.code).toBe(0);
    const lines = r.stdout.trim().split('\n');
    expect(lines[0]).toBe('step,lr,momentum');
    expect(lines).toHaveLength(6);
    expect(lines[5]).toBe('4,4e-7,0.95');
  });

  it('--out writes schedule.json, .csv, .svg and the spec, and nothing else', async () => {
    const dir = tempDir();
    const r = await runCli(['schedule', 'cosine', '--base-lr', '0.1', '--total-steps', '50', '--out', dir]);
    expect(r.code).toBe(0);
    expect(readdirSync(dir).sort()).toEqual(['schedule.csv', 'schedule.json', 'schedule.svg', 'schedule.vl.json']);
    expect(readFileSync(join(dir, 'schedule.svg'), 'utf8')).toMatch(/^<svg/);
    expect((JSON.parse(readFileSync(join(dir, 'schedule.json'), 'utf8')) as { lr: number[] }).lr).toHaveLength(50);
    expect(r.stdout).toContain(`wrote ${join(dir, 'schedule.svg')}`);
  });

  it('without a terminal prints a few plain lines with no escape codes', async () => {
    const r = await runCli(['schedule', 'onecycle', '--max-lr', '0.1', '--total-steps', '100']);
    expect(r.code).toBe(0);
    expect(r.stdout).not.toMatch(ESCAPE);
    expect(r.stdout.split('\n')[0]).toBe('onecycle · 100 steps · lr 4e-3 → 0.1 (step 29) → 4e-7');
  });
});

describe('lrfind schedule bad input', () => {
  const cases: [string, string[], string][] = [
    ['no name', ['schedule'], 'lrfind: schedule needs a name: onecycle, fastai-onecycle, warmup-cosine-tail, cosine, sgdr, exponential, linear, step, cyclic'],
    ['unknown name', ['schedule', 'triangle', '--total-steps', '5'], 'lrfind: unknown schedule "triangle"; expected one of onecycle, fastai-onecycle, warmup-cosine-tail, cosine, sgdr, exponential, linear, step, cyclic'],
    ['missing max-lr', ['schedule', 'onecycle', '--total-steps', '5'], 'lrfind: the onecycle schedule needs --max-lr (or --from <range-test.json>)'],
    ['missing steps', ['schedule', 'onecycle', '--max-lr', '0.1'], 'lrfind: the onecycle schedule needs --total-steps (or --epochs and --steps-per-epoch)'],
    ['non-number', ['schedule', 'onecycle', '--max-lr', '0.1', '--total-steps', 'many'], 'lrfind: --total-steps must be a number, got "many"'],
    ['library range', ['schedule', 'onecycle', '--max-lr', '0.1', '--total-steps', '5', '--pct-start', '1.5'], 'lrfind: --pct-start must be in (0, 1), got 1.5'],
    ['foreign flag', ['schedule', 'cosine', '--base-lr', '0.1', '--total-steps', '5', '--pct-start', '0.3'], 'lrfind: --pct-start does not apply to the cosine schedule (see lrfind schedule --help)'],
    ['unknown flag', ['schedule', 'cosine', '--base-lr', '0.1', '--total-step', '5'], 'lrfind: unknown flag --total-step (did you mean --total-steps?)'],
    ['missing --from file', ['schedule', 'onecycle', '--from', '/nonexistent/range-test.json', '--total-steps', '5'], 'lrfind: --from: file not found: /nonexistent/range-test.json'],
    ['past the step limit', ['schedule', 'onecycle', '--max-lr', '0.1', '--total-steps', '1e8', '--format', 'csv'], 'lrfind: --total-steps must be at most 1,000,000 for a table of every step, got 100000000'],
    ['past the step limit, by epochs', ['schedule', 'cosine', '--base-lr', '0.1', '--epochs', '10000', '--steps-per-epoch', '1000', '--out', '/tmp/lrfind-never-written'], 'lrfind: --total-steps must be at most 1,000,000 for a table of every step, got 10000000'],
    ['min lr and div factor', ['schedule', 'onecycle', '--max-lr', '0.1', '--min-lr', '0.01', '--div-factor', '3', '--total-steps', '5'], 'lrfind: --min-lr and --div-factor both set where one-cycle starts (--div-factor = max / min); give one'],
  ];
  it.each(cases)('%s: one line on stderr, exit 2, nothing on stdout', async (_name, args, message) => {
    const r = await runCli(args);
    expect(r.code).toBe(2);
    expect(oneErrorLine(r.stderr)).toBe(message);
    expect(r.stdout).toBe('');
  });

  it('--from refuses files that are not range-test files, or have no bounds, naming the file', async () => {
    const dir = tempDir();
    const old = join(dir, 'old.json');
    writeFileSync(old, JSON.stringify({ curve: { lr: [1e-3], loss: [2] }, suggestion: { maxLr: 0.2, minLr: 0.02 } }));
    const r = await runCli(['schedule', 'onecycle', '--from', old, '--total-steps', '10']);
    expect(r.code).toBe(2);
    expect(r.stderr.trim()).toBe(`lrfind: --from: ${old}: is not a range-test file: format is null, expected "lrfind/range-test" (written by an older lrfind? rerun lrfind analyze on it)`);
    const none = join(dir, 'none.json');
    const file = { format: 'lrfind/range-test', version: 1, curve: { lr: [1e-3, 1e-2], loss: [2, 2] }, regions: [], suggestions: {}, warnings: ['loss never decreased'] };
    writeFileSync(none, JSON.stringify({ ...file, bounds: null }));
    const n = await runCli(['schedule', 'onecycle', '--from', none, '--total-steps', '10']);
    expect(n.code).toBe(2);
    expect(n.stderr.trim()).toBe(`lrfind: --from: ${none} has no bounds (loss never decreased)`);
  });
});
