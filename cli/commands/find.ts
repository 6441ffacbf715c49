// `lrfind find`: flags → findLearningRate → analyzeCurve → report files → view or JSON.
import { basename } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import {
  analyzeCurve,
  findLearningRate,
  initBackend,
  resolveRangeTestSettings,
  type Analysis,
  type BackendChoice,
  type Dataset,
  type RangeTestResult,
  type RangeTestSettings,
} from '../../src/index.js';
import { parseFlags, withFlagNames } from '../args.js';
import { loadData, resolveDataSource, type DataSource } from '../data-source.js';
import { EXIT, UsageError } from '../errors.js';
import { formatHelp, type HelpPage } from '../help.js';
import { loadModel, resolveModelSource, type ModelSource } from '../model/load-model.js';
import type { OptimizerName } from '../model/optimizer.js';
import { rangeTestFiles } from '../output/report-files.js';
import { findDocument, toJsonText } from '../output/result-json.js';
import { checkOutDir } from '../output/out-dir.js';
import { writeFilesAtomically } from '../output/write-files.js';
import { columns, isInteractive } from '../terminal.js';
import { stopLine } from '../ui/summary-text.js';
import { FIND_FLAGS } from './find-flags.js';
import { liveReporter, plainReporter, silentReporter, type FindReporter } from './find-progress.js';
import { watchInterrupt } from './interrupt.js';

export const FIND_HELP: HelpPage = {
  usage: 'lrfind find --model <model> --data <data> [options]',
  summary:
    "Runs Leslie Smith's learning-rate range test: trains for --num-iter mini-batches while the lr grows\n" +
    'from --start-lr to --end-lr, then reads the loss curve and recommends bounds for one-cycle training.\n' +
    'The model (and any file it came from) is left exactly as it was. Ctrl-C stops the test; the partial\n' +
    'curve is analysed and written, and lrfind exits with 130.',
  flags: FIND_FLAGS,
  notes: [
    'A model.json is compiled with --optimizer and categorical cross-entropy. A .js/.mjs module must export',
    '(default or createModel) a function ({tf, inputShape, numClasses, seed}) => compiled tf.LayersModel;',
    'build it with the tf it receives. Writes range-test.json, range-test.svg (+ .vl.json) and index.html.',
  ],
  examples: [
    'lrfind find --model mlp --data digits',
    'lrfind find --model cnn --data mnist --optimizer adam --num-iter 200 --train-size 10000',
    'lrfind find --model ./my-model/model.json --data train.csv --label species --out runs/lr',
    'lrfind find --model ./model.mjs --data digits --runs 3 --json > range-test.json',
  ],
};

interface FindPlan {
  settings: RangeTestSettings;
  model: ModelSource;
  data: DataSource;
  optimizer: OptimizerName;
  backend: BackendChoice;
  out: string;
  labels: { model: string; data: string };
}

/** Checks every flag before anything is loaded or written. */
function plan(flags: ReturnType<typeof parseFlags<typeof FIND_FLAGS>>['flags']): FindPlan {
  if (flags.model === undefined) throw new UsageError('find needs --model (mlp, cnn, vgg-mini, a model.json or a .js module)');
  if (flags.data === undefined) throw new UsageError('find needs --data (digits, mnist, fashion-mnist or a CSV file)');
  let settings: RangeTestSettings;
  try {
    settings = resolveRangeTestSettings({
      startLr: flags['start-lr'],
      endLr: flags['end-lr'],
      numIter: flags['num-iter'],
      batchSize: flags['batch-size'],
      mode: flags.mode as RangeTestSettings['mode'] | undefined,
      divergeThreshold: flags.diverge,
      smoothing: flags.smooth,
      runs: flags.runs,
      seed: flags.seed,
    });
  } catch (error) {
    throw new UsageError(withFlagNames((error as Error).message, FIND_FLAGS));
  }
  const model = resolveModelSource(flags.model);
  const data = resolveDataSource(flags.data);
  if (model.kind === 'module' && flags.optimizer !== undefined) {
    throw new UsageError('--optimizer does not apply to a model module: it returns a compiled model');
  }
  if (data.kind === 'builtin' && flags.label !== undefined) throw new UsageError(`--label applies to CSV data, not ${data.name}`);
  if (flags['train-size'] !== undefined && flags['train-size'] < 1) {
    throw new UsageError(`--train-size must be a positive integer, got ${flags['train-size']}`);
  }
  const out = flags.out ?? './lrfind-out';
  checkOutDir(out);
  return {
    settings,
    model,
    data,
    optimizer: (flags.optimizer ?? 'sgd') as OptimizerName,
    backend: (flags.backend ?? 'auto') as BackendChoice,
    out,
    labels: {
      model: model.kind === 'builtin' ? model.name : basename(model.path),
      data: data.kind === 'builtin' ? data.name : basename(data.path),
    },
  };
}

/** The curves to analyse: every run with at least two points (the median of several runs). */
function analyse(result: RangeTestResult): Analysis {
  const runs = result.runs.filter((r) => r.lrs.length >= 2).map((r) => ({ lrs: r.lrs, losses: r.losses }));
  return runs.length > 1 ? analyzeCurve(runs) : analyzeCurve({ lrs: result.lrs, losses: result.losses });
}

function reporterFor(json: boolean): FindReporter {
  if (json) return silentReporter();
  return isInteractive() ? liveReporter(Math.max(20, Math.min(72, columns() - 12))) : plainReporter();
}

export async function findCommand(argv: readonly string[]): Promise<number> {
  const { flags } = parseFlags(argv, FIND_FLAGS, 'find');
  if (flags.help) {
    process.stdout.write(formatHelp(FIND_HELP));
    return EXIT.ok;
  }
  const p = plan(flags);
  const interrupt = watchInterrupt();
  const reporter = reporterFor(flags.json === true);
  let dataset: Dataset | null = null;
  let model: tf.LayersModel | null = null;
  try {
    // tfjs's "install tfjs-node" banner would land in the middle of the output.
    tf.enableProdMode();
    let backend: string;
    try {
      backend = (await initBackend(p.backend)).backend;
    } catch (error) {
      throw new UsageError(`--backend ${p.backend}: ${(error as Error).message}`);
    }
    dataset = await loadData(p.data, {
      seed: p.settings.seed,
      ...(flags.label !== undefined ? { label: flags.label } : {}),
      ...(flags['train-size'] !== undefined ? { trainSize: flags['train-size'] } : {}),
      ...(flags['data-dir'] !== undefined ? { dataDir: flags['data-dir'] } : {}),
    });
    model = await loadModel(
      p.model,
      { inputShape: dataset.inputShape, numClasses: dataset.numClasses, seed: p.settings.seed, optimizer: p.optimizer, lr: p.settings.startLr },
      p.labels,
    );
    if (interrupt.signal.aborted) throw new Interrupted('stopped (Ctrl-C) before the range test started; nothing written');
    reporter.start({
      model: p.labels.model,
      data: p.labels.data,
      dataDetail: `${dataset.train.size} examples, ${dataset.numClasses} classes`,
      optimizer: p.model.kind === 'module' ? model.optimizer.getClassName() : p.optimizer,
      backend,
      startLr: p.settings.startLr,
      endLr: p.settings.endLr,
      numIter: p.settings.numIter,
      runs: p.settings.runs,
    });
    interrupt.onInterrupt(() => reporter.stopping());
    const result = await findLearningRate(model, { xs: dataset.train.xs, ys: dataset.train.ys }, {
      ...p.settings,
      signal: interrupt.signal,
      onStep: (step) => reporter.step(step),
    });
    const aborted = interrupt.signal.aborted;
    const steps = result.runs.reduce((n, r) => n + r.lrs.length, 0);
    if (result.lrs.length < 2) {
      const why = aborted ? 'stopped (Ctrl-C)' : `the range test stopped (${result.stopReason})`;
      const hint = aborted ? '' : '; try a lower --start-lr or --end-lr';
      throw aborted ? new Interrupted(`${why} after ${steps} step(s): too few to analyse; nothing written`) : new Error(`${why} after ${steps} step(s): too few to analyse${hint}`);
    }
    const analysis = analyse(result);
    const doc = findDocument(result, analysis, p.labels);
    const files = await rangeTestFiles(doc, analysis, { model: p.labels.model, data: p.labels.data, optimizer: doc.optimizer, backend });
    const written = await writeFilesAtomically(p.out, files);
    const paths = written;
    if (flags.json) process.stdout.write(toJsonText(doc) + '\n');
    await reporter.finish({ doc, paths, stop: stopLine(doc.stopReason, steps, doc.seconds) });
    return aborted ? EXIT.interrupted : EXIT.ok;
  } catch (error) {
    await reporter.close();
    if (error instanceof Interrupted) {
      process.stderr.write(`lrfind: ${error.message}\n`);
      return EXIT.interrupted;
    }
    throw error;
  } finally {
    interrupt.dispose();
    model?.dispose();
    dataset?.dispose();
  }
}

/** Ctrl-C before there was anything to write. */
class Interrupted extends Error {
  override name = 'Interrupted';
}
