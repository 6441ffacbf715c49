// A dataset as typed arrays, split into train and validation: what the loaders return and the
// tensors are made from.
export interface SplitArrays {
  /** `size × prod(inputShape)` float32 features, row-major. */
  xs: Float32Array;
  /** Class index of each example, 0..numClasses-1. */
  labels: Int32Array;
  size: number;
}

export interface DatasetArrays {
  name: string;
  train: SplitArrays;
  validation: SplitArrays;
  numClasses: number;
  /** Shape of one example: [height, width, 1] for images, [features] for CSV. */
  inputShape: number[];
  classNames: string[];
}
