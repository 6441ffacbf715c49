// What `--model` names, decided without loading tfjs (so bad flags fail fast).
import { existsSync, statSync } from 'node:fs';
import { extname, join, resolve } from 'node:path';
// names.js, not the models barrel: checking flags must not load tfjs.
import { MODEL_INPUTS, MODEL_NAMES, modelInputProblem, type ModelName } from '../../src/models/names.js';
import { UsageError } from '../errors.js';

export type ModelSource =
  | { kind: 'builtin'; name: string }
  | { kind: 'layers'; path: string }
  | { kind: 'module'; path: string };

const MODULE_EXTENSIONS = new Set(['.js', '.mjs', '.cjs']);

/** A word without a path separator or extension is a built-in name (checked when tfjs loads). */
function looksLikeName(flag: string): boolean {
  return /^[a-z][a-z0-9-]*$/i.test(flag);
}

export function resolveModelSource(flag: string, builtins: string): ModelSource {
  const path = resolve(flag);
  if (!existsSync(path)) {
    if (looksLikeName(flag)) return { kind: 'builtin', name: flag };
    throw new UsageError(`--model must be ${builtins}, a model.json or a .js/.mjs module, got "${flag}" (no such file)`);
  }
  if (statSync(path).isDirectory()) {
    const json = join(path, 'model.json');
    if (!existsSync(json)) throw new UsageError(`--model: ${flag} is a folder without a model.json`);
    return { kind: 'layers', path: json };
  }
  if (!statSync(path).isFile()) throw new UsageError(`--model: ${flag} is not a regular file (a device, pipe or socket)`);
  const ext = extname(path).toLowerCase();
  if (ext === '.json') return { kind: 'layers', path };
  if (MODULE_EXTENSIONS.has(ext)) return { kind: 'module', path };
  throw new UsageError(`--model must be a model.json or a .js/.mjs module, got "${flag}"`);
}

/** Throws unless a built-in name is one of MODEL_NAMES (resolveModelSource lets any word through). */
export function checkModelName(source: ModelSource): void {
  if (source.kind === 'builtin' && !(MODEL_NAMES as readonly string[]).includes(source.name)) {
    throw new UsageError(`--model must be ${MODEL_NAMES.join(', ')}, a model.json or a .js/.mjs module, got "${source.name}"`);
  }
}

/** The built-in datasets: all images. */
const IMAGE_DATA = 'digits, mnist, fashion-mnist';

/**
 * Throws when built-in model `name` cannot take the data: `inputShape` is the examples' shape, or
 * 'csv' for a CSV (always flat features), known before the file is read.
 */
export function checkBuiltinFitsData(name: ModelName, inputShape: readonly number[] | 'csv', data: string): void {
  if (inputShape === 'csv') {
    if (MODEL_INPUTS[name] === 'images') {
      throw new UsageError(`--model ${name} needs image data (${IMAGE_DATA}), but --data ${data} is a CSV of flat features: use --model mlp or a model of your own`);
    }
    return;
  }
  const problem = modelInputProblem(name, inputShape);
  if (problem !== null) throw new UsageError(`--model ${problem} (--data ${data})`);
}
