// Names of the built-in models and the inputs each takes, kept free of tfjs so that the CLI can
// validate flags (and a model against its data) cheaply.

export type ModelName = 'mlp' | 'cnn' | 'vgg-mini';
export const MODEL_NAMES: readonly ModelName[] = ['mlp', 'cnn', 'vgg-mini'];

/**
 * What each built-in model takes: `features` means any shape (flat features, images, …; it
 * flattens them), `images` means `[height, width, channels]` only.
 */
export const MODEL_INPUTS: Readonly<Record<ModelName, 'features' | 'images'>> = {
  mlp: 'features',
  cnn: 'images',
  'vgg-mini': 'images',
};

/** The smallest image side the conv models take: each halves it twice (two 2×2 poolings). */
export const MIN_IMAGE_SIDE = 4;

/**
 * Why built-in model `name` cannot be built for examples of `inputShape` (one line), or null when
 * it can.
 */
export function modelInputProblem(name: ModelName, inputShape: readonly number[]): string | null {
  const shape = `[${inputShape.join(', ')}]`;
  if (inputShape.length === 0 || inputShape.some((d) => !Number.isInteger(d) || d <= 0)) {
    return `inputShape must be positive integers, got ${shape}`;
  }
  if (MODEL_INPUTS[name] !== 'images') return null;
  if (inputShape.length !== 3) {
    const what = inputShape.length === 1 ? `flat features ${shape}` : `inputs ${shape}`;
    return `${name} needs image inputs [height, width, channels], got ${what}`;
  }
  if (inputShape[0]! < MIN_IMAGE_SIDE || inputShape[1]! < MIN_IMAGE_SIDE) {
    return `${name} needs images of at least ${MIN_IMAGE_SIDE}×${MIN_IMAGE_SIDE} (it pools twice), got ${shape}`;
  }
  return null;
}
