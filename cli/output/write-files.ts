// Writes a set of output files so that none is ever left half-written: every file goes to a
// temporary name in the target folder first and is renamed into place once all were written.
import { statSync } from 'node:fs';
import { rename, rm, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import type { OutputFile } from '../../reports/output-file.js';
import { UsageError } from '../errors.js';
import { createFolders, fsReason } from './out-dir.js';

export type { OutputFile } from '../../reports/output-file.js';

/**
 * Writes `files` into `dir` (created when missing, one level at a time: see `createFolders`) and
 * returns their absolute paths. A file already there is replaced whole; nothing is touched when
 * one of the names is taken by a folder.
 */
export async function writeFilesAtomically(dir: string, files: readonly OutputFile[]): Promise<string[]> {
  const folder = resolve(dir);
  createFolders(dir);
  for (const f of files) {
    const target = join(folder, f.name);
    let isFolder = false;
    try {
      isFolder = statSync(target).isDirectory();
    } catch {
      // Not there yet.
    }
    if (isFolder) throw new UsageError(`--out ${dir}: ${f.name} is a folder there; move it or choose another --out`);
  }
  const temps = files.map((f) => join(folder, `.${f.name}.${process.pid}.tmp`));
  try {
    await Promise.all(files.map((f, i) => writeFile(temps[i]!, f.content)));
    // Renames within one folder are atomic: each file appears complete or not at all.
    for (const [i, f] of files.entries()) await rename(temps[i]!, join(folder, f.name));
  } catch (error) {
    await Promise.all(temps.map((t) => rm(t, { force: true })));
    throw new Error(`--out ${dir}: cannot write the files (${fsReason(error)})`);
  }
  return files.map((f) => join(folder, f.name));
}
