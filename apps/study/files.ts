// The documents and files of `demo` and `compare`: a JSON document with every number, the charts
// (SVG + vega-lite spec) and index.html. Built in memory, so nothing is written when one fails.
// The report gallery builds its pages with these too, so they look exactly like the CLI's.
import type { Analysis, StopReason } from '../../src/types.js';
import type { DemoResult } from './demo.js';
import type { StudyResult } from './compare.js';
import type { EpochRecord } from './train.js';
import {
  comparisonSpec,
  formatLr,
  formatValue,
  indexHtml,
  rangeTestSpec,
  renderSvg,
  scheduleSpec,
  type AnySpec,
  type IndexSection,
  type ReportMeta,
} from '../../reports/index.js';
import { phaseRanges, type StepRange } from '../../src/schedules/from-bounds.js';
import { confirmationPart, analysisFile, toJsonText, type ConfirmationPart, type RangeTestFile } from '../../src/range-test/file.js';
import type { OutputFile } from '../../reports/output-file.js';
import { boundsNumbers } from '../../reports/range-test-files.js';
import { plural } from '../../src/text.js';

/** Whether documents and pages carry wall-clock seconds (the gallery leaves them out to stay reproducible). */
export interface TimingOption {
  /** @default true */
  timings?: boolean;
}

/**
 * The range test behind the bounds: the analysed curve (its `suggestion` the bounds trained with),
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
  schedule: { name: 'one-cycle'; maxLr: number; minLr: number; totalSteps: number; stepsPerEpoch: number; phases: StepRange[] };
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
export type Found = Pick<DemoResult, 'rangeTest' | 'analysis' | 'confirmation' | 'bounds'>;

function rangeTestPart({ rangeTest, analysis, confirmation, bounds }: Found): RangeTestPart {
  const part: RangeTestPart = { ...analysisFile(analysis, bounds), stopReason: rangeTest.stopReason, steps: rangeTest.lrs.length };
  if (confirmation && !confirmation.aborted) part.confirmation = confirmationPart(analysis.curveBounds, confirmation);
  return part;
}

/** The range-test chart of a demo or study: the bounds trained with, and the probes. */
function foundSpec(found: Found, meta: ReportMeta): AnySpec {
  const probes = found.confirmation ? { probes: found.confirmation.probes, probesStopped: found.confirmation.aborted } : {};
  const sweep = { stopReason: found.rangeTest.stopReason, plannedSteps: found.rangeTest.settings.numIter };
  return rangeTestSpec({ ...found.analysis, bounds: found.bounds, ...probes, sweep, meta });
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
  doc.warnings.forEach((w, i) => (numbers[`warning ${i + 1}`] = w));
  return numbers;
}

/** A chart: its SVG and spec files, and the section of index.html that shows it. */
export interface Chart {
  files: OutputFile[];
  section: IndexSection;
}

async function chart(name: string, spec: AnySpec, heading: string, numbers: Record<string, string | number>): Promise<Chart> {
  const svg = await renderSvg(spec);
  return {
    files: [
      { name: `${name}.svg`, content: svg },
      { name: `${name}.vl.json`, content: JSON.stringify(spec, null, 2) + '\n' },
    ],
    section: { heading, svgFile: `${name}.svg`, numbers },
  };
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
  const charts = [await chart('range-test', foundSpec(result, meta), 'Range test: loss against learning rate', rangeTestNumbers(doc.rangeTest))];

  const { schedule } = result;
  const steps = Array.from({ length: schedule.totalSteps }, (_, s) => s);
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
      scheduleSpec({
        lr: steps.map(schedule.lr),
        momentum: schedule.momentum ? steps.map(schedule.momentum) : null,
        phases: sched.phases,
        stepsPerEpoch: sched.stepsPerEpoch,
        title: `One-cycle from the found bounds: ${formatLr(sched.minLr)} → ${formatLr(sched.maxLr)} → ${formatLr(schedule.lr(schedule.totalSteps - 1))}`,
      }),
      'One-cycle schedule built from the recommended bounds',
      scheduleNumbers,
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
    charts.push(await chart('training', spec, 'Training with the one-cycle schedule', numbers));
  }
  return charts;
}

/** The demo's files: index.html first (the report to open), demo.json, then the charts. */
export async function demoFiles(result: DemoResult, doc: DemoDocument): Promise<OutputFile[]> {
  const title = `lrfind demo · ${doc.model} on ${doc.dataset} · ${doc.optimizer} · ${doc.backend.backend}`;
  return pageFiles(title, 'demo.json', doc, await demoCharts(result, doc));
}

/** Colours after the reports' ten, so a study of up to 15 runs never repeats one. */
const EXTRA_RUN_COLORS = ['#17becf', '#393b79', '#8c6d31', '#843c39', '#637939'];

/**
 * comparisonSpec with a colour per run even past its palette of ten: the colour scale's range is
 * extended in the spec (data), which stays a plain vega-lite spec.
 */
function comparisonWithColors(title: string, runs: StudyRunDocument[]): AnySpec {
  const spec = comparisonSpec({ title, runs: runs.map((r) => ({ name: r.name, group: r.group, history: r.history })) });
  const color = (spec as { spec?: { layer?: { encoding?: { color?: { scale?: { range?: string[] } } } }[] } }).spec?.layer?.[0]?.encoding?.color?.scale;
  const range = color?.range;
  if (color && range && runs.length > new Set(range).size) {
    const palette = [...new Set(range)].concat(EXTRA_RUN_COLORS);
    color.range = runs.map((_, i) => palette[i % palette.length]!);
  }
  return spec;
}

/** Each run's final scores and what it is, for index.html. */
export function studyRunNumbers(runs: StudyRunDocument[], epochs: number): Record<string, string | number> {
  const numbers: Record<string, string | number> = {};
  for (const r of runs) {
    const f = r.final;
    const done = f ? (f.epoch === epochs ? '' : ` after ${f.epoch} of ${epochs} epochs`) : '';
    numbers[`${r.group}: ${r.name}`] = f
      ? `val acc ${acc(f.valAccuracy)} · val loss ${formatValue(f.valLoss)}${done} — ${r.description}`
      : `no epoch finished — ${r.description}`;
  }
  return numbers;
}

/** "vgg-mini on mnist 2000/1000" */
function studyWhat(doc: StudyDocument): string {
  return `${doc.model} on ${doc.dataset} ${doc.settings.trainSize}/${doc.settings.validationSize}`;
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
    bounds: `max lr ${formatLr(doc.maxLr)}, min lr ${formatLr(doc.minLr)}`,
    backend: doc.backend.backend,
  };
  if (doc.stopped) numbers.stopped = 'by Ctrl-C: the runs below are what finished';
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
  const charts = [await chart('range-test', foundSpec(found, meta), 'Range test: the bounds every schedule is built from', rangeTestNumbers(doc.rangeTest))];
  const runs = doc.runs.filter((r) => r.history.length > 0);
  if (runs.length > 0) {
    const s = doc.settings;
    const settings = studySettingsNumbers(doc);
    charts.push(
      await chart('comparison', comparisonWithColors(`Schedules and optimizers: ${what}, ${plural(s.epochs, 'epoch')}`, runs), 'All runs', {
        ...settings,
        ...studyRunNumbers(runs, s.epochs),
      }),
    );
    const groups = [...new Set(runs.map((r) => r.group))];
    if (groups.length > 1) {
      for (const group of groups) {
        const members = runs.filter((r) => r.group === group);
        charts.push(await chart(`comparison-${group}`, comparisonWithColors(`${group}: ${what}, ${plural(s.epochs, 'epoch')}`, members), `Group: ${group}`, studyRunNumbers(members, s.epochs)));
      }
    }
  }
  return charts;
}

/** The study's files: index.html, study.json, then the charts. */
export async function studyFiles(doc: StudyDocument, found: Found): Promise<OutputFile[]> {
  return pageFiles(`lrfind compare · ${studyWhat(doc)} · ${doc.backend.backend}`, 'study.json', doc, await studyCharts(doc, found));
}
