// Public exports of 'lrfind/train': training beyond one find and one cycle, in Node and in a browser
// alike. Transfer learning (fastai's fine_tune with lrfind finding each lr), lower lrs for some
// layers, the finder again during training, and batch norm's statistics recomputed after it.
export { fineTune, FineTuneError, type FineTuneOptions, type FineTuneResult, type FineTuneStep, type FitHistory } from './tfjs/fine-tune.js';
export { LayerLrCallback, layerLrCallback, type LayerLrCallbackArgs } from './tfjs/callbacks/layer-lr-callback.js';
export { RefindCallback, refindCallback, type RefindCallbackArgs } from './tfjs/callbacks/refind-callback.js';
export { refreshBatchNorm, type RefreshBatchNormOptions } from './tfjs/batch-norm.js';
