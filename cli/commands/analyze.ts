// `lrfind analyze <curve>`: a loss-vs-lr curve from any framework → analyzeCurve → report → view or JSON.
import { readFile } from 'node:fs/promises';
import { basename, extname, join, resolve } from 'node:path';
// The analysis sub-barrel: the full one loads tfjs, which analysing a curve never needs.
import { analyzeCurve, CURVE_LOSS_COLUMNS, CURVE_LR_COLUMNS, parseCurveCsv, parseRunsJson } from '../../src/analysis/index.js';
import type { Analysis, Curve } from '../../src/types.js';
import type { FlagSpecs } from '../args.js';
import { parseFlags, withFlagNames } from '../args.js';
import { commandLine } from '../command-line.js';
import { EXIT, isInputError, UsageError } from '../errors.js';
import { formatHelp, type HelpPage } from '../help.js';
import { checkInputFile } from '../input-file.js';
import { checkOutDir } from '../output/out-dir.js';
import { analysisFile, toJsonText } from '../../src/range-test/file.js';
import { writeFilesAtomically } from '../output/out-dir.js';
import { inkAvailable } from '../output/ink-available.js';
import { columns, isInteractive, say } from '../terminal.js';
import { plural } from '../../src/text.js';
import { summaryLines } from './find-progress.js';

export const ANALYZE_FLAGS = {
  'lr-column': { type: 'string', option: 'lrColumn', placeholder: '<name>', description: 'CSV column of learning rates', default: `the first of ${CURVE_LR_COLUMNS.join(', ')}` },
  'loss-column': { type: 'string', option: 'lossColumn', placeholder: '<name>', description: 'CSV column of losses', default: `the first of ${CURVE_LOSS_COLUMNS.join(', ')}` },
  out: { type: 'string', placeholder: '<dir>', description: 'where range-test.json, range-test.svg and index.html go (never over the input)', default: './lrfind-out/analyze' },
  json: { type: 'boolean', description: 'print one JSON document on stdout and nothing else' },
  help: { type: 'boolean', description: 'show this help' },
} as const satisfies FlagSpecs;

export const ANALYZE_HELP: HelpPage = {
  usage: 'lrfind analyze <curve.csv|curve.json> [options]',
  summary:
    'Analyses a learning-rate range-test curve recorded by any framework (PyTorch, Keras, fastai, …):\n' +
    'smooths it, finds the regions and recommends bounds, and writes the same report as `lrfind find`.',
  flags: ANALYZE_FLAGS,
  notes: [
    'CSV: a header row and one row per step, separated by commas, semicolons, tabs or bars (read off the',
    'header); column names match ignoring case. JSON: {"lr": [...], "loss": [...]} under any of the names',
    'above, an array of {lr, loss} rows, or a range-test.json written by lrfind.',
  ],
  examples: [
    'lrfind analyze lr_finder.csv',
    'lrfind analyze history.csv --lr-column learning_rate --loss-column train_loss --out report',
    'lrfind analyze curve.json --json | jq .bounds',
  ],
};

/** One curve, or every run of a multi-run range-test.json. */
function parse(path: string, text: string, flags: { 'lr-column'?: string; 'loss-column'?: string }): Curve | Curve[] {
  const ext = extname(path).toLowerCase();
  const json = ext === '.json' || (ext !== '.csv' && /^\s*[[{]/.test(text));
  if (json) {
    if (flags['lr-column'] !== undefined || flags['loss-column'] !== undefined) {
      throw new UsageError('--lr-column and --loss-column apply to CSV curves, not JSON');
    }
    const runs = parseRunsJson(text);
    return runs.length === 1 ? runs[0]! : runs;
  }
  return parseCurveCsv(text, {
    ...(flags['lr-column'] !== undefined ? { lrColumn: flags['lr-column'] } : {}),
    ...(flags['loss-column'] !== undefined ? { lossColumn: flags['loss-column'] } : {}),
  });
}

export async function analyzeCommand(argv: readonly string[]): Promise<number> {
  const { flags, positionals } = parseFlags(argv, ANALYZE_FLAGS, 'analyze', 1);
  if (flags.help) {
    process.stdout.write(formatHelp(ANALYZE_HELP));
    return EXIT.ok;
  }
  const path = positionals[0];
  if (path === undefined) throw new UsageError('analyze needs a curve file (CSV or JSON)');
  const out = flags.out ?? './lrfind-out/analyze';
  checkOutDir(out);
  checkInputFile(path, 'curve file');
  const { rangeTestFiles, RANGE_TEST_FILES } = await import('../../reports/range-test-files.js');
  const overwritten = Object.values(RANGE_TEST_FILES).find((name) => resolve(out, name) === resolve(path));
  if (overwritten !== undefined) throw new UsageError(`--out ${out} would write over the input ${path}: pass --out <another folder>`);
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new UsageError(code === 'ENOENT' ? `curve file not found: ${path}` : `cannot read ${path} (${code ?? 'error'})`);
  }
  let analysis: Analysis;
  try {
    analysis = analyzeCurve(parse(path, text, flags));
  } catch (error) {
    if (!isInputError(error)) throw error; // a bug in lrfind, not the file's fault
    const message = withFlagNames((error as Error).message.split('\n')[0] ?? '', ANALYZE_FLAGS);
    throw new UsageError(message.startsWith(path) ? message : `${path}: ${message}`);
  }
  const doc = analysisFile(analysis);
  const files = await rangeTestFiles(doc, { meta: { data: basename(path) }, jsonPath: join(out, RANGE_TEST_FILES.json), commandLine: commandLine('analyze', argv) });
  const paths = await writeFilesAtomically(out, files);
  if (flags.json) process.stdout.write(toJsonText(doc, 0) + '\n');
  else if (isInteractive() && (await inkAvailable())) {
    const [{ createElement }, { showOnce }, { AnalyzeView }, { fitChartWidth }] = await Promise.all([
      import('react'),
      import('../output/ink.js'),
      import('../ui/analyze-view.js'),
      import('../ui/line-chart.js'),
    ]);
    await showOnce(createElement(AnalyzeView, { source: path, doc, paths, chartWidth: fitChartWidth(columns()) }));
  }
  else for (const line of [`lrfind analyze: ${path} (${plural(doc.curve.lr.length, 'point')})`, ...summaryLines({ doc, paths })]) say(line);
  return doc.bounds === null ? EXIT.noBounds : EXIT.ok;
}
