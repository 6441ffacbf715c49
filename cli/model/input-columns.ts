// `--inputs a=horsepower,weight;b=cylinders`: which CSV columns feed which input of a model with
// several inputs. Checked against the CSV's columns and the model's input names before training.
import * as tf from '@tensorflow/tfjs';
import { UsageError } from '../errors.js';

export interface InputColumns {
  input: string;
  columns: string[];
}

/** Parses the flag; throws a UsageError naming what is wrong. */
export function parseInputColumns(flag: string): InputColumns[] {
  const groups = flag.split(';').map((g) => g.trim()).filter((g) => g !== '');
  if (groups.length === 0) throw new UsageError('--inputs must map inputs to columns, e.g. --inputs "a=horsepower,weight;b=cylinders"');
  const mapping = groups.map((group) => {
    const [input, columns, ...rest] = group.split('=').map((s) => s.trim());
    const names = (columns ?? '').split(',').map((c) => c.trim()).filter((c) => c !== '');
    if (!input || names.length === 0 || rest.length > 0) throw new UsageError(`--inputs: "${group}" is not input=column,column…`);
    return { input, columns: names };
  });
  const inputs = mapping.map((m) => m.input);
  const twice = inputs.find((name, i) => inputs.indexOf(name) !== i);
  if (twice !== undefined) throw new UsageError(`--inputs names input "${twice}" twice`);
  const columns = mapping.flatMap((m) => m.columns);
  const reused = columns.find((name, i) => columns.indexOf(name) !== i);
  if (reused !== undefined) throw new UsageError(`--inputs feeds column "${reused}" to more than one input`);
  return mapping;
}

/** Throws a UsageError unless the mapping names the CSV's columns and exactly the model's inputs, at their widths. */
export function checkInputColumns(mapping: readonly InputColumns[], featureNames: readonly string[], model: tf.LayersModel, data: string): void {
  const unknown = mapping.flatMap((m) => m.columns).filter((c) => !featureNames.includes(c));
  if (unknown.length > 0) throw new UsageError(`--inputs: ${data} has no feature column ${unknown.map((c) => `"${c}"`).join(', ')}; its features are ${featureNames.join(', ')}`);
  // A Sequential names its input only once built: its input tensor has the name.
  const names = model.inputNames.length > 0 ? model.inputNames : model.inputs.map((t) => t.name);
  const missing = names.filter((n) => !mapping.some((m) => m.input === n));
  const extra = mapping.filter((m) => !names.includes(m.input)).map((m) => m.input);
  if (missing.length > 0 || extra.length > 0) {
    throw new UsageError(`--inputs must name the model's inputs (${names.join(', ')})${missing.length > 0 ? `; missing ${missing.join(', ')}` : ''}${extra.length > 0 ? `; the model has no input ${extra.join(', ')}` : ''}`);
  }
  model.inputs.forEach((input, i) => {
    const columns = mapping.find((m) => m.input === names[i])!.columns.length;
    const shape = input.shape.slice(1);
    if (shape.length !== 1 || (shape[0] != null && shape[0] !== columns)) {
      throw new UsageError(`--inputs gives input "${names[i]}" ${columns} column${columns === 1 ? '' : 's'} but it expects [${shape.map((d) => d ?? 'any').join(', ')}]`);
    }
  });
}

/** The feature matrix split into one tensor per input, its columns in the mapping's order. */
export function splitByInputs(xs: tf.Tensor, featureNames: readonly string[], mapping: readonly InputColumns[]): Record<string, tf.Tensor> {
  return tf.tidy(() => Object.fromEntries(mapping.map((m) => [m.input, tf.gather(xs, m.columns.map((c) => featureNames.indexOf(c)), 1)])));
}
