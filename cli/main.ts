// Routes `lrfind <command> ...` to its command and turns errors into one line and an exit code.
import { readFileSync } from 'node:fs';
import { EXIT, exitCodeOf, oneLine, printable } from './errors.js';
import { warn } from './terminal.js';

type Command = (argv: readonly string[]) => Promise<number>;

/** Commands load lazily, so `schedule` and `--help` never pay for tfjs. */
const COMMANDS: Record<string, () => Promise<Command>> = {
  find: async () => (await import('./commands/find.js')).findCommand,
  analyze: async () => (await import('./commands/analyze.js')).analyzeCommand,
  schedule: async () => (await import('./commands/schedule.js')).scheduleCommand,
  compare: async () => (await import('./commands/compare.js')).compareCommand,
  demo: async () => (await import('./commands/demo.js')).demoCommand,
  'fine-tune': async () => (await import('./commands/fine-tune.js')).fineTuneCommand,
  backends: async () => (await import('./commands/backends.js')).backendsCommand,
};

export const MAIN_HELP = `Usage: lrfind <command> [options]

Learning-rate range tests, curve analysis and one-cycle schedules for TensorFlow.js models.

Commands:
  find       run a range test on a model and data; write the curve, bounds and a report
  analyze    analyse a loss-vs-lr curve from any framework (CSV or JSON)
  schedule   build a training schedule (one-cycle, cosine, SGDR, …) per step
  compare    train with 7 schedules and 5 optimizers from the found bounds; compare accuracy
  demo       the whole workflow on the bundled digits: range test → bounds → one-cycle training
  fine-tune  transfer learning: find and train a new head on a frozen base, then all of it at a lower lr
  backends   which tfjs backends can train here and why (packages, webgpu adapter, wasm threads)

Options:
  -h, --help     show help; of a command too: lrfind find -h, lrfind help find
  -v, --version  show the version

Examples:
  lrfind find --model mlp --data digits --num-iter 100
  lrfind analyze curve.csv --lr-column lr --loss-column loss
  lrfind schedule onecycle --from lrfind-out/range-test.json --total-steps 5000 --format csv

Exit codes: 0 ok, 1 unexpected error, 2 bad input, 3 no bounds (the curve has none: see the warnings), 130 stopped by Ctrl-C.
`;

function version(): string {
  // dist/cli/main.js → ../../package.json, the package root.
  const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string };
  return pkg.version;
}

export async function main(argv: readonly string[]): Promise<number> {
  const [first, ...rest] = argv;
  if (first === undefined) {
    // No command is a usage error: the help goes to stderr so stdout stays empty for scripts.
    process.stderr.write(MAIN_HELP);
    return EXIT.usage;
  }
  if (first === '--help' || first === '-h' || first === 'help') {
    // `lrfind help find` is `lrfind find --help`.
    const topic = rest[0];
    if (topic === undefined) {
      process.stdout.write(MAIN_HELP);
      return EXIT.ok;
    }
    if (!COMMANDS[topic]) {
      warn(`lrfind: no help for "${printable(topic)}": expected one of ${Object.keys(COMMANDS).join(', ')}`);
      return EXIT.usage;
    }
    return main([topic, '--help']);
  }
  if (first === '--version' || first === '-v') {
    process.stdout.write(`${version()}\n`);
    return EXIT.ok;
  }
  const load = COMMANDS[first];
  if (!load) {
    warn(`lrfind: unknown command "${printable(first)}"; expected one of ${Object.keys(COMMANDS).join(', ')} (see lrfind --help)`);
    return EXIT.usage;
  }
  try {
    return await (await load())(rest);
  } catch (error) {
    warn(`lrfind: ${oneLine(error)}`);
    // Every error's stack, bad input's too: the place that judged it bad is worth seeing.
    if (process.env.LRFIND_DEBUG) warn(String((error as Error).stack ?? error));
    return exitCodeOf(error);
  }
}
