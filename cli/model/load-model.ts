// `--model`: a built-in architecture, a tfjs Layers model.json, or a JS module that builds one.
import { pathToFileURL } from 'node:url';
import * as tf from '@tensorflow/tfjs';
import { buildModel, type ModelName } from '../../src/models/index.js';
import { UsageError } from '../errors.js';
import { fileLoadHandler } from './file-handler.js';
import { checkBuiltinFitsData, checkModelName, type ModelSource } from './source.js';
import { createOptimizer } from './optimizer.js';
import type { OptimizerName } from './optimizer-names.js';

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
}

function isLayersModel(value: unknown): value is tf.LayersModel {
  return value != null && typeof (value as tf.LayersModel).trainOnBatch === 'function';
}

async function fromModule(path: string, options: LoadModelOptions): Promise<tf.LayersModel> {
  let mod: Record<string, unknown>;
  try {
    mod = (await import(pathToFileURL(path).href)) as Record<string, unknown>;
  } catch (error) {
    throw new UsageError(`--model: cannot import ${path} (${(error as Error).message.split('\n')[0]})`);
  }
  const factory = mod.createModel ?? mod.default;
  if (typeof factory !== 'function') {
    throw new UsageError(`--model: ${path} must export a function, as default or createModel`);
  }
  const args: ModelFactoryArgs = { tf, inputShape: [...options.inputShape], numClasses: options.numClasses, task: options.task, seed: options.seed };
  let model: unknown;
  try {
    model = await (factory as (a: ModelFactoryArgs) => unknown)(args);
  } catch (error) {
    throw new UsageError(`--model: ${path} threw while building the model (${(error as Error).message.split('\n')[0]})`);
  }
  if (!isLayersModel(model)) throw new UsageError(`--model: ${path} must return a tf.LayersModel`);
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

/** Throws a UsageError when the model's input or output does not fit the data. */
export function checkModelFitsData(model: tf.LayersModel, inputShape: number[], numClasses: number, what: string, data: string, task: Task = 'classification'): void {
  if (model.inputs.length !== 1 || model.outputs.length !== 1) {
    throw new UsageError(`--model ${what} must have one input and one output, got ${model.inputs.length} and ${model.outputs.length}`);
  }
  const input = model.inputs[0]!.shape.slice(1);
  const fits = input.length === inputShape.length && input.every((d, i) => d == null || d === inputShape[i]);
  if (!fits) {
    throw new UsageError(`--model ${what} expects inputs ${describe(input)} but --data ${data} has ${describe(inputShape)}`);
  }
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
export async function loadModel(source: ModelSource, options: LoadModelOptions, label: { model: string; data: string }): Promise<tf.LayersModel> {
  checkModelName(source);
  let model: tf.LayersModel;
  if (source.kind === 'module') {
    model = await fromModule(source.path, options);
  } else {
    if (source.kind === 'builtin') checkBuiltinFitsData(source.name as ModelName, options.inputShape, label.data);
    model =
      source.kind === 'builtin'
        ? buildModel(source.name as ModelName, { inputShape: options.inputShape, numClasses: options.numClasses, task: options.task, seed: options.seed })
        : await fromLayersFile(source.path);
    checkModelFitsData(model, options.inputShape, options.numClasses, label.model, label.data, options.task);
    const loss = options.task === 'regression' ? 'meanSquaredError' : 'categoricalCrossentropy';
    model.compile({ optimizer: createOptimizer(options.optimizer, options.lr), loss });
    return model;
  }
  checkModelFitsData(model, options.inputShape, options.numClasses, label.model, label.data, options.task);
  return model;
}
