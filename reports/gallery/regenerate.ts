// Regenerates the report gallery: one range-test report per peer curve (analysed by analyzeCurve),
// the one-cycle schedule its bounds give, training comparisons, and an index.html over all of them.
// Run with `npm run gallery [outDir] [peerCurvesDir]`; outputs are reviewed as diffs like goldens.
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { analyzeCurve, parseCurveCsv } from '../../src/analysis/index.js';
import { oneCycle } from '../../src/schedules/index.js';
import { formatLr } from '../format.js';
import { indexHtml, type IndexSection } from '../index-html.js';
import { rangeTestSpec, type ReportMeta } from '../range-test-spec.js';
import type { AnySpec } from '../render-svg.js';
import { scheduleSpec } from '../schedule-spec.js';
import { writeFileAtomic, writeReport } from '../write-report.js';

/** One picture of the gallery. */
export interface GalleryItem {
  /** File stem: `<name>.svg` and `<name>.vl.json`. */
  name: string;
  heading: string;
  spec: AnySpec;
  /** The numbers index.html lists under the picture. */
  numbers: Record<string, string | number>;
}

/** Writes every item's SVG and spec, then `index.html`; returns the paths written. */
export async function writeGallery(dir: string, title: string, items: GalleryItem[]): Promise<string[]> {
  const written: string[] = [];
  const sections: IndexSection[] = [];
  for (const item of items) {
    const { svgPath, specPath } = await writeReport(dir, item.name, item.spec);
    written.push(svgPath, specPath);
    sections.push({ heading: item.heading, svgFile: `${item.name}.svg`, numbers: item.numbers });
  }
  const htmlPath = join(dir, 'index.html');
  await writeFileAtomic(htmlPath, indexHtml({ title, sections }));
  written.push(htmlPath);
  return written;
}

/** The three curves recorded with pytorch-lr-finder (see the peer-curves README). */
const PEER_CURVES: Array<{ file: string; meta: ReportMeta; stepsPerEpoch: number }> = [
  { file: 'digits_mlp_sgd', meta: { model: 'MLP 64-64-10', optimizer: 'SGD', data: 'UCI digits', backend: 'PyTorch CPU (peer)' }, stepsPerEpoch: 45 },
  {
    file: 'mnist_cnn_sgdmom',
    meta: { model: 'small CNN', optimizer: 'SGD momentum 0.9', data: 'MNIST 12k', backend: 'PyTorch CPU (peer)' },
    stepsPerEpoch: 188,
  },
  { file: 'fashion_mlp_adam', meta: { model: 'MLP 784-256-128-10', optimizer: 'Adam', data: 'Fashion-MNIST 20k', backend: 'PyTorch CPU (peer)' }, stepsPerEpoch: 157 },
];

/** A range-test report per peer curve found in `peerDir`, plus the one-cycle schedule of the first. */
export async function peerCurveItems(peerDir: string): Promise<GalleryItem[]> {
  const items: GalleryItem[] = [];
  for (const peer of PEER_CURVES) {
    const path = join(peerDir, `${peer.file}.csv`);
    if (!existsSync(path)) continue;
    const curve = parseCurveCsv(await readFile(path, 'utf8'), { lossColumn: 'raw_loss' });
    const analysis = analyzeCurve(curve);
    const rec = analysis.recommendation;
    const numbers: Record<string, string | number> = {
      points: curve.lrs.length,
      'max lr': rec === null ? 'none' : formatLr(rec.maxLr),
      'min lr': rec === null ? 'none' : formatLr(rec.minLr),
      method: rec?.method ?? 'none',
      confidence: rec === null ? 'none' : rec.confidence.toFixed(2),
    };
    for (const [method, pick] of Object.entries(analysis.suggestions)) numbers[`${method} rule`] = pick.lr === null ? '–' : formatLr(pick.lr);
    analysis.warnings.forEach((w, i) => (numbers[`warning ${i + 1}`] = w));
    items.push({ name: `range-test-${peer.file}`, heading: `Range test: ${peer.file}`, spec: rangeTestSpec({ ...analysis, meta: peer.meta }), numbers });

    if (rec !== null && items.length === 1) {
      const epochs = 10;
      const cycle = oneCycle({ maxLr: rec.maxLr, epochs, stepsPerEpoch: peer.stepsPerEpoch });
      const steps = Array.from({ length: cycle.totalSteps }, (_, s) => s);
      items.push({
        name: `schedule-${peer.file}`,
        heading: `One-cycle schedule from the ${peer.file} bounds`,
        spec: scheduleSpec({
          lr: steps.map(cycle.lr),
          momentum: cycle.momentum === null ? null : steps.map(cycle.momentum),
          phases: cycle.phases,
          stepsPerEpoch: peer.stepsPerEpoch,
          title: `One-cycle, max lr ${formatLr(rec.maxLr)}, ${epochs} epochs`,
        }),
        numbers: { 'max lr': formatLr(rec.maxLr), epochs, 'steps per epoch': peer.stepsPerEpoch, steps: cycle.totalSteps },
      });
    }
  }
  return items;
}

/**
 * Comparisons of real training runs (comparisonSpec), one item per experiment. Empty until the
 * training experiments write their histories; this is where they are read.
 */
export async function trainingComparisonItems(): Promise<GalleryItem[]> {
  return [];
}

async function main(): Promise<void> {
  const outDir = resolve(process.argv[2] ?? 'reports/gallery');
  const peerDir = resolve(process.argv[3] ?? '../shared/fixtures/peer-curves');
  const items = [...(await peerCurveItems(peerDir)), ...(await trainingComparisonItems())];
  if (items.length === 0) {
    console.error(`no gallery inputs found (peer curves looked for in ${peerDir})`);
    process.exitCode = 1;
    return;
  }
  const written = await writeGallery(outDir, 'lrfind report gallery', items);
  for (const path of written) console.log(path);
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  await main();
}
