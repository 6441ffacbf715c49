import { readFileSync } from 'node:fs';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { DIGITS_PIXELS, parseDigitsCsv } from '../../src/data/digits.js';
import { packagedDigitsPath } from '../../src/data/files.js';
import { DIGITS_CLASS_COUNTS } from './known-counts.js';

const repoRoot = path.resolve(import.meta.dirname, '../..');

describe('the packaged digits file', () => {
  it('is found in the repository data/ folder', () => {
    expect(packagedDigitsPath()).toBe(path.join(repoRoot, 'data', 'digits.csv.gz'));
  });

  it('holds 1,797 digits with the documented class counts and pixels 0..16', () => {
    const digits = parseDigitsCsv(gunzipSync(readFileSync(packagedDigitsPath())).toString('utf8'));
    expect(digits.count).toBe(1797);
    expect(digits.pixels.length).toBe(1797 * DIGITS_PIXELS);
    const counts = new Array<number>(10).fill(0);
    digits.labels.forEach((l) => counts[l]!++);
    expect(counts).toEqual(DIGITS_CLASS_COUNTS);
    expect(Math.max(...digits.pixels)).toBe(16);
    expect(Math.min(...digits.pixels)).toBe(0);
    // First row of scikit-learn's file: a zero whose top row is 0,0,5,13,9,1,0,0.
    expect([...digits.pixels.subarray(0, 8)]).toEqual([0, 0, 5, 13, 9, 1, 0, 0]);
    expect(digits.labels[0]).toBe(0);
  });
});

describe('parseDigitsCsv errors', () => {
  const row = (label: string, pixel = '0') => [...new Array<string>(63).fill('0'), pixel, label].join(',');

  it('names row and column of an out-of-range cell', () => {
    expect(() => parseDigitsCsv(`${row('1')}\n${row('1', '17')}\n`, 'd.csv')).toThrow(
      'd.csv: row 2, column 64 must be an integer in [0, 16], got "17"',
    );
    expect(() => parseDigitsCsv(row('10'), 'd.csv')).toThrow('d.csv: row 1, column 65 must be an integer in [0, 9], got "10"');
    expect(() => parseDigitsCsv(row(''), 'd.csv')).toThrow('column 65 must be an integer in [0, 9], got ""');
  });

  it('rejects rows of the wrong width and an empty file', () => {
    expect(() => parseDigitsCsv('1,2,3\n', 'd.csv')).toThrow('d.csv: row 1 has 3 columns, expected 65');
    expect(() => parseDigitsCsv('\n', 'd.csv')).toThrow('d.csv: the file is empty');
  });
});
