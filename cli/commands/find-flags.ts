// The flags of `lrfind find`, named after the library's range-test options.
import type { FlagSpecs } from '../args.js';
import { OPTIMIZER_NAMES } from '../model/optimizer-names.js';
import { BACKEND_CHOICES } from '../../src/tfjs/backend-choices.js';

export const FIND_FLAGS = {
  model: { type: 'string', placeholder: '<mlp|cnn|vgg-mini|model.json|module.js>', description: 'built-in model sized to the data, a tfjs Layers model.json, or a module exporting createModel' },
  data: { type: 'string', placeholder: '<digits|mnist|fashion-mnist|file.csv>', description: 'built-in dataset or a CSV of numeric features and a label' },
  label: { type: 'string', placeholder: '<column>', description: 'CSV label column: a header name or a 0-based index', default: 'the last column' },
  inputs: { type: 'string', placeholder: '<input=col,…;input=col,…>', description: "a model with several inputs: the CSV columns that feed each, by the model's input names" },
  task: { type: 'string', choices: ['auto', 'classification', 'regression'], description: 'CSV label: classes, or a number to predict (mean squared error, one linear output); auto: numbers with fractions or many values are regression', default: 'auto' },
  optimizer: { type: 'string', choices: OPTIMIZER_NAMES, description: 'optimizer (momentum and nesterov use 0.9)', default: 'sgd' },
  'start-lr': { type: 'number', option: 'startLr', description: 'first learning rate', default: '1e-7' },
  'end-lr': { type: 'number', option: 'endLr', description: 'last learning rate (the sweep goes on past it while the loss still falls)', default: '1' },
  'num-iter': { type: 'integer', option: 'numIter', description: 'steps (mini-batches) in the sweep', default: '100' },
  'batch-size': { type: 'integer', option: 'batchSize', description: 'mini-batch size', default: '64' },
  mode: { type: 'string', option: 'mode', choices: ['exp', 'linear'], description: 'how the lr grows', default: 'exp' },
  diverge: { type: 'number', option: 'divergeThreshold', infinity: true, description: "stop rule: stop when the loss's running average (EMA) exceeds this × its lowest; inf: never", default: '4' },
  smooth: { type: 'number', option: 'smoothing', description: "β of the stop rule's running average (EMA), in [0, 1)", default: '0.98' },
  runs: { type: 'integer', option: 'runs', description: 'repeat the test with other shuffles; the median curve is analysed', default: '1' },
  seed: { type: 'integer', option: 'seed', description: 'seed of the data split, the shuffle and the built-in model', default: '0' },
  'train-size': { type: 'integer', option: 'trainSize', description: 'use a seeded subset of this many training examples', default: 'all' },
  'no-confirm': { type: 'boolean', description: "skip the probes that confirm the max lr by short sustained training (up to 8 × 60 steps): the curve's bounds alone" },
  'weight-decay': { type: 'string', option: 'weightDecay', placeholder: '<number|auto|list>', description: "decoupled weight decay (AdamW's rule); auto: a range test at each of 0, 1e-5 … 1e-2, the decay whose validation loss falls lowest", default: '0' },
  'momentum-runs': { type: 'boolean', description: "after the bounds: short runs at the max lr with momentum (β1) 0.8 … 0.99, as Smith reads momentum; says which ended lowest" },
  'no-escalate': { type: 'boolean', description: 'read the planned sweep as it is: no sweeping on past --end-lr, again with more steps or runs, or probing lower' },
  'data-dir': { type: 'string', placeholder: '<dir>', description: 'folder with the dataset files (mnist, fashion-mnist, digits)' },
  backend: { type: 'string', choices: BACKEND_CHOICES, description: 'tfjs backend (lrfind backends lists what works here)', default: 'auto' },
  out: { type: 'string', placeholder: '<dir>', description: 'where range-test.json, range-test.svg and index.html go', default: './lrfind-out' },
  json: { type: 'boolean', description: 'print one JSON document on stdout and nothing else' },
  help: { type: 'boolean', description: 'show this help' },
} as const satisfies FlagSpecs;
