// A chart as the files a report folder holds: the SVG and its vega-lite spec (to open in the Vega
// editor). Built in memory: the SVG is rendered before anything is written.
import type { OutputFile } from '../src/io/output-file.js';
import { renderSvg, type AnySpec } from './render-svg.js';

/** `<name>.svg` and `<name>.vl.json` of `spec`. */
export async function chartFiles(name: string, spec: AnySpec): Promise<OutputFile[]> {
  const svg = await renderSvg(spec);
  return [
    { name: `${name}.svg`, content: svg },
    { name: `${name}.vl.json`, content: JSON.stringify(spec, null, 2) + '\n' },
  ];
}
