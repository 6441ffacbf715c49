// What `lrfind fine-tune` runs: its flags and the plan checked from them before anything loads.
import type { FlagSpecs, Flags } from '../args.js';
import type { DataSource } from '../data-source.js';
import type { InputColumns } from '../model/input-columns.js';
import type { ModelSource } from '../model/source.js';
import type { OptimizerName } from '../model/optimizer-names.js';
import type { BackendChoice } from '../../src/tfjs/backend.js';
import { FIND_FLAGS } from './find-flags.js';

export const FINE_TUNE_FLAGS = {
  model: { type: 'string', placeholder: '<model.json|module.js>', description: 'the pretrained model, its new head last (a module may build it)' },
  data: FIND_FLAGS.data,
  label: FIND_FLAGS.label,
  inputs: FIND_FLAGS.inputs,
  task: FIND_FLAGS.task,
  optimizer: FIND_FLAGS.optimizer,
  'head-layers': { type: 'integer', option: 'headLayers', description: 'layers with weights, at the end, that form the new head', default: '1' },
  'freeze-epochs': { type: 'integer', option: 'freezeEpochs', description: 'one-cycle epochs of the head alone, the base frozen', default: '1' },
  epochs: { type: 'integer', option: 'epochs', description: 'one-cycle epochs of the whole model once unfrozen', default: '4' },
  'base-lr-factor': { type: 'number', option: 'baseLrFactor', description: "the base trains at this fraction of the head's lr, in (0, 1]", default: '0.1' },
  'batch-size': { ...FIND_FLAGS['batch-size'], default: '32' },
  seed: FIND_FLAGS.seed,
  'train-size': FIND_FLAGS['train-size'],
  'data-dir': FIND_FLAGS['data-dir'],
  backend: FIND_FLAGS.backend,
  out: { type: 'string', placeholder: '<dir>', description: 'where the fine-tuned model, both range tests and fine-tune.json go', default: './lrfind-out/fine-tune' },
  json: { type: 'boolean', description: 'print fine-tune.json on stdout and nothing else' },
  help: FIND_FLAGS.help,
} as const satisfies FlagSpecs;

export type FineTuneFlags = Flags<typeof FINE_TUNE_FLAGS>;

/** What `fine-tune` runs, checked before anything is loaded or written. */
export interface FineTunePlan {
  model: ModelSource;
  data: DataSource;
  labels: { model: string; data: string };
  optimizer: OptimizerName;
  backend: BackendChoice;
  headLayers: number;
  freezeEpochs: number;
  epochs: number;
  baseLrFactor: number;
  batchSize: number;
  seed: number;
  out: string;
  json: boolean;
  label?: string;
  inputs?: InputColumns[];
  task?: 'auto' | 'classification' | 'regression';
  trainSize?: number;
  dataDir?: string;
}
