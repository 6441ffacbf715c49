import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadDatasetArrays } from '../../src/data/arrays.js';
import { DIGITS_CLASS_COUNTS } from './known-counts.js';
import { classCounts, range, rows, sameBytes } from './helpers.js';

const scratch = mkdtempSync(path.join(tmpdir(), 'lrfind-data-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

describe('digits', () => {
  it('splits all 1,797 digits 80/20 with every example once and pixels scaled by 1/16', async () => {
    const d = await loadDatasetArrays('digits');
    expect(d).toMatchObject({ name: 'digits', numClasses: 10, inputShape: [8, 8, 1] });
    expect([d.train.size, d.validation.size]).toEqual([1438, 359]);
    expect(d.train.xs.length).toBe(1438 * 64);
    const both = classCounts(d.train.labels).map((c, i) => c + classCounts(d.validation.labels)[i]!);
    expect(both).toEqual(DIGITS_CLASS_COUNTS);
    expect(range(d.train.xs)).toEqual([0, 1]);
    expect(range(d.validation.xs)).toEqual([0, 1]);
    expect([...d.train.xs].every((v) => Number.isInteger(v * 16))).toBe(true);
  });

  it('repeats for a seed and differs for another', async () => {
    const a = await loadDatasetArrays('digits', { seed: 1 });
    const b = await loadDatasetArrays('digits', { seed: 1 });
    const c = await loadDatasetArrays('digits', { seed: 2 });
    expect(sameBytes(b.train.xs, a.train.xs)).toBe(true);
    expect(sameBytes(b.validation.labels, a.validation.labels)).toBe(true);
    expect(sameBytes(c.validation.labels, a.validation.labels)).toBe(false);
    expect(new Set(rows(c.validation))).not.toEqual(new Set(rows(a.validation)));
  });

  it('takes nested seeded subsets and honours validationFraction', async () => {
    const full = await loadDatasetArrays('digits', { seed: 3 });
    const small = await loadDatasetArrays('digits', { seed: 3, trainSize: 100, validationSize: 50 });
    expect([small.train.size, small.validation.size]).toEqual([100, 50]);
    expect(sameBytes(small.train.xs, full.train.xs.subarray(0, 100 * 64))).toBe(true);
    expect(sameBytes(small.validation.labels, full.validation.labels.subarray(0, 50))).toBe(true);
    const half = await loadDatasetArrays('digits', { validationFraction: 0.5 });
    expect([half.train.size, half.validation.size]).toEqual([898, 899]);
  });

  it('reads digits.csv from dataDir, and says what is missing', async () => {
    const dir = path.join(scratch, 'digits');
    rmSync(dir, { recursive: true, force: true });
    await expect(loadDatasetArrays('digits', { dataDir: dir })).rejects.toThrow(
      `digits: no digits.csv.gz or digits.csv in ${dir}`,
    );
    const row = (label: number, ink: number) => [...new Array<number>(64).fill(ink), label].join(',');
    const rowsText = Array.from({ length: 10 }, (_, i) => row(i % 2, i)).join('\n');
    mkdirSync(dir, { recursive: true });
    writeFileSync(path.join(dir, 'digits.csv'), rowsText);
    const d = await loadDatasetArrays('digits', { dataDir: dir, validationFraction: 0.3 });
    expect([d.train.size, d.validation.size]).toEqual([7, 3]);
    expect(range(d.train.xs)[1]).toBeLessThanOrEqual(9 / 16);
  });

  it('validates options before reading anything', async () => {
    const bad = [
      [{ seed: 1.5 }, 'seed must be an integer, got 1.5'],
      [{ validationFraction: 1 }, 'validationFraction must be in (0, 1), got 1'],
      [{ trainSize: 0 }, 'trainSize must be a positive integer, got 0'],
      [{ validationSize: 2.5 }, 'validationSize must be a positive integer, got 2.5'],
      [{ dataDir: '' }, 'dataDir must be a non-empty path, got ""'],
      [{ trainSize: 1439 }, 'trainSize must be ≤ 1438 (the size of the training split of digits), got 1439'],
    ] as const;
    for (const [options, message] of bad) {
      await expect(loadDatasetArrays('digits', options)).rejects.toThrow(new RangeError(message));
    }
    await expect(loadDatasetArrays('cifar' as 'digits')).rejects.toThrow(RangeError);
  });
});
