// The page's model: a built-in one sized to the data, or the user's tfjs Layers model (model.json
// and weight files picked or dropped, or a URL), compiled with the chosen optimizer.
import * as tf from '@tensorflow/tfjs';
import { type DatasetArrays } from '../../src/data/index.js';
import { buildModel, type ModelName } from '../../src/models/index.js';

export type OptimizerName = 'momentum' | 'sgd' | 'adam';

export type ModelSource =
  | { kind: 'builtin'; name: ModelName }
  | { kind: 'files'; files: File[] }
  | { kind: 'url'; url: string };

/** The optimizer at a placeholder lr: the range test sets the lr at every step. */
function optimizer(name: OptimizerName): tf.Optimizer {
  switch (name) {
    case 'momentum':
      return tf.train.momentum(0.01, 0.9);
    case 'adam':
      return tf.train.adam(0.001);
    default:
      return tf.train.sgd(0.01);
  }
}

/** model.json first, then the weight files, as tf.io.browserFiles wants them; a message when model.json is missing. */
export function orderModelFiles(files: File[]): File[] {
  const json = files.filter((f) => f.name.toLowerCase().endsWith('.json'));
  if (json.length !== 1) {
    throw new Error(json.length === 0
      ? `no model.json among ${files.map((f) => f.name).join(', ')}: pick the model.json that tf.io / model.save wrote, with its .bin weight files`
      : `several .json files (${json.map((f) => f.name).join(', ')}): pick one model.json and its .bin weight files`);
  }
  return [json[0]!, ...files.filter((f) => f !== json[0])];
}

/** Checks model.json before tfjs sees it, so a wrong file gets a sentence and not a stack trace. */
async function checkModelJson(file: File): Promise<void> {
  let doc: unknown;
  try {
    doc = JSON.parse(await file.text());
  } catch {
    throw new Error(`${file.name}: not JSON (expected the model.json of a tfjs Layers model)`);
  }
  if (typeof doc !== 'object' || doc === null || !('modelTopology' in doc)) {
    throw new Error(`${file.name}: not a tfjs Layers model (no modelTopology; expected the model.json that model.save('downloads://…') writes)`);
  }
}

async function loadUserModel(source: Exclude<ModelSource, { kind: 'builtin' }>): Promise<tf.LayersModel> {
  try {
    if (source.kind === 'url') return await tf.loadLayersModel(source.url);
    const files = orderModelFiles(source.files);
    await checkModelJson(files[0]!);
    return await tf.loadLayersModel(tf.io.browserFiles(files));
  } catch (error) {
    const what = source.kind === 'url' ? source.url : 'the model files';
    const message = (error as Error)?.message ?? String(error);
    throw new Error(message.startsWith(what) || /^[\w.-]+\.json: /.test(message) ? message : `${what}: ${message}`);
  }
}

/** The model to test, compiled: cross-entropy and accuracy for classes, mean squared error for a regression. */
export async function makeModel(source: ModelSource, data: DatasetArrays, optimizerName: OptimizerName, seed: number): Promise<{ model: tf.LayersModel; label: string }> {
  const task = data.task ?? 'classification';
  const model = source.kind === 'builtin'
    ? buildModel(source.name, { inputShape: data.inputShape, numClasses: data.numClasses, task, seed })
    : await loadUserModel(source);
  const loss = task === 'regression' ? 'meanSquaredError' : 'categoricalCrossentropy';
  model.compile({ optimizer: optimizer(optimizerName), loss, metrics: task === 'regression' ? [] : ['accuracy'] });
  const label = source.kind === 'builtin' ? source.name : source.kind === 'url' ? source.url.split('/').slice(-2).join('/') : model.name;
  return { model, label };
}
