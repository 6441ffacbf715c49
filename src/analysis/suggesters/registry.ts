// The registry of suggestion rules, by name.
import type { Suggester } from '../../types.js';
import { minimumSuggester, slideSuggester, steepSuggester, valleySuggester } from './fastai.js';
import { type LrfindSuggesterOptions, lrfindSuggester } from './lrfind.js';
import { steepestSuggester } from './steepest.js';

export interface SuggestersOptions {
  /** The range test's planned iteration count, for fastai's cut (`numIter // 10`). @default each curve's length */
  numIter?: number;
  /** Options of the lrfind rule. */
  lrfind?: LrfindSuggesterOptions;
}

/**
 * Builds the registry: `lrfind` (ours), `steepest` (pytorch-lr-finder, Lightning), and fastai's
 * `valley`, `slide`, `minimum`, `steep`. Each peer rule smooths the raw losses the way its tool does.
 */
export function createSuggesters(options: SuggestersOptions = {}): Record<string, Suggester> {
  const fastai = options.numIter === undefined ? {} : { numIter: options.numIter };
  return {
    lrfind: lrfindSuggester(options.lrfind),
    steepest: steepestSuggester(),
    valley: valleySuggester(fastai),
    slide: slideSuggester(fastai),
    minimum: minimumSuggester(fastai),
    steep: steepSuggester(fastai),
  };
}

/** The default registry. */
export const suggesters: Readonly<Record<string, Suggester>> = Object.freeze(createSuggesters());

/** The names in the default registry. */
export const suggesterNames: readonly string[] = Object.freeze(Object.keys(suggesters));

/** A rule of the default registry by name; a RangeError lists the names when it is unknown. */
export function getSuggester(name: string): Suggester {
  const suggester = Object.hasOwn(suggesters, name) ? suggesters[name] : undefined;
  if (suggester === undefined) {
    throw new RangeError(`suggester must be one of ${suggesterNames.join(', ')}, got ${name}`);
  }
  return suggester;
}
