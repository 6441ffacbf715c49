// The registry of suggestion rules, by name.
import type { Rule } from '../../types.js';
import { minimumRule, slideRule, steepRule, valleyRule } from './fastai.js';
import { type LrfindRuleSetup, lrfindRule } from './lrfind.js';
import { steepestRule } from './steepest.js';

export interface RulesOptions {
  /** The range test's planned iteration count, for fastai's cut (`numIter // 10`). @default each curve's length */
  numIter?: number;
  /** Options of the lrfind rule. */
  lrfind?: LrfindRuleSetup;
}

/**
 * Builds the registry: `lrfind` (ours), `steepest` (pytorch-lr-finder, Lightning), and fastai's
 * `valley`, `slide`, `minimum`, `steep`. Each peer rule smooths the raw losses the way its tool does.
 */
export function createRules(options: RulesOptions = {}): Record<string, Rule> {
  const fastai = options.numIter === undefined ? {} : { numIter: options.numIter };
  return {
    lrfind: lrfindRule(options.lrfind),
    steepest: steepestRule(),
    valley: valleyRule(fastai),
    slide: slideRule(fastai),
    minimum: minimumRule(fastai),
    steep: steepRule(fastai),
  };
}

/** The default registry. */
export const rules: Readonly<Record<string, Rule>> = Object.freeze(createRules());

/** The names in the default registry. */
export const ruleNames: readonly string[] = Object.freeze(Object.keys(rules));

/** A rule of the default registry by name; a RangeError lists the names when it is unknown. */
export function getRule(name: string): Rule {
  const suggester = Object.hasOwn(rules, name) ? rules[name] : undefined;
  if (suggester === undefined) {
    throw new RangeError(`suggester must be one of ${ruleNames.join(', ')}, got ${name}`);
  }
  return suggester;
}
