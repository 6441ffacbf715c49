// `lrfind compare`: the founding study (runStudy) — a range test, then training runs with seven lr
// schedules and five optimizers on the same model, data, epochs and seed. Flags are checked here,
// before tfjs loads (compare-run.ts).
import type { BackendChoice } from '../../src/tfjs/backend.js';
import type { DatasetName } from '../../src/data/names.js';
import type { ModelName } from '../../src/models/names.js';
import { parseFlags, type FlagSpecs, type Flags } from '../args.js';
import { EXIT, UsageError } from '../errors.js';
import { formatHelp, type HelpPage } from '../help.js';
import { checkOutDir } from '../output/out-dir.js';
import { FIND_FLAGS } from './find-flags.js';

/**
 * The study's runs by group, as runStudy names them (STUDY_RUN_NAMES, which needs tfjs to load;
 * compare-run.ts checks that the two agree).
 */
export const COMPARE_RUNS = {
  schedules: ['constant', 'linear', 'exponential', 'cosine', 'sgdr', 'one-cycle', 'warmup-cosine-tail'],
  optimizers: ['sgd', 'sgd-nesterov-decay', 'sgd-nesterov-decay-lr/10', 'rmsprop', 'adam'],
} as const;

export type CompareGroup = keyof typeof COMPARE_RUNS;
const GROUPS = Object.keys(COMPARE_RUNS) as CompareGroup[];
const RUN_NAMES: readonly string[] = GROUPS.flatMap((g) => COMPARE_RUNS[g]);

/** Sizes of the digits split (1797 images, 20 % held out), the defaults when --data digits. */
const DIGITS_SIZES = { train: 1438, validation: 359 };
const DEFAULT_SIZES = { train: 2000, validation: 1000 };

export const COMPARE_FLAGS = {
  data: { type: 'string', choices: ['mnist', 'fashion-mnist', 'digits'], description: 'built-in dataset', default: 'mnist' },
  model: { type: 'string', choices: ['vgg-mini', 'cnn', 'mlp'], description: 'built-in model sized to the data', default: 'vgg-mini' },
  'train-size': { type: 'integer', option: 'trainSize', description: 'training examples (a seeded subset)', default: '2000; digits: all 1438' },
  'validation-size': { type: 'integer', option: 'validationSize', description: 'validation examples (a seeded subset)', default: '1000; digits: all 359' },
  epochs: { type: 'integer', option: 'epochs', description: 'epochs of every run', default: '6' },
  'batch-size': { type: 'integer', option: 'batchSize', description: 'mini-batch size of the range test and the runs', default: '64' },
  seed: { ...FIND_FLAGS.seed, description: 'seed of the data subsets, the weights (the same for every run) and the shuffles' },
  groups: { type: 'string', placeholder: '<schedules,optimizers>', description: 'which groups of runs', default: 'schedules,optimizers' },
  only: { type: 'string', placeholder: '<run,...>', description: 'only these runs (names below)', default: 'all' },
  'no-confirm': FIND_FLAGS['no-confirm'],
  backend: FIND_FLAGS.backend,
  'data-dir': { type: 'string', option: 'dataDir', placeholder: '<dir>', description: 'folder with the four IDX files (mnist, fashion-mnist) or digits.csv.gz' },
  out: { type: 'string', placeholder: '<dir>', description: 'where index.html, study.json and the charts go', default: './lrfind-out/compare' },
  json: { type: 'boolean', description: 'print study.json on stdout and nothing else' },
  help: FIND_FLAGS.help,
} as const satisfies FlagSpecs;

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

export type CompareFlags = Flags<typeof COMPARE_FLAGS>;

/** What `compare` runs, checked before anything is loaded or written. */
export interface ComparePlan {
  dataset: DatasetName;
  model: ModelName;
  trainSize: number;
  validationSize: number;
  epochs: number;
  batchSize: number;
  seed: number;
  groups: CompareGroup[];
  /** null: every run of the groups. */
  only: string[] | null;
  /** The runs that will train, in order. */
  runs: string[];
  backend: BackendChoice;
  dataDir?: string;
  out: string;
  json: boolean;
  /** Confirm the max lr by probes before the runs. */
  confirm: boolean;
}

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
