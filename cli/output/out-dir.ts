// `--out`: the library's output folder, its errors named by the flag (exit 2).
import {
  checkOutputFolder, OutputFolderError, writeFilesAtomically as writeFiles, type OutputFile,
} from '../../src/io/output-folder.js';
import { UsageError } from '../errors.js';

function asFlag(error: unknown): never {
  if (error instanceof OutputFolderError) throw new UsageError(`--out ${error.message}`);
  throw error;
}

/** Checks `--out` before any work (see `checkOutputFolder`). */
export function checkOutDir(dir: string): void {
  try {
    checkOutputFolder(dir);
  } catch (error) {
    asFlag(error);
  }
}

/** Writes the files into `--out` (see the library's `writeFilesAtomically`). */
export function writeFilesAtomically(dir: string, files: readonly OutputFile[]): Promise<string[]> {
  return writeFiles(dir, files).catch(asFlag);
}
