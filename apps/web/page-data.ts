// The page's data: the bundled digits (fetched from the page's folder and gunzipped in the
// browser) or a CSV the user picked, both split exactly as the CLI splits them.
import { csvDatasetArrays, digitsDatasetArrays, type DatasetArrays } from '../../src/data/index.js';

/** Text of a gzipped response body or file, decompressed by the browser. */
async function gunzipText(body: ReadableStream<Uint8Array>): Promise<string> {
  // TypeScript's DOM types disagree with themselves on the stream's chunk type; the browser does not.
  const gunzip = new DecompressionStream('gzip') as unknown as TransformStream<Uint8Array, Uint8Array>;
  return new Response(body.pipeThrough(gunzip)).text();
}

/** The digits shipped beside the page (digits.csv.gz). */
export async function loadDigits(base: string, seed: number): Promise<DatasetArrays> {
  const response = await fetch(new URL('digits.csv.gz', base));
  if (!response.ok || response.body === null) throw new Error(`digits.csv.gz: the page's folder does not serve it (HTTP ${response.status})`);
  return digitsDatasetArrays(await gunzipText(response.body), { seed }, 'digits.csv.gz');
}

/** A CSV file (plain or .gz); `label` is a column name, an index, or '' for the last column. */
export async function loadCsvFile(file: File, label: string, seed: number): Promise<DatasetArrays> {
  const gzipped = /\.gz$/i.test(file.name);
  let text: string;
  try {
    text = gzipped ? await gunzipText(file.stream()) : await file.text();
  } catch {
    throw new Error(`${file.name}: cannot be read${gzipped ? ' (not gzip data?)' : ''}`);
  }
  const trimmed = label.trim();
  const labelOption = trimmed === '' ? {} : { label: /^-?\d+$/.test(trimmed) ? Number(trimmed) : trimmed };
  const arrays = csvDatasetArrays(text, { ...labelOption, seed }, file.name);
  return { ...arrays, name: file.name.replace(/\.csv(\.gz)?$/i, '') };
}
