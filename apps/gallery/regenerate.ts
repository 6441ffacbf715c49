// Regenerates the report gallery: one range-test report per peer curve (analysed by analyzeCurve),
// the one-cycle schedule its bounds give, the demo (a real range test and one-cycle training on the
// bundled digits, as `lrfind demo` writes it into demo/), a small study on digits (as `lrfind
// compare` writes it into study-digits/), links to the committed bigger studies (study-*/, written
// by `lrfind compare` and left as they are), and an index.html over all of them.
// Run with `npm run gallery [outDir] [peerCurvesDir]`; outputs are reviewed as diffs like goldens.
// Real runs are seeded and single-threaded, so they repeat on one machine; no timings are written.
import { existsSync, readdirSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import * as tf from '@tensorflow/tfjs';
import { analyzeCurve, parseCurveCsv } from '../../src/analysis/index.js';
import { analysisFile } from '../../src/range-test/file.js';
import { oneCycleFromBounds } from '../../src/schedules/index.js';
import { scheduleReportInput } from '../../src/present/schedule-input.js';
import { runStudy, type StudyOptions } from '../../src/study/compare.js';
import { runDemo } from '../../src/study/demo.js';
import {
  demoCharts,
  demoDocument,
  demoFiles,
  studyDocument,
  studyFiles,
  studyRunTable,
  studySettingsNumbers,
  studyWarnings,
  type Chart,
  type StudyDocument,
} from '../../reports/study-files.js';
import { writeFilesAtomically } from '../../src/io/output-folder.js';
import { formatLr } from '../../src/format.js';
import { indexHtml, type IndexSection } from '../../reports/index-html.js';
import { runWarnings } from '../../src/present/words.js';
import { rangeTestSpec, type ReportMeta } from '../../reports/range-test-spec.js';
import type { AnySpec } from '../../reports/render-svg.js';
import { scheduleSpec } from '../../reports/schedule-spec.js';
import { chartFiles } from '../../reports/chart-files.js';
import type { OutputFile } from '../../src/io/output-file.js';

/** One picture of the gallery. */
export interface GalleryItem {
  /** File stem: `<name>.svg` and `<name>.vl.json`. */
  name: string;
  heading: string;
  spec: AnySpec;
  /** The numbers index.html lists under the picture. */
  numbers: Record<string, string | number>;
  /** Shown above the picture, in the page's warnings box. */
  warnings?: string[];
}

/**
 * Writes every item's SVG and spec, then `index.html` showing them followed by `linked` sections
 * (pictures already written, e.g. into a sub-folder); returns the paths written.
 */
export async function writeGallery(dir: string, title: string, items: GalleryItem[], linked: IndexSection[] = []): Promise<string[]> {
  const files: OutputFile[] = [];
  const sections: IndexSection[] = [];
  for (const item of items) {
    files.push(...(await chartFiles(item.name, item.spec)));
    sections.push({ heading: item.heading, ...(item.warnings ? { warnings: item.warnings } : {}), svgFile: `${item.name}.svg`, numbers: item.numbers });
  }
  sections.push(...linked);
  files.push({ name: 'index.html', content: indexHtml({ title, sections }) });
  return writeFilesAtomically(dir, files);
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
    const rec = analysis.curveBounds;
    const numbers: Record<string, string | number> = {
      points: curve.lrs.length,
      'max lr': rec === null ? 'none' : formatLr(rec.maxLr),
      'min lr': rec === null ? 'none' : formatLr(rec.minLr),
      source: rec?.source ?? 'none',
      confidence: rec === null ? 'none' : rec.confidence.toFixed(2),
    };
    for (const [rule, pick] of Object.entries(analysis.picks)) numbers[`${rule} rule`] = pick.lr === null ? '–' : formatLr(pick.lr);
    const warnings = runWarnings(analysisFile(analysis));
    items.push({ name: `range-test-${peer.file}`, heading: `Range test: ${peer.file}`, spec: rangeTestSpec(analysis, { meta: peer.meta }), numbers, warnings });

    if (rec !== null && items.length === 1) {
      // As `lrfind schedule onecycle --from` builds it: from the min lr up to the max lr.
      const epochs = 10;
      const cycle = oneCycleFromBounds(rec, { epochs, stepsPerEpoch: peer.stepsPerEpoch });
      const title = `One-cycle, ${formatLr(rec.minLr)} → ${formatLr(rec.maxLr)}, ${epochs} epochs`;
      items.push({
        name: `schedule-${peer.file}`,
        heading: `One-cycle schedule from the ${peer.file} bounds`,
        spec: scheduleSpec(scheduleReportInput(cycle, cycle.totalSteps, { stepsPerEpoch: peer.stepsPerEpoch, title })),
        numbers: { 'max lr': formatLr(rec.maxLr), 'min lr': formatLr(rec.minLr), epochs, 'steps per epoch': peer.stepsPerEpoch, steps: cycle.totalSteps },
      });
    }
  }
  return items;
}

/** Sections of the top page for charts that live in `folder`, their headings prefixed with `what`. */
function linkedSections(folder: string, what: string, charts: Chart[]): IndexSection[] {
  return charts.map(({ section }) => ({ ...section, heading: `${what} — ${section.heading}`, svgFile: `${folder}/${section.svgFile}` }));
}

/** `lrfind demo` with its defaults (cnn on all of digits, 8 epochs, seed 0), written into `<dir>/demo`. */
export async function demoGallery(dir: string): Promise<IndexSection[]> {
  const epochs = 8;
  const seed = 0;
  const result = await runDemo({ epochs, seed });
  const doc = demoDocument(result, { epochs, seed, trainSize: null }, false, { timings: false });
  await writeFilesAtomically(join(dir, 'demo'), await demoFiles(result, doc));
  return linkedSections('demo', 'Demo', await demoCharts(result, doc));
}

/**
 * The small study of the gallery: every run on all of digits with the CNN, 8 epochs — about a minute.
 * `lrfind compare --data digits --model cnn --epochs 8` writes the same (with timings).
 */
export const DIGITS_STUDY: StudyOptions = { dataset: 'digits', model: 'cnn', trainSize: 1438, validationSize: 359, epochs: 8, batchSize: 64, seed: 0 };

/** Runs `options` and writes the study into `<dir>/<folder>`, as `lrfind compare` would (without timings). */
export async function studyGallery(dir: string, folder: string, options: StudyOptions): Promise<void> {
  const result = await runStudy(options);
  const doc = studyDocument(result, { groups: ['schedules', 'optimizers'], only: null }, false, { timings: false });
  await writeFilesAtomically(join(dir, folder), await studyFiles(doc, result));
}

/**
 * Links to the studies in `<dir>/study-*` (except `skip`), one section per group with the numbers of
 * its study.json. The committed ones, written by `lrfind compare`, are shown as they are and never
 * rerun here (the default study takes about 15 minutes).
 */
export async function studySections(dir: string, skip: readonly string[] = []): Promise<IndexSection[]> {
  if (!existsSync(dir)) return [];
  const sections: IndexSection[] = [];
  for (const folder of readdirSync(dir).filter((f) => f.startsWith('study-') && !skip.includes(f)).sort()) {
    const jsonPath = join(dir, folder, 'study.json');
    if (!existsSync(jsonPath)) continue;
    const doc = JSON.parse(await readFile(jsonPath, 'utf8')) as StudyDocument;
    const what = `Study on ${doc.dataset} (${doc.model}, ${doc.settings.trainSize} examples, ${doc.settings.epochs} epochs)`;
    const groups = [...new Set(doc.runs.map((r) => r.group))];
    const perGroup = groups.length > 1 && groups.every((g) => existsSync(join(dir, folder, `comparison-${g}.svg`)));
    if (perGroup) {
      groups.forEach((group, i) => {
        const runs = doc.runs.filter((r) => r.group === group);
        const first = i === 0 ? { warnings: studyWarnings(doc), numbers: studySettingsNumbers(doc) } : {};
        sections.push({ heading: `${what}: ${group}`, svgFile: `${folder}/comparison-${group}.svg`, ...first, table: studyRunTable(doc, runs) });
      });
    } else if (existsSync(join(dir, folder, 'comparison.svg'))) {
      sections.push({ heading: what, svgFile: `${folder}/comparison.svg`, warnings: studyWarnings(doc), numbers: studySettingsNumbers(doc), table: studyRunTable(doc, doc.runs) });
    }
  }
  return sections;
}

async function main(): Promise<void> {
  const outDir = resolve(process.argv[2] ?? 'reports/gallery');
  const peerDir = resolve(process.argv[3] ?? '../shared/fixtures/peer-curves');
  const items = await peerCurveItems(peerDir);
  if (items.length === 0) console.error(`no peer curves found in ${peerDir}: the gallery shows only real runs`);
  tf.enableProdMode(); // no "install tfjs-node" banner
  console.error('demo: range test and one-cycle training on digits …');
  const linked = await demoGallery(outDir);
  console.error('study on digits: 12 runs …');
  await studyGallery(outDir, 'study-digits', DIGITS_STUDY);
  linked.push(...(await studySections(outDir)));
  const written = await writeGallery(outDir, 'lrfind report gallery', items, linked);
  for (const path of written) console.log(path);
  console.log(join(outDir, 'demo'));
  console.log(join(outDir, 'study-digits'));
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  await main();
}
