// The built-in dataset names, and turning a user's string into one.

export type DatasetName = 'digits' | 'mnist' | 'fashion-mnist';
export const DATASET_NAMES: readonly DatasetName[] = ['digits', 'mnist', 'fashion-mnist'];

/** Class names of each built-in dataset, by class index. */
export const DATASET_CLASS_NAMES: Readonly<Record<DatasetName, readonly string[]>> = {
  digits: ['0', '1', '2', '3', '4', '5', '6', '7', '8', '9'],
  mnist: ['0', '1', '2', '3', '4', '5', '6', '7', '8', '9'],
  'fashion-mnist': [
    'T-shirt/top',
    'Trouser',
    'Pullover',
    'Dress',
    'Coat',
    'Sandal',
    'Shirt',
    'Sneaker',
    'Bag',
    'Ankle boot',
  ],
};

/**
 * Accepts a dataset name case-insensitively, with `_` or `-` (e.g. `Fashion_MNIST`).
 * @throws RangeError naming the valid names.
 */
export function resolveDatasetName(name: string): DatasetName {
  const key = String(name).trim().toLowerCase().replace(/_/g, '-');
  const found = DATASET_NAMES.find((n) => n === key);
  if (!found) {
    throw new RangeError(`dataset must be one of ${DATASET_NAMES.join(', ')}, got "${name}"`);
  }
  return found;
}
