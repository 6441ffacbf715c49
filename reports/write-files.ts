// Writes a set of output files so that none is ever left half-written: every file goes to a
// temporary name in the target folder first and is renamed into place once all were written.
import { mkdir, rename, rm, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';

export interface OutputFile {
  /** File name inside the output folder. */
  name: string;
  content: string | Uint8Array;
}

/** Writes `files` into `dir` (created when missing) and returns their absolute paths. */
export async function writeFilesAtomically(dir: string, files: readonly OutputFile[]): Promise<string[]> {
  const folder = resolve(dir);
  try {
    await mkdir(folder, { recursive: true });
  } catch (error) {
    throw new Error(`--out ${dir}: cannot create the folder (${(error as NodeJS.ErrnoException).code ?? 'error'})`);
  }
  const temps = files.map((f) => join(folder, `.${f.name}.${process.pid}.tmp`));
  try {
    await Promise.all(files.map((f, i) => writeFile(temps[i]!, f.content)));
    // Renames within one folder are atomic: each file appears complete or not at all.
    for (const [i, f] of files.entries()) await rename(temps[i]!, join(folder, f.name));
  } catch (error) {
    await Promise.all(temps.map((t) => rm(t, { force: true })));
    throw error;
  }
  return files.map((f) => join(folder, f.name));
}
