// Public exports of src/analysis (re-exported by src/index.ts).
export { CurveFormatError, AnalysisError } from './errors.js';
export type { AnalysisErrorCode } from './errors.js';
export { emaSmooth, pytorchLrFinderSmooth, medianFilter } from './smoothing.js';
export { savitzkyGolay, savitzkyGolayDerivative, defaultWindowSize } from './savitzky-golay.js';
export type { SavitzkyGolayOptions, SavitzkyGolayFilterOptions } from './savitzky-golay.js';
export { numpyGradient } from './gradient.js';
export { steepestSuggester } from './suggesters/steepest.js';
export type { SteepestOptions } from './suggesters/steepest.js';
export { valleySuggester, slideSuggester, minimumSuggester, steepSuggester } from './suggesters/fastai.js';
export type { FastaiRuleOptions, SlideOptions } from './suggesters/fastai.js';
export type { PeerSmoothing } from './suggesters/peer.js';
export { classifyRegions } from './regions.js';
export type { RegionOptions } from './regions.js';
export type { ReadingOptions } from './reading.js';
