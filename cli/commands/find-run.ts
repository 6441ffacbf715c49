// The heavy half of `find`: backend, data, model → findLearningRate → analyzeCurve → files → output.
import * as tf from '@tensorflow/tfjs';
import { analyzeCurve, findLearningRate, initBackend, type Analysis, type Dataset, type RangeTestResult } from '../../src/index.js';
import { loadData } from '../data-source.js';
import { EXIT, UsageError } from '../errors.js';
import { checkModelName, loadModel } from '../model/load-model.js';
import { rangeTestFiles } from '../output/report-files.js';
import { findDocument, toJsonText } from '../output/result-json.js';
import { writeFilesAtomically } from '../output/write-files.js';
import { columns, isInteractive } from '../terminal.js';
import { stopLine } from '../ui/summary-text.js';
import type { FindPlan } from './find.js';
import { plainReporter, silentReporter, type FindReporter } from './find-progress.js';
import { watchInterrupt } from './interrupt.js';

/** Ctrl-C before there was anything to write. */
class Interrupted extends Error {
  override name = 'Interrupted';
}

/** The curves to analyse: every run with at least two points (the median of several runs). */
function analyse(result: RangeTestResult): Analysis {
  const runs = result.runs.filter((r) => r.lrs.length >= 2).map((r) => ({ lrs: r.lrs, losses: r.losses }));
  const options = { numIter: result.settings.numIter };
  return runs.length > 1 ? analyzeCurve(runs, options) : analyzeCurve({ lrs: result.lrs, losses: result.losses }, options);
}

async function reporterFor(json: boolean): Promise<FindReporter> {
  if (json) return silentReporter();
  if (!isInteractive()) return plainReporter();
  const { liveReporter } = await import('./live-reporter.js');
  return liveReporter(Math.max(20, Math.min(72, columns() - 12)));
}

export async function runFind(p: FindPlan): Promise<number> {
  checkModelName(p.model);
  const interrupt = watchInterrupt();
  let reporter: FindReporter | null = null;
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
      ...(p.label !== undefined ? { label: p.label } : {}),
      ...(p.trainSize !== undefined ? { trainSize: p.trainSize } : {}),
      ...(p.dataDir !== undefined ? { dataDir: p.dataDir } : {}),
    });
    model = await loadModel(
      p.model,
      { inputShape: dataset.inputShape, numClasses: dataset.numClasses, seed: p.settings.seed, optimizer: p.optimizer, lr: p.settings.startLr },
      p.labels,
    );
    if (interrupt.signal.aborted) throw new Interrupted('stopped (Ctrl-C) before the range test started; nothing written');
    reporter = await reporterFor(p.json);
    const live = reporter;
    live.start({
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
    interrupt.onInterrupt(() => live.stopping());
    const result = await findLearningRate(model, { xs: dataset.train.xs, ys: dataset.train.ys }, {
      ...p.settings,
      signal: interrupt.signal,
      onStep: (step) => live.step(step),
    });
    const aborted = interrupt.signal.aborted;
    const steps = result.runs.reduce((n, r) => n + r.lrs.length, 0);
    if (result.lrs.length < 2) {
      if (aborted) throw new Interrupted(`stopped (Ctrl-C) after ${steps} step(s): too few to analyse; nothing written`);
      throw new Error(`the range test stopped (${result.stopReason}) after ${steps} step(s): too few to analyse; try a lower --start-lr`);
    }
    const analysis = analyse(result);
    const doc = findDocument(result, analysis, p.labels);
    const files = await rangeTestFiles(doc, analysis, { model: p.labels.model, data: p.labels.data, optimizer: doc.optimizer, backend });
    const paths = await writeFilesAtomically(p.out, files);
    if (p.json) process.stdout.write(toJsonText(doc) + '\n');
    await live.finish({ doc, paths, stop: stopLine(doc.stopReason, steps, doc.seconds) });
    return aborted ? EXIT.interrupted : EXIT.ok;
  } catch (error) {
    await reporter?.close();
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
