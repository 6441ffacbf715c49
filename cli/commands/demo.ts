// `lrfind demo`: the whole workflow on the bundled digits in one library call (runDemo): range
// test → bounds → one-cycle training. Flags are checked here, before tfjs loads (demo-run.ts).
import type { BackendChoice } from '../../src/tfjs/backend.js';
import { parseFlags } from '../args.js';
import { EXIT, UsageError } from '../errors.js';
import { formatHelp, type HelpPage } from '../help.js';
import { checkOutDir } from '../output/out-dir.js';
import { DEMO_FLAGS, type DemoFlags, type DemoPlan } from './demo-plan.js';

export const DEMO_HELP: HelpPage = {
  usage: 'lrfind demo [options]',
  summary:
    'The whole lrfind workflow on the bundled UCI digits (8×8 images), in well under a minute: a range\n' +
    'test on a small CNN with SGD + momentum 0.9, the analysis of its curve, short probes that confirm its\n' +
    'max lr, a one-cycle schedule between the bounds, and --epochs of training with it. Prints the accuracy reached and writes a\n' +
    'report. Ctrl-C stops it; what finished is written, and lrfind exits with 130.',
  flags: DEMO_FLAGS,
  notes: ['Writes index.html, demo.json, range-test.svg, schedule.svg and training.svg (each chart also as .vl.json).'],
  examples: ['lrfind demo', 'lrfind demo --epochs 4 --out /tmp/demo', 'lrfind demo --json > demo.json'],
};

function atLeast(flag: string, value: number | undefined, min: number): void {
  if (value !== undefined && value < min) throw new UsageError(`--${flag} must be an integer ≥ ${min}, got ${value}`);
}

export function planDemo(flags: DemoFlags): DemoPlan {
  atLeast('epochs', flags.epochs, 1);
  atLeast('train-size', flags['train-size'], 1);
  atLeast('seed', flags.seed, 0);
  const out = flags.out ?? './lrfind-out/demo';
  checkOutDir(out);
  return {
    epochs: flags.epochs ?? 8,
    seed: flags.seed ?? 0,
    ...(flags['train-size'] !== undefined ? { trainSize: flags['train-size'] } : {}),
    backend: (flags.backend ?? 'auto') as BackendChoice,
    out,
    json: flags.json === true,
    confirm: flags['no-confirm'] !== true,
  };
}

export async function demoCommand(argv: readonly string[]): Promise<number> {
  const { flags } = parseFlags(argv, DEMO_FLAGS, 'demo');
  if (flags.help) {
    process.stdout.write(formatHelp(DEMO_HELP));
    return EXIT.ok;
  }
  const plan = planDemo(flags);
  const { runDemoCommand } = await import('./demo-run.js');
  return runDemoCommand(plan);
}
