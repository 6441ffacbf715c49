// The main-thread half of `find`: starts the training worker, shows progress, handles Ctrl-C,
// then writes the report from the curve, reading and probes the worker sends back. The model file is only ever read (by the worker).
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { EXIT, oneLine } from '../errors.js';
import { rangeTestFiles, RANGE_TEST_FILES } from '../../reports/range-test-files.js';
import type { LrFinderResult } from '../../src/index.js';
import { rangeTestFile, toJsonText } from '../../src/range-test/file.js';
import { tooFewToRead } from '../../src/range-test/result.js';
import { writeFilesAtomically } from '../output/out-dir.js';
import { inkAvailable } from '../output/ink-available.js';
import { isInteractive } from '../terminal.js';
import { plural } from '../../src/text.js';
import { formatLr } from '../../src/format.js';
import { escalationLine, stopLine } from '../../src/present/words.js';
import type { FindPlan } from './find-plan.js';
import { hear, heardResult, nothingHeard } from './find-heard.js';
import type { WorkerInput, WorkerMessage } from './find-messages.js';
import { plainReporter, silentReporter, type FindReporter } from './find-progress.js';

/** Ctrl-C before there was anything to write. */
class Interrupted extends Error {
  override name = 'Interrupted';
}

/** An error from the worker, keeping its class name (the exit code depends on it). */
function rebuild(message: Extract<WorkerMessage, { type: 'error' }>): Error {
  const error = new Error(message.message);
  error.name = message.name;
  if (message.stack !== undefined) error.stack = message.stack;
  return error;
}

async function reporterFor(json: boolean): Promise<FindReporter> {
  if (json) return silentReporter();
  if (!isInteractive() || !(await inkAvailable())) return plainReporter();
  const { liveReporter } = await import('./live-reporter.js');
  return liveReporter();
}

/** How the caller can stop the worker: gently (at the next step), or at once, keeping what was heard. */
interface Stopper {
  gently(): void;
  now(): void;
}

/**
 * Runs the sweep (and, unless --no-confirm, the probes) in the worker; resolves once it is done (or
 * stopped), with the number of training examples the worker loaded.
 */
function sweep(
  p: FindPlan, reporter: FindReporter, onStopper: (stopper: Stopper) => void,
): Promise<{ found: LrFinderResult; examples: number | undefined; target: string | undefined }> {
  const stop = new Int32Array(new SharedArrayBuffer(4));
  const input: WorkerInput = { plan: p, stop };
  const worker = new Worker(new URL('./find-worker.js', import.meta.url), { workerData: input });
  const heard = nothingHeard();
  return new Promise((resolve, reject) => {
    let settled = false;
    const settle = (fn: () => void): void => {
      if (settled) return;
      settled = true;
      fn();
      void worker.terminate();
    };
    const examples = (): number | undefined => heard.ready?.examples;
    const target = (): string | undefined => heard.ready?.target;
    onStopper({
      gently: () => Atomics.store(stop, 0, 1),
      now: () => settle(() => resolve({ found: heardResult(heard, p), examples: examples(), target: target() })),
    });
    worker.on('message', (message: WorkerMessage) => {
      hear(heard, message);
      switch (message.type) {
        case 'ready':
          reporter.start({
            model: p.labels.model,
            data: p.labels.data,
            dataDetail: `${plural(message.examples, 'example')}, ${message.target === undefined ? plural(message.numClasses, 'class', 'classes') : `regression on ${message.target}`}`,
            optimizer: message.optimizer,
            backend: message.backend,
            startLr: p.settings.startLr,
            endLr: p.settings.endLr,
            numIter: p.settings.numIter,
            runs: p.settings.runs,
          });
          break;
        case 'step':
          reporter.step(message.step);
          break;
        case 'probe':
          reporter.probe(message.probe);
          break;
        case 'escalation':
          reporter.note(escalationLine(message.escalation));
          break;
        case 'weight-decay':
          reporter.note(`range test at weight decay ${message.member.weightDecay === 0 ? '0' : formatLr(message.member.weightDecay)} (${message.member.index + 1} of ${message.member.count})`);
          break;
        case 'result':
          settle(() => resolve({ found: message.found, examples: examples(), target: target() }));
          break;
        case 'error':
          settle(() => reject(rebuild(message)));
          break;
      }
    });
    worker.on('error', (error) => settle(() => reject(error)));
    worker.on('exit', (code) => settle(() => reject(new Error(`the training worker exited with code ${code}`))));
  });
}

export async function runFind(p: FindPlan): Promise<number> {
  const reporter = await reporterFor(p.json);
  let presses = 0;
  let stopper: Stopper | null = null;
  // The first Ctrl-C stops after the step in progress; a second one stops the worker at once.
  // Either way what was heard is analysed and written.
  const onSigint = (): void => {
    presses += 1;
    reporter.stopping(presses > 1);
    if (presses === 1) stopper?.gently();
    else stopper?.now();
  };
  process.on('SIGINT', onSigint);
  try {
    const { found, examples, target } = await sweep(p, reporter, (s) => (stopper = s));
    const interrupted = presses > 0;
    const { rangeTest, analysis } = found;
    const steps = rangeTest.runs.reduce((n, r) => n + r.lrs.length, 0);
    if (analysis === null) {
      if (interrupted) throw new Interrupted(`${tooFewToRead(rangeTest)}; nothing written`);
      throw new Error(`${tooFewToRead(rangeTest)}; try a lower --start-lr`);
    }
    // A regression's loss is the mean squared error of its (min-max scaled) target: the report says so.
    const doc = rangeTestFile(found, { ...p.labels, ...(target !== undefined ? { loss: `mean squared error of ${target} (min-max scaled)` } : {}) });
    const jsonPath = join(p.out, RANGE_TEST_FILES.json);
    const files = await rangeTestFiles(doc, {
      jsonPath,
      ...(p.commandLine !== undefined ? { commandLine: p.commandLine } : {}),
      ...(examples !== undefined ? { examples } : {}),
    }).catch(async (error: unknown) => {
      // The sweep is worth more than its picture: keep its curve, then report the failure.
      await writeFilesAtomically(p.out, [{ name: RANGE_TEST_FILES.json, content: toJsonText(doc) + '\n' }]);
      throw new Error(`the report could not be drawn (${oneLine(error)}); the curve and bounds are in ${jsonPath}`);
    });
    const paths = await writeFilesAtomically(p.out, files);
    if (p.json) process.stdout.write(toJsonText(doc, 0) + '\n');
    await reporter.finish({ doc, paths, stop: stopLine(doc.stopReason ?? rangeTest.stopReason, steps, rangeTest.timing.seconds) });
    return interrupted ? EXIT.interrupted : doc.bounds === null ? EXIT.noBounds : EXIT.ok;
  } catch (error) {
    await reporter.close();
    if (error instanceof Interrupted) {
      process.stderr.write(`lrfind: ${error.message}\n`);
      return EXIT.interrupted;
    }
    throw error;
  } finally {
    process.off('SIGINT', onSigint);
  }
}
