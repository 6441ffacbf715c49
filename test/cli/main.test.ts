// The lrfind entry point: help, version, routing, reserved commands.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { ESCAPE, oneErrorLine, repoRoot, requireBuild, runCli } from './helpers.js';

beforeAll(requireBuild);

describe('lrfind --help and --version', () => {
  it('--version prints the package version', async () => {
    const { version } = JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8')) as { version: string };
    const r = await runCli(['--version']);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(`${version}\n`);
  });

  it('--help lists every command and the exit codes', async () => {
    const r = await runCli(['--help']);
    expect(r.code).toBe(0);
    for (const command of ['find', 'analyze', 'schedule', 'compare', 'demo']) expect(r.stdout).toMatch(new RegExp(`^  ${command} `, 'm'));
    expect(r.stdout).toContain('Exit codes: 0 ok, 1 unexpected error, 2 bad input, 3 no bounds (the curve has none: see the warnings), 130 stopped by Ctrl-C.');
  });

  it.concurrent.each(['find', 'analyze', 'schedule'])('%s --help shows usage, every flag and examples', async (command) => {
    const r = await runCli([command, '--help']);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    expect(r.stdout).not.toMatch(ESCAPE);
    expect(r.stdout).toMatch(new RegExp(`^Usage: lrfind ${command} `));
    expect(r.stdout).toContain('--help');
    const examples = r.stdout.split('Examples:\n')[1] ?? '';
    expect(examples.split('\n').filter((l) => l.startsWith(`  lrfind ${command} `)).length).toBeGreaterThanOrEqual(3);
  });

  const COMMANDS = ['find', 'analyze', 'schedule', 'compare', 'demo'];
  const ASKS = (command: string): [string, string[]][] => [
    ['--help', [command, '--help']],
    ['-h', [command, '-h']],
    ['help <command>', ['help', command]],
    ['-h with a bad flag beside it', [command, '--no-such-flag', '3', '-h']],
  ];

  it.each(COMMANDS.flatMap((c) => ASKS(c).map(([how, argv]) => [c, how, argv] as const)))('%s: %s prints that command\'s help, exit 0', async (command, _how, argv) => {
    const r = await runCli(argv);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toBe('');
    expect(r.stdout).toMatch(new RegExp(`^Usage: lrfind ${command} `));
    expect(r.stdout).toMatch(/^ {2}-h, --help +show this help$/m);
  });

  it('help text never nests parentheses, on any page', async () => {
    for (const argv of [['--help'], ...COMMANDS.map((c) => [c, '--help'])]) {
      const r = await runCli(argv);
      const nested = r.stdout.split('\n').filter((line) => /\([^()]*\(/.test(line));
      expect(nested, argv.join(' ')).toEqual([]);
    }
  });

  it('help for an unknown command is one line on stderr and exit 2', async () => {
    const r = await runCli(['help', 'fnd']);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(oneErrorLine(r.stderr)).toBe('lrfind: no help for "fnd": expected one of find, analyze, schedule, compare, demo, fine-tune, backends');
  });

  it('find --help documents each range-test flag with its default', async () => {
    const r = await runCli(['find', '--help']);
    for (const [flag, def] of [['--start-lr', '1e-7'], ['--end-lr', '1'], ['--num-iter', '100'], ['--batch-size', '64'], ['--diverge', '4'], ['--smooth', '0.98'], ['--out', './lrfind-out']] as const) {
      expect(r.stdout).toMatch(new RegExp(`^  ${flag} .*\\(default ${def.replace('.', '\\.')}\\)$`, 'm'));
    }
  });

  it('schedule --help uses PyTorch parameter names', async () => {
    const r = await runCli(['schedule', '--help']);
    for (const flag of ['--max-lr', '--total-steps', '--epochs', '--steps-per-epoch', '--pct-start', '--anneal-strategy', '--div-factor', '--final-div-factor', '--three-phase', '--base-momentum', '--max-momentum', '--no-cycle-momentum', '--t0', '--t-mult', '--eta-min', '--t-max', '--gamma', '--step-size', '--step-size-up', '--step-size-down', '--mode', '--base-lr', '--from', '--format', '--out']) {
      expect(r.stdout).toMatch(new RegExp(`^  ${flag}[ \\n]`, 'm'));
    }
  });
});

describe('lrfind routing', () => {
  it('no command: help on stderr, exit 2, nothing on stdout', async () => {
    const r = await runCli([]);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain('Usage: lrfind <command>');
  });

  it('an unknown command is one line on stderr and exit 2', async () => {
    const r = await runCli(['fnd']);
    expect(r.code).toBe(2);
    expect(oneErrorLine(r.stderr)).toBe('lrfind: unknown command "fnd"; expected one of find, analyze, schedule, compare, demo, fine-tune, backends (see lrfind --help)');
  });
});
