// Names of the built-in models, kept free of tfjs so that the CLI can validate flags cheaply.

export type ModelName = 'mlp' | 'cnn' | 'vgg-mini';
export const MODEL_NAMES: readonly ModelName[] = ['mlp', 'cnn', 'vgg-mini'];
