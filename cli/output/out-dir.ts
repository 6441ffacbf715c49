// `--out` must be a folder (or not exist yet): checked before any work, so a typo fails fast.
import { existsSync, statSync } from 'node:fs';
import { UsageError } from '../errors.js';

export function checkOutDir(dir: string): void {
  if (dir.trim() === '') throw new UsageError('--out needs a folder');
  if (existsSync(dir) && !statSync(dir).isDirectory()) throw new UsageError(`--out ${dir} is a file, not a folder`);
}
