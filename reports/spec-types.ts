// Names for the pieces of a vega-lite spec the builders assemble (vega-lite exports only the top).
import type { TopLevelSpec } from 'vega-lite';

export type { TopLevelSpec };

/** One layer of a layered vega-lite spec. */
export type LayerSpec = Extract<TopLevelSpec, { layer: unknown }>['layer'][number];

/** A row of inline data. */
export type Datum = Record<string, string | number | boolean | null>;
