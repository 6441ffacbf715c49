import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import { csvDatasetArrays, loadCsvDatasetArrays } from '../../src/data/arrays.js';
import { DatasetFormatError, DatasetNotFoundError } from '../../src/data/errors.js';
import { range, rows, sameBytes } from './helpers.js';

const scratch = mkdtempSync(path.join(tmpdir(), 'lrfind-csv-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

/** 50 rows: x in 0..49, y = 100 - 2x, class "odd"/"even" by x. */
const TEXT = ['x,y,kind', ...Array.from({ length: 50 }, (_, x) => `${x},${100 - 2 * x},${x % 2 ? 'odd' : 'even'}`)].join('\n');

describe('csvDatasetArrays', () => {
  it('splits 80/20, maps sorted classes to 0..k-1 and min-max scales on the training rows', () => {
    const d = csvDatasetArrays(TEXT, {}, 'two.csv');
    expect(d).toMatchObject({ name: 'two.csv', numClasses: 2, inputShape: [2], classNames: ['even', 'odd'] });
    expect([d.train.size, d.validation.size]).toEqual([40, 10]);
    expect(range(d.train.xs)).toEqual([0, 1]);
    expect(new Set([...rows(d.train), ...rows(d.validation)]).size).toBe(50);
    // Validation is scaled with the training min/max, so it may leave [0, 1] but not by much here.
    const [lo, hi] = range(d.validation.xs);
    expect(lo).toBeGreaterThanOrEqual(-0.1);
    expect(hi).toBeLessThanOrEqual(1.1);
  });

  it('keeps each label with its features through the shuffle (no normalisation)', () => {
    const d = csvDatasetArrays(TEXT, { normalize: 'none', seed: 5 });
    for (const split of [d.train, d.validation]) {
      for (let r = 0; r < split.size; r++) {
        const x = split.xs[2 * r]!;
        expect(split.xs[2 * r + 1]).toBe(100 - 2 * x);
        expect(split.labels[r]).toBe(x % 2);
      }
    }
  });

  it('z-scores with training statistics only', () => {
    const d = csvDatasetArrays(TEXT, { normalize: 'z-score', seed: 2 });
    const column = [...d.train.xs].filter((_, i) => i % 2 === 0);
    const mean = column.reduce((a, b) => a + b, 0) / column.length;
    const variance = column.reduce((a, b) => a + (b - mean) ** 2, 0) / column.length;
    expect(mean).toBeCloseTo(0, 5);
    expect(variance).toBeCloseTo(1, 5);
  });

  it('repeats for a seed, differs for another, and takes subsets', () => {
    const a = csvDatasetArrays(TEXT, { seed: 1 });
    expect(sameBytes(csvDatasetArrays(TEXT, { seed: 1 }).validation.xs, a.validation.xs)).toBe(true);
    expect(new Set(rows(csvDatasetArrays(TEXT, { seed: 2, normalize: 'none' }).validation))).not.toEqual(
      new Set(rows(csvDatasetArrays(TEXT, { seed: 1, normalize: 'none' }).validation)),
    );
    const small = csvDatasetArrays(TEXT, { trainSize: 7, validationSize: 3, validationFraction: 0.5 });
    expect([small.train.size, small.validation.size]).toEqual([7, 3]);
  });

  it('validates its options', () => {
    expect(() => csvDatasetArrays(TEXT, { normalize: 'max' as 'none' })).toThrow(
      new RangeError('normalize must be one of min-max, z-score, none, got "max"'),
    );
    expect(() => csvDatasetArrays(TEXT, { validationFraction: 0 })).toThrow(RangeError);
  });
});

describe('loadCsvDatasetArrays', () => {
  it('reads a plain or gzipped file and names the dataset after it', async () => {
    writeFileSync(path.join(scratch, 'points.csv'), TEXT);
    writeFileSync(path.join(scratch, 'points.csv.gz'), gzipSync(TEXT));
    const plain = await loadCsvDatasetArrays(path.join(scratch, 'points.csv'), { label: 'kind' });
    const zipped = await loadCsvDatasetArrays(path.join(scratch, 'points.csv.gz'));
    expect(plain.name).toBe('points');
    expect(sameBytes(plain.train.xs, zipped.train.xs)).toBe(true);
  });

  it('reports a missing file and names the file in format errors', async () => {
    const missing = path.join(scratch, 'nope.csv');
    await expect(loadCsvDatasetArrays(missing)).rejects.toThrow(new DatasetNotFoundError(`CSV file not found: ${missing}`, [missing]));
    const bad = path.join(scratch, 'bad.csv');
    writeFileSync(bad, 'a,b\n1,x\n2,x\n');
    const error = await loadCsvDatasetArrays(bad).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DatasetFormatError);
    expect((error as DatasetFormatError).source).toBe(bad);
    expect((error as Error).message).toBe(`${bad}: the label column "b" must hold at least 2 classes, got 1 (x)`);
  });
});
