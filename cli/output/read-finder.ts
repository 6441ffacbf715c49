// `schedule --from`: the bounds of a finder result (the range-test.json of find or analyze).
import { readFile } from 'node:fs/promises';
import { parseRangeTestFile, RangeTestFileError } from '../../src/range-test/file.js';
import { UsageError } from '../errors.js';

/** The bounds to train with of a range-test.json: a usage error naming the file when it has none. */
export async function readFinderBounds(path: string): Promise<{ maxLr: number; minLr: number; weightDecay?: number }> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new UsageError(code === 'ENOENT' ? `--from: file not found: ${path}` : `--from: cannot read ${path} (${code ?? 'error'})`);
  }
  try {
    const { bounds, warnings, weightDecay } = parseRangeTestFile(text, path);
    if (bounds === null) throw new UsageError(`--from: ${path} has no bounds${warnings.length > 0 ? ` (${warnings.join('; ')})` : ''}`);
    // The weight decay the bounds were found with belongs with them (version 3 files).
    return { maxLr: bounds.maxLr, minLr: bounds.minLr, ...(weightDecay && weightDecay.value > 0 ? { weightDecay: weightDecay.value } : {}) };
  } catch (error) {
    if (error instanceof RangeTestFileError) throw new UsageError(`--from: ${error.message}`);
    throw error;
  }
}
