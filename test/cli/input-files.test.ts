// Inputs that are not regular files (a pipe waits for a writer, /dev/zero never ends): refused in one
// line with exit code 2, never read, so nothing hangs.
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { oneErrorLine, requireBuild, runCli, tempDir } from './helpers.js';

let dir: string;

beforeAll(() => {
  requireBuild();
  dir = tempDir();
  execFileSync('mkfifo', [join(dir, 'pipe.csv'), join(dir, 'pipe.json')]);
});

describe('inputs that are not regular files', () => {
  const cases: [string, () => string[], RegExp][] = [
    ['analyze a pipe', () => ['analyze', join(dir, 'pipe.csv')], /^lrfind: curve file: .*pipe\.csv is not a regular file \(a device, pipe or socket\)$/],
    ['analyze /dev/zero', () => ['analyze', '/dev/zero'], /^lrfind: curve file: \/dev\/zero is not a regular file/],
    ['analyze a folder', () => ['analyze', dir], /^lrfind: curve file: .* is a folder, not a file$/],
    ['schedule --from a pipe', () => ['schedule', 'onecycle', '--from', join(dir, 'pipe.json'), '--total-steps', '10'], /^lrfind: --from: .*pipe\.json is not a regular file/],
    ['find --model a pipe', () => ['find', '--model', join(dir, 'pipe.json'), '--data', 'digits'], /^lrfind: --model: .*pipe\.json is not a regular file/],
    ['find --data a pipe', () => ['find', '--model', 'mlp', '--data', join(dir, 'pipe.csv')], /^lrfind: --data must be digits, mnist, fashion-mnist or a CSV file, got ".*pipe\.csv"/],
  ];

  it.each(cases)('%s', async (_name, args, expected) => {
    const r = await runCli([...args(), '--out', join(dir, 'out')], { timeoutMs: 20_000 });
    expect(r.signal, 'killed: the command hung').toBeNull();
    expect(r.code, r.stderr).toBe(2);
    expect(oneErrorLine(r.stderr)).toMatch(expected);
  });
});
