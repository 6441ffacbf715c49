// The one place the views reach vega: vega-embed (an optional peer) draws a spec into an element
// and hands back its vega View, which the live views then feed with changesets.
import embed, { vega, vegaLite, type EmbedOptions } from 'vega-embed';
import type { TopLevelSpec } from '../spec-types.js';

export type VegaView = Awaited<ReturnType<typeof embed>>['view'];

/** Options every view takes. */
export interface ViewOptions {
  /** vega's renderer: 'svg' keeps text crisp and selectable; 'canvas' draws long live streams faster. @default 'svg' */
  renderer?: 'svg' | 'canvas';
  /** Width of the plot in px. @default the spec's own (640) */
  width?: number;
}

/** What the live views add: their datasets start empty, which vega would warn about once per field. */
export interface EmbedExtras {
  quiet?: boolean;
}

/** Draws `spec` into `element` with tooltips and no action menu; the element is emptied first. */
export async function embedSpec(element: HTMLElement, spec: TopLevelSpec, options: ViewOptions & EmbedExtras = {}): Promise<VegaView> {
  element.replaceChildren();
  const config: EmbedOptions = {
    actions: false, renderer: options.renderer ?? 'svg', tooltip: { theme: 'light' }, ...(options.quiet ? { logLevel: vega.Error } : {}),
  };
  const result = await embed(element, spec as Parameters<typeof embed>[1], config);
  return result.view;
}

/** A new changeset (inserts, removals) for `view.change(name, …)`. */
export const changeset = (): ReturnType<typeof vega.changeset> => vega.changeset();

/** The SVG of `spec`, drawn off-screen (no element, no tooltips): what a page offers to download. */
export async function specToSvg(spec: TopLevelSpec): Promise<string> {
  const view = new vega.View(vega.parse(vegaLite.compile(structuredClone(spec)).spec), { renderer: 'none' });
  try {
    return await view.toSVG();
  } finally {
    view.finalize();
  }
}
