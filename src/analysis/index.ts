// Public exports of 'lrfind/analysis': reading loss-vs-lr curves from any framework. Plain numbers,
// no tfjs: the reading, the rules (lrfind's and the peers'), the smoothing, and the curve parsers.
export { analyzeCurve, type AnalyzeOptions } from './analyze.js';
export { AnalysisError, CurveFormatError, type AnalysisErrorCode } from './errors.js';
export { classifyRegions } from './regions.js';
export { smoothLosses } from './reading.js';
export { emaSmooth, pytorchLrFinderSmooth } from './smoothing.js';
export { savitzkyGolay, type SavitzkyGolayOptions } from './savitzky-golay.js';
export { createRules, getRule, ruleNames, rules, type RulesOptions } from './rules/registry.js';
export { lrfindRule, type LrfindRuleOptions } from './rules/lrfind.js';
export { steepestRule, type SteepestOptions } from './rules/steepest.js';
export { minimumRule, slideRule, steepRule, valleyRule, type FastaiRuleOptions, type SlideOptions } from './rules/fastai.js';
export { CURVE_LOSS_COLUMNS, CURVE_LR_COLUMNS, parseCurveCsv, type CurveCsvOptions } from './csv.js';
export { parseCurveJson, parseRunsJson } from './json.js';
export type { Analysis, Bounds, Curve, CurveAggregate, Region, RegionKind, Rule, RulePick } from '../types.js';
