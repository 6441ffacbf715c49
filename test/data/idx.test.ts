import { describe, expect, it } from 'vitest';
import { DatasetFormatError } from '../../src/data/errors.js';
import { IDX_IMAGES_MAGIC, IDX_LABELS_MAGIC, parseIdxImages, parseIdxLabels } from '../../src/data/idx.js';
import { idxBytes } from './idx-bytes.js';

describe('parseIdxImages', () => {
  it('reads count, rows, cols and the pixels in order', () => {
    const pixels = [0, 1, 2, 3, 4, 5, 250, 251, 252, 253, 254, 255];
    const parsed = parseIdxImages(idxBytes(IDX_IMAGES_MAGIC, [2, 2, 3], pixels));
    expect(parsed).toMatchObject({ count: 2, rows: 2, cols: 3 });
    expect([...parsed.pixels]).toEqual(pixels);
  });

  it('reads from a view with a byte offset (as Node Buffers from small files have)', () => {
    const file = idxBytes(IDX_IMAGES_MAGIC, [1, 1, 2], [7, 9]);
    const padded = new Uint8Array(file.length + 5);
    padded.set(file, 5);
    expect([...parseIdxImages(padded.subarray(5)).pixels]).toEqual([7, 9]);
  });

  it('rejects a label file, naming both magics and the source', () => {
    const labels = idxBytes(IDX_LABELS_MAGIC, [2], [1, 2]);
    expect(() => parseIdxImages(labels, 'x.idx')).toThrow(
      new DatasetFormatError('x.idx: IDX magic must be 0x00000803, got 0x00000801', 'x.idx'),
    );
  });

  it('rejects a file whose length does not match its dimensions', () => {
    const short = idxBytes(IDX_IMAGES_MAGIC, [2, 2, 2], [1, 2, 3]);
    expect(() => parseIdxImages(short, 'f')).toThrow('f: IDX dimensions [2, 2, 2] need 24 bytes, file has 19');
    const long = idxBytes(IDX_IMAGES_MAGIC, [1, 1, 1], [1, 2]);
    expect(() => parseIdxImages(long, 'f')).toThrow(DatasetFormatError);
  });

  it('rejects a file shorter than its header', () => {
    expect(() => parseIdxImages(new Uint8Array([0, 0, 8, 3, 0]), 'f')).toThrow('f: IDX file too short (5 bytes)');
  });
});

describe('parseIdxLabels', () => {
  it('reads the labels', () => {
    const parsed = parseIdxLabels(idxBytes(IDX_LABELS_MAGIC, [4], [3, 1, 4, 1]));
    expect(parsed.count).toBe(4);
    expect([...parsed.labels]).toEqual([3, 1, 4, 1]);
  });

  it('rejects an image file', () => {
    expect(() => parseIdxLabels(idxBytes(IDX_IMAGES_MAGIC, [1, 1, 1], [0]), 'l')).toThrow(
      'l: IDX magic must be 0x00000801, got 0x00000803',
    );
  });
});
