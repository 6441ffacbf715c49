import { describe, expect, it } from 'vitest';
import { DATASET_CLASS_NAMES, DATASET_NAMES, resolveDatasetName } from '../../src/data/names.js';

describe('resolveDatasetName', () => {
  it('accepts each name exactly', () => {
    for (const name of DATASET_NAMES) expect(resolveDatasetName(name)).toBe(name);
  });

  it('ignores case, surrounding spaces and _ for -', () => {
    expect(resolveDatasetName(' Fashion_MNIST ')).toBe('fashion-mnist');
    expect(resolveDatasetName('DIGITS')).toBe('digits');
  });

  it('lists the valid names when it rejects one', () => {
    expect(() => resolveDatasetName('cifar10')).toThrow(
      new RangeError('dataset must be one of digits, mnist, fashion-mnist, got "cifar10"'),
    );
    expect(() => resolveDatasetName('')).toThrow(RangeError);
  });

  it('has ten class names per dataset', () => {
    for (const name of DATASET_NAMES) expect(DATASET_CLASS_NAMES[name]).toHaveLength(10);
    expect(DATASET_CLASS_NAMES['fashion-mnist'][9]).toBe('Ankle boot');
  });
});
