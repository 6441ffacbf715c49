// `lrfind find`: flags → plan (checked without loading tfjs) → the runner (find-run.ts).
import { basename } from 'node:path';
import type { BackendChoice } from '../../src/tfjs/backend.js';
import type { RangeTestSettings } from '../../src/types.js';
import { resolveRangeTestSettings } from '../../src/range-test/settings.js';
import { parseFlags, withFlagNames, type Flags } from '../args.js';
import { commandLine } from '../command-line.js';
import { resolveDataSource } from '../data-source.js';
import { EXIT, UsageError } from '../errors.js';
import { formatHelp, type HelpPage } from '../help.js';
import { checkBuiltinFitsData, checkModelName, resolveModelSource } from '../model/source.js';
import type { ModelName } from '../../src/models/names.js';
import type { OptimizerName } from '../model/optimizer-names.js';
import { checkOutDir } from '../output/out-dir.js';
import { FIND_FLAGS } from './find-flags.js';
import { parseInputColumns } from '../model/input-columns.js';
import type { FindPlan } from './find-plan.js';

export const FIND_HELP: HelpPage = {
  usage: 'lrfind find --model <model> --data <data> [options]',
  summary:
    "Runs Leslie Smith's learning-rate range test: trains for --num-iter mini-batches while the lr grows\n" +
    'from --start-lr to --end-lr, then reads the loss curve and recommends bounds for one-cycle training.\n' +
    'Then short training probes confirm the max lr (--no-confirm skips them). The model (and any file it\n' +
    'came from) is left exactly as it was. Ctrl-C stops the test; the partial curve is analysed and\n' +
    'written, and lrfind exits with 130.',
  flags: FIND_FLAGS,
  notes: [
    'A model.json is compiled with --optimizer and categorical cross-entropy (mean squared error for a',
    'regression). A .js/.mjs module must export (default, createModel or createStep) a function',
    '({tf, inputShape, numClasses, task, seed}) returning a compiled tf.LayersModel, or a training step',
    '{optimizer, loss(batch), variables?} whose batches are {xs, ys}; build it with the tf it receives.',
    'A model with several inputs takes its CSV columns from --inputs "a=horsepower,weight;b=cylinders".',
    'Writes range-test.json, range-test.svg (+ .vl.json) and index.html.',
    '"smoothed" is the same curve everywhere (live view, summary, chart, curve.smoothedLoss): a running median',
    'and Savitzky-Golay, which does not lag. The EMA of --smooth only decides when to stop (--diverge).',
  ],
  examples: [
    'lrfind find --model mlp --data digits',
    'lrfind find --model cnn --data mnist --optimizer adam --num-iter 200 --train-size 10000',
    'lrfind find --model ./my-model/model.json --data train.csv --label species --out runs/lr',
    'lrfind find --model ./model.mjs --data digits --runs 3 --json > range-test.json',
    'lrfind find --model cnn --data digits --optimizer momentum --no-confirm',
    'lrfind find --model mlp --data cars.csv --label mpg',
    'lrfind find --model ./two-inputs/model.json --data cars.csv --label mpg --inputs "a=horsepower;b=weight"',
  ],
};

export type FindFlags = Flags<typeof FIND_FLAGS>;

export function planFind(flags: FindFlags): FindPlan {
  if (flags.model === undefined) throw new UsageError('find needs --model (mlp, cnn, vgg-mini, a model.json or a .js module)');
  if (flags.data === undefined) throw new UsageError('find needs --data (digits, mnist, fashion-mnist or a CSV file)');
  let settings: RangeTestSettings;
  try {
    settings = resolveRangeTestSettings({
      startLr: flags['start-lr'],
      endLr: flags['end-lr'],
      numIter: flags['num-iter'],
      batchSize: flags['batch-size'],
      mode: flags.mode as RangeTestSettings['mode'] | undefined,
      divergeThreshold: flags.diverge,
      smoothing: flags.smooth,
      runs: flags.runs,
      seed: flags.seed,
    });
  } catch (error) {
    throw new UsageError(withFlagNames((error as Error).message, FIND_FLAGS));
  }
  const model = resolveModelSource(flags.model, 'mlp, cnn, vgg-mini');
  const data = resolveDataSource(flags.data);
  checkModelName(model);
  // A CSV holds flat features: a conv model is refused before anything loads. Built-in datasets are
  // images, which every built-in model takes (their shapes are checked again once loaded).
  if (model.kind === 'builtin' && data.kind === 'csv') checkBuiltinFitsData(model.name as ModelName, 'csv', basename(data.path));
  if (model.kind === 'module' && flags.optimizer !== undefined) {
    throw new UsageError('--optimizer does not apply to a model module: it returns a compiled model');
  }
  if (data.kind === 'builtin' && flags.label !== undefined) throw new UsageError(`--label applies to CSV data, not ${data.name}`);
  if (data.kind === 'builtin' && flags.task !== undefined) throw new UsageError(`--task applies to CSV data, not ${data.name} (its labels are classes)`);
  if (flags.inputs !== undefined && data.kind === 'builtin') throw new UsageError(`--inputs maps CSV columns to model inputs: it needs CSV data, not ${data.name}`);
  if (flags.inputs !== undefined && model.kind === 'builtin') throw new UsageError(`--inputs is for a model with several named inputs (a model.json or a module), not the built-in ${model.name}`);
  const inputs = flags.inputs === undefined ? undefined : parseInputColumns(flags.inputs);
  const weightDecay = flags['weight-decay'] === undefined ? undefined : parseWeightDecay(flags['weight-decay']);
  if (flags['train-size'] !== undefined && flags['train-size'] < 1) {
    throw new UsageError(`--train-size must be a positive integer, got ${flags['train-size']}`);
  }
  const out = flags.out ?? './lrfind-out';
  checkOutDir(out);
  return {
    settings,
    model,
    data,
    optimizer: (flags.optimizer ?? 'sgd') as OptimizerName,
    backend: (flags.backend ?? 'auto') as BackendChoice,
    out,
    labels: {
      model: model.kind === 'builtin' ? model.name : basename(model.path),
      data: data.kind === 'builtin' ? data.name : basename(data.path),
    },
    json: flags.json === true,
    confirm: flags['no-confirm'] !== true,
    escalate: flags['no-escalate'] !== true,
    ...(flags.label !== undefined ? { label: flags.label } : {}),
    ...(inputs !== undefined ? { inputs } : {}),
    ...(weightDecay !== undefined ? { weightDecay } : {}),
    ...(flags['momentum-runs'] ? { momentumRuns: true } : {}),
    ...(flags.task !== undefined ? { task: flags.task as NonNullable<FindPlan['task']> } : {}),
    ...(flags['train-size'] !== undefined ? { trainSize: flags['train-size'] } : {}),
    ...(flags['data-dir'] !== undefined ? { dataDir: flags['data-dir'] } : {}),
  };
}

/** `--weight-decay 1e-4`, `auto`, or `0,1e-4,1e-2`; a UsageError otherwise. */
export function parseWeightDecay(flag: string): number | 'auto' | number[] {
  if (flag.trim() === 'auto') return 'auto';
  const values = flag.split(',').map((s) => s.trim());
  const numbers = values.map(Number);
  const bad = values.find((s, i) => s === '' || !(numbers[i]! >= 0 && Number.isFinite(numbers[i]!)));
  if (bad !== undefined) throw new UsageError(`--weight-decay must be a number ≥ 0, auto, or a list of them, got "${flag}"`);
  if (numbers.length === 1) return numbers[0]!;
  if (new Set(numbers).size < 2) throw new UsageError(`--weight-decay needs at least 2 different decays to choose from, got "${flag}"`);
  return numbers;
}

export async function findCommand(argv: readonly string[]): Promise<number> {
  const { flags } = parseFlags(argv, FIND_FLAGS, 'find');
  if (flags.help) {
    process.stdout.write(formatHelp(FIND_HELP));
    return EXIT.ok;
  }
  const plan = { ...planFind(flags), commandLine: commandLine('find', argv) };
  const { runFind } = await import('./find-run.js');
  return runFind(plan);
}
