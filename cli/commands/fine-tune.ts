// `lrfind fine-tune`: fastai's fine_tune with lrfind finding each lr, in one library call
// (fineTune). Flags are checked here, before tfjs loads (fine-tune-run.ts).
import { basename } from 'node:path';
import { parseFlags } from '../args.js';
import { resolveDataSource } from '../data-source.js';
import { EXIT, UsageError } from '../errors.js';
import { formatHelp, type HelpPage } from '../help.js';
import { parseInputColumns } from '../model/input-columns.js';
import type { OptimizerName } from '../model/optimizer-names.js';
import { resolveModelSource } from '../model/source.js';
import { checkOutDir } from '../output/out-dir.js';
import type { BackendChoice } from '../../src/tfjs/backend.js';
import { FINE_TUNE_FLAGS, type FineTuneFlags, type FineTunePlan } from './fine-tune-plan.js';

export const FINE_TUNE_HELP: HelpPage = {
  usage: 'lrfind fine-tune --model <model.json|module.js> --data <data> [options]',
  summary:
    'Transfer learning as fastai\'s fine_tune does it, with lrfind finding each lr: freezes the pretrained\n' +
    'base (every layer with weights but the last --head-layers), finds the lr of the new head and trains it\n' +
    '--freeze-epochs one-cycle; unfreezes, finds again and trains everything --epochs one-cycle, the base at\n' +
    '--base-lr-factor × the lr. Writes the fine-tuned model; the model file given is only read.',
  flags: FINE_TUNE_FLAGS,
  notes: [
    'Writes model/model.json (+ weights.bin), head/ and all/ (each range test\'s report), and fine-tune.json.',
    'The base trains at the lower lr by scaled updates: docs/fine-tune.md says why.',
  ],
  examples: [
    'lrfind fine-tune --model pretrained/model.json --data digits',
    'lrfind fine-tune --model pretrained/model.json --data cars.csv --label mpg --epochs 8 --out runs/ft',
  ],
};

function positive(flag: string, value: number | undefined): void {
  if (value !== undefined && !(Number.isInteger(value) && value >= 1)) throw new UsageError(`--${flag} must be a positive integer, got ${value}`);
}

export function planFineTune(flags: FineTuneFlags): FineTunePlan {
  if (flags.model === undefined) throw new UsageError('fine-tune needs --model (a pretrained model.json, or a module that builds one)');
  if (flags.data === undefined) throw new UsageError('fine-tune needs --data (digits, mnist, fashion-mnist or a CSV file)');
  const model = resolveModelSource(flags.model, 'a pretrained model.json or a module');
  if (model.kind === 'builtin') throw new UsageError(`--model for fine-tune must be a pretrained model (a model.json or a module), not the untrained built-in ${model.name}`);
  const data = resolveDataSource(flags.data);
  if (data.kind === 'builtin' && (flags.label !== undefined || flags.task !== undefined || flags.inputs !== undefined)) {
    throw new UsageError(`--label, --task and --inputs apply to CSV data, not ${data.name}`);
  }
  for (const flag of ['head-layers', 'freeze-epochs', 'epochs', 'batch-size', 'train-size'] as const) positive(flag, flags[flag]);
  const factor = flags['base-lr-factor'];
  if (factor !== undefined && !(factor > 0 && factor <= 1)) throw new UsageError(`--base-lr-factor must be in (0, 1], got ${factor}`);
  const out = flags.out ?? './lrfind-out/fine-tune';
  checkOutDir(out);
  return {
    model, data, out,
    labels: { model: basename(model.path), data: data.kind === 'builtin' ? data.name : basename(data.path) },
    optimizer: (flags.optimizer ?? 'adam') as OptimizerName,
    backend: (flags.backend ?? 'auto') as BackendChoice,
    headLayers: flags['head-layers'] ?? 1,
    freezeEpochs: flags['freeze-epochs'] ?? 1,
    epochs: flags.epochs ?? 4,
    baseLrFactor: factor ?? 0.1,
    batchSize: flags['batch-size'] ?? 32,
    seed: flags.seed ?? 0,
    json: flags.json === true,
    ...(flags.label !== undefined ? { label: flags.label } : {}),
    ...(flags.inputs !== undefined ? { inputs: parseInputColumns(flags.inputs) } : {}),
    ...(flags.task !== undefined ? { task: flags.task as NonNullable<FineTunePlan['task']> } : {}),
    ...(flags['train-size'] !== undefined ? { trainSize: flags['train-size'] } : {}),
    ...(flags['data-dir'] !== undefined ? { dataDir: flags['data-dir'] } : {}),
  };
}

export async function fineTuneCommand(argv: readonly string[]): Promise<number> {
  const { flags } = parseFlags(argv, FINE_TUNE_FLAGS, 'fine-tune');
  if (flags.help) {
    process.stdout.write(formatHelp(FINE_TUNE_HELP));
    return EXIT.ok;
  }
  const plan = planFineTune(flags);
  const { runFineTune } = await import('./fine-tune-run.js');
  return runFineTune(plan);
}
