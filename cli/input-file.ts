// Files lrfind reads (a curve, --from, --model): checked with one stat before reading, so that a
// pipe or a device (which never ends, or waits for a writer) is refused instead of hanging.
import { statSync } from 'node:fs';
import { UsageError } from './errors.js';

/** Largest input file read whole (a curve or a result is a few MB at most). */
export const MAX_INPUT_BYTES = 512 * 1024 * 1024;

/**
 * Throws a one-line UsageError when `path` is there but is not a regular file of at most
 * MAX_INPUT_BYTES; `what` starts the message ("curve file", "--from"). A missing file is left to the
 * reader, which says so.
 */
export function checkInputFile(path: string, what: string): void {
  let stat;
  try {
    stat = statSync(path);
  } catch {
    return;
  }
  if (stat.isDirectory()) throw new UsageError(`${what}: ${path} is a folder, not a file`);
  if (!stat.isFile()) throw new UsageError(`${what}: ${path} is not a regular file (a device, pipe or socket)`);
  if (stat.size > MAX_INPUT_BYTES) throw new UsageError(`${what}: ${path} is too large to read (${Math.round(stat.size / 2 ** 20)} MiB; at most ${MAX_INPUT_BYTES / 2 ** 20})`);
}
