// What `lrfind compare` runs: its flags, the study's runs and the plan checked from them (compare.ts)
// and trained by compare-run.ts.
import type { BackendChoice } from '../../src/tfjs/backend.js';
import type { DatasetName } from '../../src/data/names.js';
import type { ModelName } from '../../src/models/names.js';
import type { FlagSpecs, Flags } from '../args.js';
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
export const GROUPS = Object.keys(COMPARE_RUNS) as CompareGroup[];
export const RUN_NAMES: readonly string[] = GROUPS.flatMap((g) => COMPARE_RUNS[g]);

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
