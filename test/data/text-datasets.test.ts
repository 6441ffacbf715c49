// The browser's way to the digits (text in memory) gives exactly the rows Node's loader reads from disk.
import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { loadDatasetArrays } from '../../src/data/arrays.js';
import { digitsDatasetArrays } from '../../src/data/text-datasets.js';

const text = gunzipSync(readFileSync(new URL('../../data/digits.csv.gz', import.meta.url))).toString('utf8');

describe('digitsDatasetArrays', () => {
  it('matches loadDatasetArrays("digits") row for row, for the same options', async () => {
    const options = { seed: 3, trainSize: 500, validationSize: 100 };
    const fromText = digitsDatasetArrays(text, options);
    const fromDisk = await loadDatasetArrays('digits', options);
    expect(fromText.inputShape).toEqual([8, 8, 1]);
    expect(fromText.train.size).toBe(500);
    expect(Buffer.from(fromText.train.xs.buffer).equals(Buffer.from(fromDisk.train.xs.buffer))).toBe(true);
    expect([...fromText.validation.labels]).toEqual([...fromDisk.validation.labels]);
  });

  it('names the source and the problem on bad text', () => {
    expect(() => digitsDatasetArrays('1,2,3\n', {}, 'mine.csv')).toThrow(/mine\.csv: row 1 has 3 columns, expected 65/);
    expect(() => digitsDatasetArrays(text, { validationFraction: 2 })).toThrow(RangeError);
  });
});
