// What `--model` names, decided without loading tfjs (so bad flags fail fast).
import { existsSync, statSync } from 'node:fs';
import { extname, join, resolve } from 'node:path';
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
  const ext = extname(path).toLowerCase();
  if (ext === '.json') return { kind: 'layers', path };
  if (MODULE_EXTENSIONS.has(ext)) return { kind: 'module', path };
  throw new UsageError(`--model must be a model.json or a .js/.mjs module, got "${flag}"`);
}
