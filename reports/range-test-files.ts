// The files a range-test result is written as: the JSON document, the chart (SVG + its
// vega-lite spec), and index.html. Built in memory first, so nothing is written when one fails.
// index.html reads top-down as a practitioner would: what went wrong, the bounds, the chart, the
// settings that produced it, the probes, and the command to run next.
import type { LrFinderResult } from '../src/types.js';
import { formatLr, formatValue } from '../src/format.js';
import { indexHtml, type IndexSection, type IndexTable } from './index-html.js';
import { rangeTestSpec, type ReportMeta } from './range-test-spec.js';
import { rangeTestFile, toJsonText, type ConfirmationPart, type RangeTestFile } from '../src/range-test/file.js';
import { rangeTestReportInput } from '../src/present/report-input.js';
import { chartFiles } from './chart-files.js';
import { stepsPerEpoch } from '../src/schedules/steps.js';
import { plural, shellLine } from '../src/text.js';
import { weightDecaySpec } from './weight-decay-spec.js';
import { boundsLine, confirmationNote, escalationLines, momentumLine, weightDecayLine, noBoundsReason, probeFailure, regionName, regionSpan, rulePicks, runWarnings, sweepNote } from '../src/present/words.js';
import type { OutputFile } from '../src/io/output-file.js';

export const RANGE_TEST_FILES = {
  html: 'index.html',
  json: 'range-test.json',
  svg: 'range-test.svg',
  spec: 'range-test.vl.json',
} as const;

/** What index.html says beyond the document: how the run was started and where its files are. */
export interface RangeTestPageOptions {
  /** The command line that produced the run, ready to paste into a shell (the CLI passes its own). */
  commandLine?: string;
  /**
   * range-test.json as its reader would pass it to `lrfind schedule --from`: a path from where the
   * command ran. @default 'range-test.json'
   */
  jsonPath?: string;
  /** Training examples the range test drew its batches from: gives the next step's steps per epoch. */
  examples?: number;
}

/** The epochs the next step's schedule line is written for (the reader changes them to their run's). */
export const NEXT_STEP_EPOCHS = 10;

/** The bounds and regions of a curve, as index.html lists them beside a range-test chart. */
export function boundsNumbers(doc: Pick<RangeTestFile, 'bounds' | 'regions'> & Partial<Pick<RangeTestFile, 'confirmation'>>): Record<string, string | number> {
  const numbers: Record<string, string | number> = {};
  const s = doc.bounds;
  if (s) {
    numbers['max lr'] = formatLr(s.maxLr);
    numbers['min lr'] = formatLr(s.minLr);
    numbers.source = s.source;
    numbers.confidence = s.confidence.toFixed(2);
    const curve = doc.confirmation?.curveBounds;
    if (curve && curve.maxLr !== s.maxLr) numbers["the curve's own max lr"] = formatLr(curve.maxLr);
  } else {
    numbers.bounds = 'none (see the warnings)';
  }
  for (const r of doc.regions) numbers[`${regionName(r.kind)} region`] = regionSpan(r);
  return numbers;
}

/** One row per probe, in the order they ran: its lr, verdict (the confirmed one said so), end loss and why it failed. */
export function probeTable(c: ConfirmationPart): IndexTable {
  return {
    columns: [
      { heading: '#', numeric: true },
      { heading: 'lr', numeric: true },
      { heading: 'verdict' },
      { heading: 'end loss', numeric: true },
      { heading: 'why it failed' },
    ],
    rows: c.probes.map((p, i) => {
      const end = p.endLoss as number | null;
      const verdict = `${p.passed ? (p.lr === c.edge ? 'trained · confirmed' : 'trained') : 'failed'}${p.check ? ' (check)' : ''}`;
      return [i + 1, formatLr(p.lr), verdict, end === null || !Number.isFinite(end) ? '–' : formatValue(end, 4), probeFailure(p, c.target)];
    }),
  };
}

/** The probes' section: how a probe is judged, and the table (or that they were stopped before one finished). */
export function probeSection(c: ConfirmationPart): IndexSection {
  const notes = [
    `Each probe trains from the starting weights at one lr (a short warm-up, then held there). It trained when its end loss (the mean of its last quarter of held steps) ended below ${formatValue(c.target, 4)}, the sweep's best, and it kept its progress.`,
  ];
  if (c.probes.some((p) => p.check)) {
    notes.push('After a pass, a check one step below it (1.25²) asks whether that lr trains at all: it lowered the loss and kept it. When it trained clearly better than the pass, it is the lr confirmed; when it did not train, the pass above was luck and the ladder went on below it.');
  }
  if (c.probes.length === 0) notes.push('The probes were stopped before one finished.');
  return { heading: 'Confirmation probes', notes, table: probeTable(c) };
}

/** The settings that produced the document, as far as it and `meta` know them. */
export function settingsNumbers(doc: RangeTestFile, meta: ReportMeta, page: RangeTestPageOptions = {}): Record<string, string | number> {
  const numbers: Record<string, string | number> = {};
  const model = doc.model ?? meta.model;
  const data = doc.data ?? meta.data;
  if (model !== undefined) numbers.model = model;
  if (data !== undefined) numbers.data = page.examples === undefined ? data : `${data} (${plural(page.examples, 'training example')})`;
  const loss = doc.loss ?? meta.loss;
  if (loss !== undefined) numbers.loss = loss;
  if (doc.layers !== undefined && doc.layers.frozen.length > 0) {
    numbers['layers trained'] = `${doc.layers.trained.join(', ')} (frozen: ${doc.layers.frozen.join(', ')})`;
  }
  const optimizer = doc.optimizer ?? meta.optimizer;
  if (optimizer !== undefined) numbers.optimizer = optimizer;
  const s = doc.settings;
  if (s) {
    numbers['batch size'] = s.batchSize;
    numbers['lr range'] = `${formatLr(s.startLr)} → ${formatLr(s.endLr)}`;
    numbers.steps = s.runs > 1 ? `${s.numIter} × ${s.runs} runs` : s.numIter;
    numbers.mode = s.mode === 'exp' ? 'exp (the lr grows exponentially)' : 'linear (the lr grows linearly)';
    numbers.seed = s.seed;
    numbers['stop rule'] = `running average of the loss (EMA, β ${s.smoothing}) above ${formatValue(s.divergeThreshold)} × its lowest`;
  } else {
    numbers.points = doc.curve.lr.length;
  }
  const backend = doc.backend ?? meta.backend;
  if (backend !== undefined) numbers.backend = backend;
  return numbers;
}

/** The settings section: the table, and the command line when it is known. */
function settingsSection(doc: RangeTestFile, meta: ReportMeta, page: RangeTestPageOptions): IndexSection {
  const section: IndexSection = { heading: 'Settings', numbers: settingsNumbers(doc, meta, page) };
  if (doc.settings === undefined) section.notes = ["This curve was recorded elsewhere: the settings of its run are not in the file."];
  if (page.commandLine !== undefined) {
    section.footnotes = ['The command that produced this report:'];
    section.code = [page.commandLine];
  }
  return section;
}

/** The folder part of `path` ('' when it has none), with its trailing separator. */
function folderOf(path: string): string {
  const cut = Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\'));
  return cut < 0 ? '' : path.slice(0, cut + 1);
}

/**
 * The next step: the `lrfind schedule onecycle --from …` line that turns the bounds into a
 * one-cycle schedule (sized from the examples and batch size when known), or, without bounds,
 * what to change and the command to run again.
 */
export function nextStepSection(doc: RangeTestFile, page: RangeTestPageOptions = {}): IndexSection {
  const jsonPath = page.jsonPath ?? RANGE_TEST_FILES.json;
  if (doc.bounds === null) {
    const notes = [`There are no bounds to build a schedule from. Change what the warning says (${noBoundsReason(doc.warnings)}) and run the range test again.`];
    return page.commandLine === undefined ? { heading: 'Next step', notes } : { heading: 'Next step', notes, footnotes: ['The command to change:'], code: [page.commandLine] };
  }
  const batch = doc.settings?.batchSize;
  const perEpoch = page.examples !== undefined && batch !== undefined ? stepsPerEpoch(page.examples, batch) : null;
  const length = perEpoch === null ? ['--total-steps', 'TOTAL_STEPS'] : ['--epochs', String(NEXT_STEP_EPOCHS), '--steps-per-epoch', String(perEpoch)];
  const base = ['lrfind', 'schedule', 'onecycle', '--from', jsonPath, ...length];
  const { maxLr, minLr } = doc.bounds;
  const notes = [
    `Turn the bounds into a one-cycle schedule: it starts at the min lr ${formatLr(minLr)}, peaks at the max lr ${formatLr(maxLr)} and anneals far below it.`,
    perEpoch === null
      ? 'Replace TOTAL_STEPS with the optimizer steps of your training run (epochs × batches per epoch).'
      : `${plural(perEpoch, 'step')} per epoch: ${plural(page.examples!, 'example')} at batch size ${batch}. Set --epochs to your run's.`,
    'It writes schedule.json and schedule.csv (one lr and momentum per step, e.g. for PyTorch) and the schedule\'s chart.',
  ];
  return { heading: 'Next step', notes, code: [shellLine([...base, '--out', `${folderOf(jsonPath)}schedule`])] };
}

/** Each momentum run and where its loss ended. */
function momentumTable(m: NonNullable<RangeTestFile['momentum']>): IndexTable {
  return { columns: [{ heading: 'momentum', numeric: true }, { heading: 'end loss', numeric: true }, { heading: '' }], rows: m.tried.map((t) => [String(t.momentum), formatValue(t.endLoss, 4), t.momentum === m.value ? 'chosen' : '']) };
}

/** The weight-decay family's chart beside the page, when a decay was chosen from one. */
const WEIGHT_DECAY_SVG = 'weight-decay.svg';

/** Every section of a range test's index.html, in reading order; `svgFile` is the chart beside the page. */
export function rangeTestSections(doc: RangeTestFile, meta: ReportMeta, page: RangeTestPageOptions = {}, svgFile: string = RANGE_TEST_FILES.svg): IndexSection[] {
  const notes = [sweepNote(doc), ...escalationLines(doc), confirmationNote(doc)].filter((n): n is string => n !== null);
  if (doc.settings === undefined) notes.unshift(`A curve of ${plural(doc.curve.lr.length, 'point')}${meta.data === undefined ? '' : ` read from ${meta.data}`}.`);
  const sections: IndexSection[] = [
    { heading: 'How the run went', warnings: runWarnings(doc), notes },
    {
      heading: doc.bounds === null ? 'Bounds: none' : 'Bounds to train with',
      notes: [boundsLine(doc)],
      numbers: boundsNumbers(doc),
      ...(Object.keys(doc.rules).length > 0 ? { footnotes: [`The rules' picks, for comparison: ${rulePicks(doc)}.`] } : {}),
    },
    { heading: 'Loss against learning rate', svgFile },
    ...(doc.weightDecay?.family ? [{ heading: 'Weight decay', notes: [weightDecayLine(doc)!], svgFile: WEIGHT_DECAY_SVG }] : []),
    ...(doc.momentum ? [{ heading: 'Momentum', notes: [momentumLine(doc)!], table: momentumTable(doc.momentum) }] : []),
    settingsSection(doc, meta, page),
  ];
  if (doc.confirmation) sections.push(probeSection(doc.confirmation));
  sections.push(nextStepSection(doc, page));
  return sections;
}

/** The title of the report: "Range test · mlp on digits · SGDOptimizer · cpu". */
function title(meta: ReportMeta): string {
  const what = meta.model && meta.data ? `${meta.model} on ${meta.data}` : (meta.data ?? meta.model);
  return ['Range test', what, meta.optimizer, meta.backend].filter((x) => x !== undefined && x !== '').join(' · ');
}

export interface RangeTestFilesOptions extends RangeTestPageOptions {
  /** What the title names (model, data…), beside what the source says. */
  meta?: ReportMeta;
  /** Labels written into range-test.json for a finder result, e.g. {model: 'cnn', data: 'digits'}. */
  labels?: { model?: string; data?: string; loss?: string };
}

/**
 * The files of a range test: index.html (the report to open), range-test.json, the chart (SVG and
 * spec). `source` is the finder's result (`recommendLearningRate`) or its file (range-test.json, e.g.
 * from `analysisFile` or `parseRangeTestFile`): the page and the chart are drawn from it as it is.
 */
export async function rangeTestFiles(source: LrFinderResult | RangeTestFile, options: RangeTestFilesOptions = {}): Promise<OutputFile[]> {
  const doc = 'rangeTest' in source ? rangeTestFile(source, options.labels) : source;
  const input = rangeTestReportInput(doc, options.meta);
  const meta = input.meta ?? {};
  const spec = rangeTestSpec(input);
  const html = indexHtml({ title: title(meta), sections: rangeTestSections(doc, meta, options) });
  const decay = doc.weightDecay?.family ? await chartFiles('weight-decay', weightDecaySpec(doc.weightDecay, doc.bounds)) : [];
  return [
    { name: RANGE_TEST_FILES.html, content: html },
    { name: RANGE_TEST_FILES.json, content: toJsonText(doc) + '\n' },
    ...(await chartFiles('range-test', spec)),
    ...decay,
  ];
}
