// `--out` through the real binary: a place lrfind cannot write is refused before any work, in one
// line with exit code 2, by every command that writes, and nothing ever hangs (recursive mkdir under
// /proc never returns). Tests run as root, so chmod cannot make a folder unwritable: the places are
// a path under a regular file, /proc and /sys.
import { existsSync, mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { oneErrorLine, requireBuild, runCli, tempDir } from './helpers.js';

let dir: string;
let file: string;
let curve: string;

beforeAll(() => {
  requireBuild();
  dir = tempDir();
  file = join(dir, 'notes.txt');
  writeFileSync(file, 'a file, not a folder\n');
  curve = join(dir, 'curve.csv');
  writeFileSync(curve, 'lr,loss\n' + Array.from({ length: 30 }, (_, i) => `${1e-5 * 1.4 ** i},${2 - i / 30 + (i > 25 ? (i - 25) ** 2 : 0)}`).join('\n') + '\n');
  mkdirSync(join(dir, 'links'));
  symlinkSync('/proc', join(dir, 'links', 'proc'));
});

const COMMANDS: Record<string, () => string[]> = {
  find: () => ['find', '--model', 'mlp', '--data', 'digits', '--num-iter', '20', '--backend', 'cpu'],
  analyze: () => ['analyze', curve],
  schedule: () => ['schedule', 'onecycle', '--max-lr', '0.1', '--total-steps', '100'],
  demo: () => ['demo', '--epochs', '1', '--backend', 'cpu'],
  compare: () => ['compare', '--data', 'digits', '--model', 'mlp', '--epochs', '1', '--backend', 'cpu'],
};

const PLACES: [string, () => string, RegExp][] = [
  ['/proc/x', () => '/proc/x', /^lrfind: --out \/proc\/x: \/proc is the kernel's virtual file system, not a place for files; choose another folder$/],
  ['a symlink into /proc', () => join(dir, 'links', 'proc', 'x'), /^lrfind: --out .*\/links\/proc\/x: \/proc is the kernel's virtual file system/],
  ['/sys (read-only)', () => '/sys/lrfind-x', /^lrfind: --out \/sys\/lrfind-x: \/sys is the kernel's virtual file system/],
  ['a path under a regular file', () => join(file, 'out'), /^lrfind: --out .*notes\.txt\/out: .*notes\.txt is a file, not a folder$/],
  ['a regular file', () => file, /^lrfind: --out .*notes\.txt is a file, not a folder$/],
];

describe('--out that cannot be written: one line, exit 2, at once', () => {
  const cases = Object.keys(COMMANDS).flatMap((command) => PLACES.map(([place, out, expected]) => [command, place, out, expected] as const));

  it.each(cases)('%s --out %s', async (command, _place, out, expected) => {
    const started = performance.now();
    const r = await runCli([...COMMANDS[command]!(), '--out', out()], { timeoutMs: 20_000 });
    expect(r.signal, 'killed: the command hung').toBeNull();
    expect(r.code, r.stderr).toBe(2);
    expect(oneErrorLine(r.stderr)).toMatch(expected);
    expect(r.stdout).toBe('');
    // Refused before any work: no backend, no data, no sweep (a sweep alone takes seconds).
    expect(performance.now() - started).toBeLessThan(5_000);
  });

  it('creates nothing when the command fails later, and keeps what was in the folder', async () => {
    const out = join(dir, 'later', 'deep');
    const r = await runCli(['analyze', join(dir, 'missing.csv'), '--out', out]);
    expect(r.code).toBe(2);
    expect(existsSync(join(dir, 'later'))).toBe(false);
    const kept = join(dir, 'kept');
    mkdirSync(kept);
    writeFileSync(join(kept, 'mine.txt'), 'mine');
    const ok = await runCli(['analyze', curve, '--out', kept]);
    expect(ok.code, ok.stderr).toBe(0);
    expect(existsSync(join(kept, 'mine.txt'))).toBe(true);
    expect(existsSync(join(kept, 'range-test.json'))).toBe(true);
  });
});
