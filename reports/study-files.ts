// The documents and files of `demo` and `compare`: a JSON document with every number, the charts
// (SVG + vega-lite spec) and index.html. Built in memory, so nothing is written when one fails.
// The report gallery builds its pages with these too, so they look exactly like the CLI's.
import type { StopReason } from '../src/types.js';
import type { DemoResult } from '../src/study/demo.js';
import type { StudyResult } from '../src/study/compare.js';
import type { EpochRecord } from '../src/study/train.js';
import { comparisonSpec, indexHtml, rangeTestSpec, scheduleSpec, type AnySpec, type IndexSection, type ReportMeta } from './index.js';
import { type IndexTable } from './index-html.js';
import { formatLr, formatValue } from '../src/format.js';
import { phaseRanges } from '../src/schedules/from-bounds.js';
import type { SchedulePhase } from '../src/schedules/cycle-schedule.js';
import { confirmationPart, analysisFile, toJsonText, type ConfirmationPart, type RangeTestFile } from '../src/range-test/file.js';
import type { OutputFile } from '../src/io/output-file.js';
import { chartFiles } from './chart-files.js';
import { boundsNumbers, probeTable } from './range-test-files.js';
import { boundsText, runWarnings } from '../src/present/words.js';
import { scheduleReportInput } from '../src/present/schedule-input.js';
import { studyRunWords, type RunWords } from '../src/study/run-words.js';
import { stepsPerEpoch } from '../src/schedules/steps.js';
import { plural } from '../src/text.js';

/** Whether documents and pages carry wall-clock seconds (the gallery leaves them out to stay reproducible). */
export interface TimingOption {
  /** @default true */
  timings?: boolean;
}

/**
 * The range test behind the bounds: the analysed curve (its `bounds` the ones trained with),
 * how the sweep ended, and the confirmation probes when they ran.
 */
export type RangeTestPart = RangeTestFile & { stopReason: StopReason; steps: number; confirmation?: ConfirmationPart };

/** The final epoch of a run, or null when none finished. */
export type FinalScores = Pick<EpochRecord, 'epoch' | 'loss' | 'accuracy' | 'valLoss' | 'valAccuracy'> | null;

export interface DemoDocument {
  dataset: string;
  model: string;
  optimizer: string;
  backend: { backend: string; reason: string };
  settings: { epochs: number; seed: number; trainSize: number | null };
  rangeTest: RangeTestPart;
  schedule: { name: 'one-cycle'; maxLr: number; minLr: number; totalSteps: number; stepsPerEpoch: number; phases: SchedulePhase[] };
  history: EpochRecord[];
  /** Validation accuracy of the untrained model (about chance). */
  initialAccuracy: number;
  /** Validation accuracy after the last finished epoch. */
  accuracy: number;
  /** True when Ctrl-C stopped the training early. */
  stopped: boolean;
  seconds?: number;
}

export interface StudyRunDocument {
  name: string;
  group: string;
  description: string;
  /** Optimizer, schedule and lr in words; absent from a study.json written before (see `runWordsOf`). */
  words?: RunWords;
  history: EpochRecord[];
  final: FinalScores;
  seconds?: number;
}

export interface StudyDocument {
  dataset: string;
  model: string;
  backend: { backend: string; reason: string };
  settings: StudyResult['settings'] & { groups: string[]; only: string[] | null };
  rangeTest: RangeTestPart;
  /** The bounds the range test found; every schedule is built from them. */
  maxLr: number;
  minLr: number;
  runs: StudyRunDocument[];
  /** True when Ctrl-C stopped the study early (runs then hold what was finished). */
  stopped: boolean;
  seconds?: number;
}

/** What runDemo and runStudy found: the range test, its reading, the probes and the bounds they trained with. */
export type Found = Pick<DemoResult, 'rangeTest' | 'analysis' | 'confirmation' | 'bounds' | 'escalations'>;

function rangeTestPart({ rangeTest, analysis, confirmation, bounds, escalations }: Found): RangeTestPart {
  const part: RangeTestPart = { ...analysisFile(analysis, bounds), stopReason: rangeTest.stopReason, steps: rangeTest.lrs.length };
  if (escalations.length > 0) part.escalations = escalations.map((e) => ({ ...e }));
  if (confirmation && !confirmation.stopped) part.confirmation = confirmationPart(analysis.curveBounds, confirmation, bounds);
  return part;
}

/** The range-test chart of a demo or study: the bounds trained with, and the probes. */
function foundSpec(found: Found, meta: ReportMeta): AnySpec {
  return rangeTestSpec(found, { meta });
}

function finalOf(history: readonly EpochRecord[]): FinalScores {
  const last = history.at(-1);
  return last ? { epoch: last.epoch, loss: last.loss, accuracy: last.accuracy, valLoss: last.valLoss, valAccuracy: last.valAccuracy } : null;
}

export function demoDocument(
  result: DemoResult,
  settings: DemoDocument['settings'],
  stopped: boolean,
  options: TimingOption = {},
): DemoDocument {
  const { maxLr, minLr } = result.bounds;
  return {
    dataset: result.dataset,
    model: result.model,
    optimizer: result.optimizer,
    backend: { backend: result.backend.backend, reason: result.backend.reason },
    settings,
    rangeTest: rangeTestPart(result),
    schedule: { name: 'one-cycle', maxLr, minLr, totalSteps: result.schedule.totalSteps, stepsPerEpoch: result.stepsPerEpoch, phases: phaseRanges(result.schedule) },
    history: result.history,
    initialAccuracy: result.initialAccuracy,
    accuracy: result.accuracy,
    stopped,
    ...(options.timings === false ? {} : { seconds: result.seconds }),
  };
}

export function studyDocument(
  result: StudyResult,
  selection: { groups: string[]; only: string[] | null },
  stopped: boolean,
  options: TimingOption = {},
): StudyDocument {
  const timings = options.timings !== false;
  return {
    dataset: result.dataset,
    model: result.model,
    backend: { backend: result.backend.backend, reason: result.backend.reason },
    settings: { ...result.settings, ...selection },
    rangeTest: rangeTestPart(result),
    maxLr: result.maxLr,
    minLr: result.minLr,
    runs: result.runs.map((r) => ({
      name: r.name,
      group: r.group,
      description: r.description,
      words: r.words,
      history: r.history,
      final: finalOf(r.history),
      ...(timings ? { seconds: r.seconds } : {}),
    })),
    stopped,
    ...(timings ? { seconds: result.seconds } : {}),
  };
}

/** The numbers listed beside a range-test chart. */
function rangeTestNumbers(doc: RangeTestPart): Record<string, string | number> {
  const numbers = boundsNumbers(doc);
  numbers.steps = doc.steps;
  numbers['stop reason'] = doc.stopReason;
  return numbers;
}

/** What the range-test section shows besides its chart: the warnings first, the numbers, the probes. */
function rangeTestParts(doc: RangeTestPart): Omit<IndexSection, 'heading' | 'svgFile'> {
  return {
    warnings: runWarnings(doc),
    numbers: rangeTestNumbers(doc),
    ...(doc.confirmation && doc.confirmation.probes.length > 0 ? { table: probeTable(doc.confirmation) } : {}),
  };
}

/** A chart: its SVG and spec files, and the section of index.html that shows it. */
export interface Chart {
  files: OutputFile[];
  section: IndexSection;
}

/** A chart's files, and its section: `parts` are what the section shows besides the picture. */
async function chart(name: string, spec: AnySpec, heading: string, parts: Omit<IndexSection, 'heading' | 'svgFile'>): Promise<Chart> {
  return { files: await chartFiles(name, spec), section: { heading, svgFile: `${name}.svg`, ...parts } };
}

function pageFiles(title: string, jsonName: string, doc: unknown, charts: Chart[]): OutputFile[] {
  return [
    { name: 'index.html', content: indexHtml({ title, sections: charts.map((c) => c.section) }) },
    { name: jsonName, content: toJsonText(doc) + '\n' },
    ...charts.flatMap((c) => c.files),
  ];
}

const acc = (x: number): string => (Number.isFinite(x) ? x.toFixed(3) : String(x));

/**
 * The demo's charts: range test, schedule and training (when an epoch finished). `result` supplies
 * the analysis and the schedule functions; `doc` the numbers.
 */
export async function demoCharts(result: DemoResult, doc: DemoDocument): Promise<Chart[]> {
  const meta: ReportMeta = { model: doc.model, data: doc.dataset, optimizer: doc.optimizer, backend: doc.backend.backend };
  const charts = [await chart('range-test', foundSpec(result, meta), 'Range test: loss against learning rate', rangeTestParts(doc.rangeTest))];

  const { schedule } = result;
  const sched = doc.schedule;
  const scheduleNumbers: Record<string, string | number> = {
    'max lr': formatLr(sched.maxLr),
    'start lr': formatLr(sched.minLr),
    'final lr': formatLr(schedule.lr(schedule.totalSteps - 1)),
    epochs: doc.settings.epochs,
    'steps per epoch': sched.stepsPerEpoch,
    steps: sched.totalSteps,
  };
  if (schedule.momentum) scheduleNumbers.momentum = `${formatValue(schedule.momentum(0))} → ${formatValue(schedule.momentum(Math.round(schedule.totalSteps * 0.3)))} → ${formatValue(schedule.momentum(schedule.totalSteps - 1))}`;
  charts.push(
    await chart(
      'schedule',
      scheduleSpec(scheduleReportInput(schedule, schedule.totalSteps, {
        stepsPerEpoch: sched.stepsPerEpoch,
        title: `One-cycle from the found bounds: ${formatLr(sched.minLr)} → ${formatLr(sched.maxLr)} → ${formatLr(schedule.lr(schedule.totalSteps - 1))}`,
      })),
      'One-cycle schedule built from the recommended bounds',
      { numbers: scheduleNumbers },
    ),
  );

  if (doc.history.length > 0) {
    const numbers: Record<string, string | number> = {
      'val accuracy before': acc(doc.initialAccuracy),
      'val accuracy after': acc(doc.accuracy),
      'val loss after': formatValue(doc.history.at(-1)!.valLoss),
      epochs: doc.stopped ? `${doc.history.length} of ${doc.settings.epochs} (stopped by Ctrl-C)` : doc.history.length,
      optimizer: doc.optimizer,
      backend: doc.backend.backend,
      'backend reason': doc.backend.reason,
    };
    if (doc.seconds !== undefined) numbers.seconds = formatValue(doc.seconds);
    const spec = comparisonSpec({
      title: `${doc.model} on ${doc.dataset}: one-cycle training`,
      runs: [{ name: `one-cycle ${formatLr(sched.minLr)} → ${formatLr(sched.maxLr)}`, history: doc.history }],
    });
    const stopped = doc.stopped ? [`Training was stopped by Ctrl-C after ${plural(doc.history.length, 'epoch')} of ${doc.settings.epochs}.`] : [];
    charts.push(await chart('training', spec, 'Training with the one-cycle schedule', { warnings: stopped, numbers }));
  }
  return charts;
}

/** The demo's files: index.html first (the report to open), demo.json, then the charts. */
export async function demoFiles(result: DemoResult, doc: DemoDocument): Promise<OutputFile[]> {
  const title = `lrfind demo · ${doc.model} on ${doc.dataset} · ${doc.optimizer} · ${doc.backend.backend}`;
  return pageFiles(title, 'demo.json', doc, await demoCharts(result, doc));
}

/**
 * comparisonSpec of some of a study's runs: each keeps the look it has among all of them
 * (`styleIndex`), so a group's chart shows a run in the colour of the chart of all runs.
 */
function comparisonOf(title: string, runs: StudyRunDocument[], all: StudyRunDocument[]): AnySpec {
  return comparisonSpec({ title, runs: runs.map((r) => ({ name: r.name, group: r.group, styleIndex: all.indexOf(r), history: r.history })) });
}

/** A run's words: its own, or, in a study.json written before runs had them, the same words rebuilt from the study's bounds and length. */
export function runWordsOf(doc: Pick<StudyDocument, 'maxLr' | 'minLr' | 'settings'>, run: StudyRunDocument): RunWords | null {
  if (run.words) return run.words;
  const s = doc.settings;
  return studyRunWords(doc.maxLr, doc.minLr, s.epochs, stepsPerEpoch(s.trainSize, s.batchSize))[run.name] ?? null;
}

/** The highest validation accuracy of a history and its epoch; null when none is finite. */
function bestAccuracy(history: readonly EpochRecord[]): { valAccuracy: number; epoch: number } | null {
  let best: EpochRecord | null = null;
  for (const h of history) if (Number.isFinite(h.valAccuracy) && (best === null || h.valAccuracy > best.valAccuracy)) best = h;
  return best ? { valAccuracy: best.valAccuracy, epoch: best.epoch } : null;
}

const finalAccuracy = (r: StudyRunDocument): number => (r.final && Number.isFinite(r.final.valAccuracy) ? r.final.valAccuracy : -Infinity);
const finalLoss = (r: StudyRunDocument): number => (r.final && Number.isFinite(r.final.valLoss) ? r.final.valLoss : Infinity);

/**
 * The runs, best final validation accuracy first (ties: lower validation loss first; runs without
 * a finished epoch last), one column each for what the run is and how it ended.
 */
export function studyRunTable(doc: Pick<StudyDocument, 'maxLr' | 'minLr' | 'settings'>, runs: readonly StudyRunDocument[]): IndexTable {
  const epochs = doc.settings.epochs;
  const sorted = [...runs].sort((a, b) => finalAccuracy(b) - finalAccuracy(a) || finalLoss(a) - finalLoss(b));
  return {
    columns: [
      { heading: 'run' },
      { heading: 'optimizer' },
      { heading: 'schedule' },
      { heading: 'lr', nowrap: true },
      { heading: 'final val accuracy', numeric: true },
      { heading: 'final val loss', numeric: true },
      { heading: 'best val accuracy (epoch)', numeric: true },
      { heading: 'epochs', numeric: true },
    ],
    rows: sorted.map((r) => {
      const words = runWordsOf(doc, r);
      const f = r.final;
      const best = bestAccuracy(r.history);
      return [
        `${r.group}: ${r.name}`,
        words?.optimizer ?? r.description,
        words?.schedule ?? '–',
        words?.lr ?? '–',
        f ? acc(f.valAccuracy) : '–',
        f ? formatValue(f.valLoss) : '–',
        best ? `${acc(best.valAccuracy)} (${best.epoch})` : '–',
        f === null ? `0 of ${epochs}` : f.epoch === epochs ? String(epochs) : `${f.epoch} of ${epochs}`,
      ];
    }),
  };
}

/** "vgg-mini on mnist 2000/1000" */
function studyWhat(doc: StudyDocument): string {
  return `${doc.model} on ${doc.dataset} ${doc.settings.trainSize}/${doc.settings.validationSize}`;
}

/** What the study page says first: that Ctrl-C stopped it. */
export function studyWarnings(doc: Pick<StudyDocument, 'stopped'>): string[] {
  return doc.stopped ? ['Stopped by Ctrl-C: the runs below are what finished.'] : [];
}

/** The study's settings and bounds, for index.html. */
export function studySettingsNumbers(doc: StudyDocument): Record<string, string | number> {
  const s = doc.settings;
  const numbers: Record<string, string | number> = {
    data: `${doc.dataset}: ${s.trainSize} training, ${s.validationSize} validation examples`,
    model: doc.model,
    epochs: s.epochs,
    'batch size': s.batchSize,
    seed: s.seed,
    // A study.json written before it carried its range test's bounds has their lrs alone.
    bounds: doc.rangeTest?.bounds ? boundsText(doc.rangeTest.bounds) : `max lr ${formatLr(doc.maxLr)} · min lr ${formatLr(doc.minLr)}`,
    backend: doc.backend.backend,
  };
  if (doc.seconds !== undefined) numbers.seconds = formatValue(doc.seconds);
  return numbers;
}

/**
 * The study's charts: the range test, a comparison of all runs, and one per group when both groups
 * ran. `found` is the study's result (its range test, reading and probes).
 */
export async function studyCharts(doc: StudyDocument, found: Found): Promise<Chart[]> {
  const what = studyWhat(doc);
  const meta: ReportMeta = { model: doc.model, data: `${doc.dataset} (${doc.settings.trainSize} examples)`, optimizer: 'SGD momentum 0.9', backend: doc.backend.backend };
  const charts = [await chart('range-test', foundSpec(found, meta), 'Range test: the bounds every schedule is built from', rangeTestParts(doc.rangeTest))];
  const runs = doc.runs.filter((r) => r.history.length > 0);
  if (runs.length > 0) {
    const s = doc.settings;
    charts.push(
      await chart('comparison', comparisonOf(`Schedules and optimizers: ${what}, ${plural(s.epochs, 'epoch')}`, runs, runs), 'All runs', {
        warnings: studyWarnings(doc),
        numbers: studySettingsNumbers(doc),
        table: studyRunTable(doc, runs),
      }),
    );
    const groups = [...new Set(runs.map((r) => r.group))];
    if (groups.length > 1) {
      for (const group of groups) {
        const members = runs.filter((r) => r.group === group);
        charts.push(await chart(`comparison-${group}`, comparisonOf(`${group}: ${what}, ${plural(s.epochs, 'epoch')}`, members, runs), `Group: ${group}`, { table: studyRunTable(doc, members) }));
      }
    }
  }
  return charts;
}

/** The study's files: index.html, study.json, then the charts. */
export async function studyFiles(doc: StudyDocument, found: Found): Promise<OutputFile[]> {
  return pageFiles(`lrfind compare · ${studyWhat(doc)} · ${doc.backend.backend}`, 'study.json', doc, await studyCharts(doc, found));
}
