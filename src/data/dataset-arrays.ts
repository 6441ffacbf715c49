// A dataset as typed arrays, split into train and validation: what the loaders return and the
// tensors are made from.
export interface SplitArrays {
  /** `size × prod(inputShape)` float32 features, row-major. */
  xs: Float32Array;
  /** Class index of each example, 0..numClasses-1 (empty for regression). */
  labels: Int32Array;
  /** The number each example's label is, for regression (absent for classification). */
  targets?: Float32Array;
  size: number;
}

export interface DatasetArrays {
  name: string;
  train: SplitArrays;
  validation: SplitArrays;
  /** Classes for classification; 1 (one number to predict) for regression. */
  numClasses: number;
  /** What the label is. @default 'classification' */
  task?: 'classification' | 'regression';
  /** For regression: the label's name and how it was scaled (with the features' normalization, on the training rows). */
  target?: { name: string; offset: number; factor: number };
  /** A CSV's feature columns by name, in order (absent for images). */
  featureNames?: string[];
  /** Shape of one example: [height, width, 1] for images, [features] for CSV. */
  inputShape: number[];
  classNames: string[];
}
