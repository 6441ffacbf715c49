// `lrfind demo`: the whole workflow on the bundled digits in one library call (runDemo): range
// test → bounds → one-cycle training. Flags are checked here, before tfjs loads (demo-run.ts).
import type { BackendChoice } from '../../src/tfjs/backend.js';
import { parseFlags, type FlagSpecs, type Flags } from '../args.js';
import { EXIT, UsageError } from '../errors.js';
import { formatHelp, type HelpPage } from '../help.js';
import { checkOutDir } from '../output/out-dir.js';
import { FIND_FLAGS } from './find-flags.js';

export const DEMO_FLAGS = {
  epochs: { type: 'integer', description: 'one-cycle training epochs after the range test', default: '8' },
  'train-size': { ...FIND_FLAGS['train-size'], description: 'use a seeded subset of this many of the 1438 training digits' },
  seed: FIND_FLAGS.seed,
  'no-confirm': FIND_FLAGS['no-confirm'],
  backend: FIND_FLAGS.backend,
  out: { type: 'string', placeholder: '<dir>', description: 'where index.html, demo.json and the charts go', default: './lrfind-out/demo' },
  json: { type: 'boolean', description: 'print demo.json on stdout and nothing else' },
  help: FIND_FLAGS.help,
} as const satisfies FlagSpecs;

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

export type DemoFlags = Flags<typeof DEMO_FLAGS>;

/** What `demo` runs, checked before anything is loaded or written. */
export interface DemoPlan {
  epochs: number;
  seed: number;
  trainSize?: number;
  backend: BackendChoice;
  out: string;
  json: boolean;
  /** Confirm the max lr by probes before training. */
  confirm: boolean;
}

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
