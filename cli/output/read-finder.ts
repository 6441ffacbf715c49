// `schedule --from`: the bounds of a finder result (range-test.json from find or analyze).
import { readFile } from 'node:fs/promises';
import { UsageError } from '../errors.js';
import type { FinderBounds } from '../commands/schedule-build.js';

/** Reads `suggestion.maxLr` / `suggestion.minLr` from a range-test.json. */
export async function readFinderBounds(path: string): Promise<FinderBounds> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new UsageError(code === 'ENOENT' ? `--from: file not found: ${path}` : `--from: cannot read ${path} (${code ?? 'error'})`);
  }
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch {
    throw new UsageError(`--from: ${path} is not JSON (expected the range-test.json of lrfind find or analyze)`);
  }
  const suggestion = (doc as { suggestion?: unknown } | null)?.suggestion;
  if (suggestion === null) throw new UsageError(`--from: ${path} has no bounds (its analysis recommended none; see its warnings)`);
  const { maxLr, minLr } = (suggestion ?? {}) as { maxLr?: unknown; minLr?: unknown };
  if (typeof maxLr !== 'number' || typeof minLr !== 'number' || !(maxLr > 0) || !(minLr > 0)) {
    throw new UsageError(`--from: ${path} has no suggestion.maxLr / suggestion.minLr (expected the range-test.json of lrfind find or analyze)`);
  }
  return { maxLr, minLr };
}
