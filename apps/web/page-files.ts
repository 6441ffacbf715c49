// Sorting files a user picked or dropped, and reading a model's files before tfjs does, so that
// a wrong file gets one sentence naming it.

export interface SortedFiles {
  csv: File | null;
  /** model.json and weight files. */
  model: File[];
  /** One message per file the page does not read. */
  refused: string[];
}

const EXPECTED = 'expected model.json with its .bin weight files, or a .csv (or .csv.gz) of numeric features with a label column';

export function classifyFiles(files: File[]): SortedFiles {
  const csvs = files.filter((f) => /\.csv(\.gz)?$/i.test(f.name));
  const model = files.filter((f) => /\.(json|bin)$/i.test(f.name));
  const refused = files.filter((f) => !csvs.includes(f) && !model.includes(f)).map((f) => `${f.name}: not a file this page reads (${EXPECTED})`);
  if (csvs.length > 1) refused.push(`${csvs.length} CSV files (${csvs.map((f) => f.name).join(', ')}): drop one`);
  return { csv: csvs[0] ?? null, model, refused };
}

interface WeightsGroup { paths?: unknown }

/** "model.json (sequential_1, 3 weight files)"; an Error naming the file when it is not a Layers model or weights are missing. */
export async function describeModelFiles(ordered: File[]): Promise<string> {
  const [json, ...weights] = ordered;
  if (json === undefined) throw new Error(`no model.json (${EXPECTED})`);
  let doc: { modelTopology?: { config?: { name?: unknown } }; weightsManifest?: WeightsGroup[] };
  try {
    doc = JSON.parse(await json.text()) as typeof doc;
  } catch {
    throw new Error(`${json.name}: not JSON (expected the model.json of a tfjs Layers model)`);
  }
  if (typeof doc !== 'object' || doc === null || doc.modelTopology === undefined) {
    throw new Error(`${json.name}: not a tfjs Layers model (no modelTopology; expected the model.json that model.save('downloads://…') writes)`);
  }
  const needed = (doc.weightsManifest ?? []).flatMap((g) => (Array.isArray(g.paths) ? g.paths.map(String) : []));
  const names = new Set(weights.map((f) => f.name));
  const missing = needed.map((p) => p.split('/').pop()!).filter((p) => !names.has(p));
  if (missing.length > 0) throw new Error(`${json.name} needs the weight file${missing.length === 1 ? '' : 's'} ${missing.join(', ')}: pick or drop them together with it`);
  const name = doc.modelTopology.config?.name;
  return `${json.name}${typeof name === 'string' ? ` (${name})` : ''}, ${weights.length} weight file${weights.length === 1 ? '' : 's'}`;
}
