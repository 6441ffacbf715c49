// The names `--optimizer` accepts (apart from optimizer.ts so that checking flags never loads tfjs).
export const OPTIMIZER_NAMES = ['sgd', 'momentum', 'nesterov', 'rmsprop', 'adam'] as const;
export type OptimizerName = (typeof OPTIMIZER_NAMES)[number];
