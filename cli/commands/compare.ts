// `lrfind compare`: the founding study (runStudy) — a range test, then training runs with seven lr
// schedules and five optimizers on the same model, data, epochs and seed. Flags are checked here,
// before tfjs loads (compare-run.ts).
import type { BackendChoice } from '../../src/tfjs/backend.js';
import type { DatasetName } from '../../src/data/names.js';
import type { ModelName } from '../../src/models/names.js';
import { parseFlags } from '../args.js';
import { EXIT, UsageError } from '../errors.js';
import { formatHelp, type HelpPage } from '../help.js';
import { checkOutDir } from '../output/out-dir.js';
import { COMPARE_FLAGS, COMPARE_RUNS, GROUPS, RUN_NAMES, type CompareFlags, type CompareGroup, type ComparePlan } from './compare-plan.js';

/** Sizes of the digits split (1797 images, 20 % held out), the defaults when --data digits. */
const DIGITS_SIZES = { train: 1438, validation: 359 };
const DEFAULT_SIZES = { train: 2000, validation: 1000 };

export const COMPARE_HELP: HelpPage = {
  usage: 'lrfind compare [options]',
  summary:
    "Reruns the founding study: a range test (SGD + momentum 0.9) and its confirmation probes find the lr\n" +
    'bounds, then every run trains the same model from the same weights on the same batches, with a different\n' +
    'schedule or optimizer, and records loss and accuracy per epoch. Prints a table of final validation\n' +
    'accuracy and loss, and writes a report. The defaults (vgg-mini on 2000 MNIST images, 12 runs of 6\n' +
    'epochs) take about 15 minutes on one idle CPU core with wasm; --model cnn about 4. Ctrl-C stops after\n' +
    'the current epoch and writes what finished.',
  flags: COMPARE_FLAGS,
  notes: [
    `Runs (--only): schedules: ${COMPARE_RUNS.schedules.join(', ')};`,
    `               optimizers: ${COMPARE_RUNS.optimizers.join(', ')}.`,
    'Schedules use SGD + momentum 0.9 between the found bounds; sgd, rmsprop and adam use the usual 0.01 / 0.001.',
    'Writes index.html, study.json, range-test.svg, comparison.svg and one comparison-<group>.svg per group.',
  ],
  examples: [
    'lrfind compare',
    'lrfind compare --model cnn --data fashion-mnist',
    'lrfind compare --data digits --model mlp --epochs 10 --groups schedules',
    'lrfind compare --only one-cycle,adam --json > study.json',
  ],
};

/** "a,b, c" → ['a', 'b', 'c'], each once; empty items are an error. */
function list(flag: string, text: string): string[] {
  const items = text.split(',').map((s) => s.trim());
  if (items.some((s) => s === '')) throw new UsageError(`--${flag} must be a comma-separated list without empty items, got "${text}"`);
  return [...new Set(items)];
}

function atLeast(flag: string, value: number, min: number): number {
  if (value < min) throw new UsageError(`--${flag} must be an integer ≥ ${min}, got ${value}`);
  return value;
}

export function planCompare(flags: CompareFlags): ComparePlan {
  const dataset = (flags.data ?? 'mnist') as DatasetName;
  const sizes = dataset === 'digits' ? DIGITS_SIZES : DEFAULT_SIZES;
  const groups = flags.groups === undefined ? GROUPS : list('groups', flags.groups);
  const badGroup = groups.find((g) => !GROUPS.includes(g as CompareGroup));
  if (badGroup !== undefined) throw new UsageError(`--groups must list ${GROUPS.join(', ')}, got "${badGroup}"`);
  const only = flags.only === undefined ? null : list('only', flags.only);
  const badRun = only?.find((name) => !RUN_NAMES.includes(name));
  if (badRun !== undefined) throw new UsageError(`--only: unknown run "${badRun}"; choose from ${RUN_NAMES.join(', ')}`);
  const runs = RUN_NAMES.filter((name) => groups.some((g) => (COMPARE_RUNS[g as CompareGroup] as readonly string[]).includes(name)) && (only === null || only.includes(name)));
  if (runs.length === 0) throw new UsageError(`--only ${flags.only} names no run of --groups ${groups.join(',')}`);
  const out = flags.out ?? './lrfind-out/compare';
  checkOutDir(out);
  return {
    dataset,
    model: (flags.model ?? 'vgg-mini') as ModelName,
    trainSize: atLeast('train-size', flags['train-size'] ?? sizes.train, 1),
    validationSize: atLeast('validation-size', flags['validation-size'] ?? sizes.validation, 1),
    epochs: atLeast('epochs', flags.epochs ?? 6, 1),
    batchSize: atLeast('batch-size', flags['batch-size'] ?? 64, 1),
    seed: atLeast('seed', flags.seed ?? 0, 0),
    groups: groups as CompareGroup[],
    only,
    runs,
    backend: (flags.backend ?? 'auto') as BackendChoice,
    ...(flags['data-dir'] !== undefined ? { dataDir: flags['data-dir'] } : {}),
    out,
    json: flags.json === true,
    confirm: flags['no-confirm'] !== true,
  };
}

export async function compareCommand(argv: readonly string[]): Promise<number> {
  const { flags } = parseFlags(argv, COMPARE_FLAGS, 'compare');
  if (flags.help) {
    process.stdout.write(formatHelp(COMPARE_HELP));
    return EXIT.ok;
  }
  const plan = planCompare(flags);
  const { runCompare } = await import('./compare-run.js');
  return runCompare(plan);
}
