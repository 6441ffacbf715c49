// The files a range-test result is written as: the JSON document, the chart (SVG + its
// vega-lite spec), and index.html. Built in memory first, so nothing is written when one fails.
import type { Analysis } from '../src/types.js';
import { formatLr } from './format.js';
import { indexHtml } from './index-html.js';
import { rangeTestSpec, type ReportMeta } from './range-test-spec.js';
import { renderSvg } from './render-svg.js';
import { toJsonText, type RangeTestFile } from '../src/range-test/file.js';
import type { OutputFile } from './output-file.js';

export const RANGE_TEST_FILES = {
  html: 'index.html',
  json: 'range-test.json',
  svg: 'range-test.svg',
  spec: 'range-test.vl.json',
} as const;

/** The bounds and regions of a curve, as index.html lists them beside a range-test chart. */
export function boundsNumbers(doc: Pick<RangeTestFile, 'bounds' | 'regions'>): Record<string, string | number> {
  const numbers: Record<string, string | number> = {};
  const s = doc.bounds;
  if (s) {
    numbers['max lr'] = formatLr(s.maxLr);
    numbers['min lr'] = formatLr(s.minLr);
    numbers.method = s.method;
    numbers.confidence = s.confidence.toFixed(2);
  } else {
    numbers.bounds = 'none';
  }
  for (const r of doc.regions) numbers[`${r.kind} region`] = `${formatLr(r.minLr)} – ${formatLr(r.maxLr)}`;
  return numbers;
}

/** What `find` and `analyze` write: a curve's document, with how the sweep ended and the probes when there were some. */
type ReportDocument = RangeTestFile;

/** The numbers index.html lists beside the chart. */
function reportNumbers(doc: ReportDocument): Record<string, string | number> {
  const numbers = boundsNumbers(doc);
  const c = doc.confirmation;
  if (c) {
    numbers['confirmation probes'] = c.probes.map((p) => `${formatLr(p.lr)} ${p.passed ? 'trained' : 'failed'}`).join(', ');
    if (c.curveBounds) numbers["the curve's max lr"] = formatLr(c.curveBounds.maxLr);
  }
  for (const [rule, lr] of Object.entries(doc.suggestions)) numbers[`${rule} rule`] = lr === null ? '–' : formatLr(lr);
  numbers.points = doc.curve.lr.length;
  if (doc.stopReason !== undefined) numbers['stop reason'] = doc.stopReason;
  if (doc.seconds !== undefined) numbers.seconds = doc.seconds;
  doc.warnings.forEach((w, i) => (numbers[`warning ${i + 1}`] = w));
  return numbers;
}

/** The title of the report: "Range test · mlp on digits · SGDOptimizer · cpu". */
function title(meta: ReportMeta): string {
  const what = meta.model && meta.data ? `${meta.model} on ${meta.data}` : (meta.data ?? meta.model);
  return ['Range test', what, meta.optimizer, meta.backend].filter((x) => x !== undefined && x !== '').join(' · ');
}

/** The output files of `find` / `analyze`: index.html (the report to open) first. */
export async function rangeTestFiles(
  doc: ReportDocument,
  analysis: Analysis,
  meta: ReportMeta,
): Promise<OutputFile[]> {
  // The chart marks the bounds the document recommends (confirmed ones when probes ran) and the probes.
  const probes = doc.confirmation ? { probes: doc.confirmation.probes, probesStopped: doc.confirmation.stopped } : {};
  const sweep = doc.stopReason ? { sweep: { stopReason: doc.stopReason, ...(doc.settings ? { plannedSteps: doc.settings.numIter } : {}) } } : {};
  const spec = rangeTestSpec({ ...analysis, warnings: doc.warnings, bounds: doc.bounds, ...probes, ...sweep, meta });
  const svg = await renderSvg(spec);
  const html = indexHtml({
    title: title(meta),
    sections: [{ heading: 'Loss against learning rate', svgFile: RANGE_TEST_FILES.svg, numbers: reportNumbers(doc) }],
  });
  return [
    { name: RANGE_TEST_FILES.html, content: html },
    { name: RANGE_TEST_FILES.json, content: toJsonText(doc) + '\n' },
    { name: RANGE_TEST_FILES.svg, content: svg },
    { name: RANGE_TEST_FILES.spec, content: JSON.stringify(spec, null, 2) + '\n' },
  ];
}
