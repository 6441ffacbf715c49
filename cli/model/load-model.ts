// `--model`: a built-in architecture, a tfjs Layers model.json, or a JS module that builds one.
import { pathToFileURL } from 'node:url';
import * as tf from '@tensorflow/tfjs';
import { buildModel, type ModelName } from '../../src/models/index.js';
import { UsageError } from '../errors.js';
import { fileLoadHandler } from './file-handler.js';
import { checkBuiltinFitsData, checkModelName, type ModelSource } from './source.js';
import { createOptimizer } from './optimizer.js';
import type { OptimizerName } from './optimizer-names.js';
import { checkInputColumns, type InputColumns } from './input-columns.js';
import type { Trainable, TrainingStep } from '../../src/tfjs/learner.js';

/** What a model module's factory receives: use this `tf` so the model lives on lrfind's backend. */
export interface ModelFactoryArgs {
  tf: typeof tf;
  inputShape: number[];
  /** Classes to output; 1 for regression. */
  numClasses: number;
  task: Task;
  seed: number;
}

type Task = 'classification' | 'regression';

export interface LoadModelOptions {
  inputShape: number[];
  numClasses: number;
  task: Task;
  seed: number;
  optimizer: OptimizerName;
  /** The optimizer's lr before the range test sets its own. */
  lr: number;
  /** `--inputs`: the CSV's columns for each of the model's inputs (several named inputs). */
  inputs?: InputColumns[];
  /** The CSV's feature columns, for `inputs`. */
  featureNames?: string[];
}

function isLayersModel(value: unknown): value is tf.LayersModel {
  return value != null && typeof (value as tf.LayersModel).trainOnBatch === 'function';
}

function isTrainingStep(value: unknown): value is TrainingStep {
  const step = value as Partial<TrainingStep>;
  return step != null && typeof step.loss === 'function' && typeof step.optimizer?.minimize === 'function';
}

async function fromModule(path: string, options: LoadModelOptions): Promise<Trainable> {
  let mod: Record<string, unknown>;
  try {
    mod = (await import(pathToFileURL(path).href)) as Record<string, unknown>;
  } catch (error) {
    throw new UsageError(`--model: cannot import ${path} (${(error as Error).message.split('\n')[0]})`);
  }
  const factory = mod.createModel ?? mod.createStep ?? mod.default;
  if (typeof factory !== 'function') {
    throw new UsageError(`--model: ${path} must export a function, as default, createModel or createStep`);
  }
  const args: ModelFactoryArgs = { tf, inputShape: [...options.inputShape], numClasses: options.numClasses, task: options.task, seed: options.seed };
  let model: unknown;
  try {
    model = await (factory as (a: ModelFactoryArgs) => unknown)(args);
  } catch (error) {
    throw new UsageError(`--model: ${path} threw while building the model (${(error as Error).message.split('\n')[0]})`);
  }
  if (isTrainingStep(model)) return model;
  if (!isLayersModel(model)) throw new UsageError(`--model: ${path} must return a compiled tf.LayersModel or a training step {optimizer, loss, variables?}`);
  if (model.optimizer == null) throw new UsageError(`--model: ${path} must return a compiled model (call model.compile first)`);
  return model;
}

async function fromLayersFile(path: string): Promise<tf.LayersModel> {
  try {
    return await tf.loadLayersModel(fileLoadHandler(path));
  } catch (error) {
    if (error instanceof UsageError) throw error;
    throw new UsageError(`--model: cannot load ${path} (${(error as Error).message.split('\n')[0]})`);
  }
}

const describe = (shape: readonly (number | null)[]): string => `[${shape.map((d) => d ?? 'any').join(', ')}]`;

/** Throws a UsageError when the model's inputs (or, with `--inputs`, their columns) or its output do not fit the data. */
export function checkModelFitsData(model: tf.LayersModel, options: Pick<LoadModelOptions, 'inputShape' | 'numClasses' | 'task' | 'inputs' | 'featureNames'>, what: string, data: string): void {
  const { inputShape, numClasses, task } = options;
  if (options.inputs !== undefined) {
    checkInputColumns(options.inputs, options.featureNames ?? [], model, data);
  } else if (model.inputs.length !== 1) {
    throw new UsageError(`--model ${what} has ${model.inputs.length} inputs (${model.inputNames.join(', ')}): say which CSV columns feed each with --inputs "${model.inputNames[0]}=column,…;…"`);
  } else {
    const input = model.inputs[0]!.shape.slice(1);
    const fits = input.length === inputShape.length && input.every((d, i) => d == null || d === inputShape[i]);
    if (!fits) throw new UsageError(`--model ${what} expects inputs ${describe(input)} but --data ${data} has ${describe(inputShape)}`);
  }
  if (model.outputs.length !== 1) throw new UsageError(`--model ${what} must have one output for --data ${data}, got ${model.outputs.length}`);
  const output = model.outputs[0]!.shape.slice(1);
  if (output.length !== 1 || (output[0] != null && output[0] !== numClasses)) {
    const has = task === 'regression' ? 'is a regression (one number per example: --task classification if its labels are classes)' : `has ${numClasses} classes`;
    throw new UsageError(`--model ${what} outputs ${describe(output)} but --data ${data} ${has}`);
  }
}

/**
 * Builds or loads the model and compiles it with `--optimizer` and categorical cross-entropy
 * (a model module returns its own compiled model). Checks that it fits the data.
 */
export async function loadModel(source: ModelSource, options: LoadModelOptions, label: { model: string; data: string }): Promise<Trainable> {
  checkModelName(source);
  let model: tf.LayersModel;
  if (source.kind === 'module') {
    const built = await fromModule(source.path, options);
    if (!isLayersModel(built)) return built;
    model = built;
  } else {
    if (source.kind === 'builtin') checkBuiltinFitsData(source.name as ModelName, options.inputShape, label.data);
    model =
      source.kind === 'builtin'
        ? buildModel(source.name as ModelName, { inputShape: options.inputShape, numClasses: options.numClasses, task: options.task, seed: options.seed })
        : await fromLayersFile(source.path);
    checkModelFitsData(model, options, label.model, label.data);
    const loss = options.task === 'regression' ? 'meanSquaredError' : 'categoricalCrossentropy';
    model.compile({ optimizer: createOptimizer(options.optimizer, options.lr), loss, ...(options.task === 'regression' ? {} : { metrics: ['accuracy'] }) });
    return model;
  }
  checkModelFitsData(model, options, label.model, label.data);
  return model;
}
