// `--data`: a built-in dataset name or a CSV file, loaded with the library's seeded split.
import { existsSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
// names.js, not the data barrel: deciding what --data means must not load tfjs.
import { DATASET_NAMES, resolveDatasetName, type DatasetName } from '../src/data/names.js';
import type { Dataset } from '../src/data/tensors.js';
import { UsageError } from './errors.js';

export type DataSource = { kind: 'builtin'; name: DatasetName } | { kind: 'csv'; path: string };

/** What `--data` names, checked before anything is loaded. */
export function resolveDataSource(flag: string): DataSource {
  try {
    return { kind: 'builtin', name: resolveDatasetName(flag) };
  } catch {
    // Not a dataset name: a CSV path.
  }
  const path = resolve(flag);
  if (!existsSync(path) || !statSync(path).isFile()) {
    throw new UsageError(`--data must be ${DATASET_NAMES.join(', ')} or a CSV file, got "${flag}" (no such file)`);
  }
  return { kind: 'csv', path };
}

export interface LoadDataOptions {
  seed: number;
  /** `--label`: a column name or 0-based index; the last column when absent. */
  label?: string;
  /** `--task`: what the CSV's label is. */
  task?: 'auto' | 'classification' | 'regression';
  trainSize?: number;
  dataDir?: string;
}

/** A label flag that reads as an integer is a column index, else a column name. */
function labelColumn(label: string | undefined): string | number | undefined {
  if (label === undefined) return undefined;
  return /^-?\d+$/.test(label.trim()) ? Number(label) : label;
}

/** Loads the data as tensors; errors are the library's one-line messages, prefixed with the flag. */
export async function loadData(source: DataSource, options: LoadDataOptions): Promise<Dataset> {
  const { loadCsvDataset, loadDataset } = await import('../src/data/node.js');
  try {
    if (source.kind === 'builtin') {
      return await loadDataset(source.name, {
        seed: options.seed,
        ...(options.trainSize !== undefined ? { trainSize: options.trainSize } : {}),
        ...(options.dataDir !== undefined ? { dataDir: options.dataDir } : {}),
      });
    }
    const label = labelColumn(options.label);
    return await loadCsvDataset(source.path, {
      seed: options.seed,
      ...(label !== undefined ? { label } : {}),
      ...(options.task !== undefined ? { task: options.task } : {}),
      ...(options.trainSize !== undefined ? { trainSize: options.trainSize } : {}),
    });
  } catch (error) {
    const message = (error as Error).message?.split('\n')[0] ?? String(error);
    const renamed = message.replace(/^trainSize\b/, '--train-size').replace(/^label\b/, '--label').replace(/^seed\b/, '--seed');
    throw new UsageError(renamed.startsWith('--') ? renamed : `--data: ${renamed}`);
  }
}
