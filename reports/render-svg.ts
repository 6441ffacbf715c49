// The one renderer: any vega-lite (or vega) spec → an SVG string, headless, no browser, no canvas.
import * as vega from 'vega';
import { compile, type TopLevelSpec } from 'vega-lite';
import { isBold, measureText } from './text-metrics.js';

/** A vega scenegraph item, as far as text measurement needs it. */
interface TextItem {
  fontSize?: number | string;
  fontWeight?: number | string;
}

interface VegaTextMetrics {
  width: (item: TextItem, text: unknown) => number;
}

/**
 * Vega measures text with node-canvas when it is installed and guesses 0.8 em per character when
 * not; either way the layout would depend on the machine. We always measure with fixed DejaVu Sans
 * metrics instead, so the same spec gives the same SVG everywhere. This replaces the measurement for
 * every vega view in the process (vega keeps it in one module-level object).
 */
function useFixedTextMetrics(): void {
  const metrics = (vega as unknown as { textMetrics?: VegaTextMetrics }).textMetrics;
  if (metrics === undefined) return;
  metrics.width = (item, text) => {
    const size = item.fontSize == null ? 11 : Number(item.fontSize) || 0;
    const line = text == null ? '' : String(text).trim();
    return measureText(line, size, isBold(item.fontWeight));
  };
}
useFixedTextMetrics();

/** A spec `renderSvg` accepts: vega-lite, or plain vega (recognised by its `$schema`). */
export type AnySpec = TopLevelSpec | vega.Spec;

function isVegaSpec(spec: AnySpec): spec is vega.Spec {
  const schema = (spec as { $schema?: unknown }).$schema;
  return typeof schema === 'string' && /\/schema\/vega\/v\d/.test(schema);
}

/**
 * Vega numbers clip paths and gradients from process-wide counters, so the second render of the
 * same spec would get other ids. Renumber them by order of appearance.
 */
export function renumberDefIds(svg: string): string {
  const ids = new Map<string, string>();
  const counters = { clip: 0, gradient_: 0 };
  for (const match of svg.matchAll(/\sid="(clip|gradient_)(\d+)"/g)) {
    const prefix = match[1] as 'clip' | 'gradient_';
    const old = `${prefix}${match[2] ?? ''}`;
    if (!ids.has(old)) ids.set(old, `${prefix}${++counters[prefix]}`);
  }
  if (ids.size === 0) return svg;
  return svg.replace(/(id="|url\(#)((?:clip|gradient_)\d+)/g, (all, head: string, id: string) => {
    const renamed = ids.get(id);
    return renamed === undefined ? all : head + renamed;
  });
}

/** Renders a vega-lite (or vega) spec to an SVG string; the same spec always gives the same bytes. */
export async function renderSvg(spec: AnySpec): Promise<string> {
  // Vega tags inline data rows with ids in place; render a copy so the caller's spec stays as it was.
  const copy = structuredClone(spec);
  const vgSpec = isVegaSpec(copy) ? copy : compile(copy as TopLevelSpec).spec;
  const view = new vega.View(vega.parse(vgSpec), { renderer: 'none' });
  try {
    return renumberDefIds(await view.toSVG());
  } finally {
    view.finalize();
  }
}
