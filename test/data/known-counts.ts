// Published facts about the real datasets, checked by the tests.

/** Class counts of the 1,797 UCI digits (scikit-learn's copy), as in data/README.md. */
export const DIGITS_CLASS_COUNTS = [178, 182, 177, 183, 181, 182, 181, 179, 174, 180];

/** MNIST training-set class counts (LeCun et al.); the test set's follow. */
export const MNIST_TRAIN_CLASS_COUNTS = [5923, 6742, 5958, 6131, 5842, 5421, 5918, 6265, 5851, 5949];
export const MNIST_TEST_CLASS_COUNTS = [980, 1135, 1032, 1010, 982, 892, 958, 1028, 974, 1009];
