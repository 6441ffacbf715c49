// The running half of `demo`: one runDemo call with progress lines, then the report files.
import { runDemo, type DemoResult } from '../../src/study/demo.js';
import { withFlagNames } from '../args.js';
import { EXIT, isInputError, oneLine, UsageError } from '../errors.js';
import { demoDocument, demoFiles } from '../../reports/study-files.js';
import { analysisFile, toJsonText } from '../../src/range-test/file.js';
import { writeFilesAtomically } from '../output/out-dir.js';
import { say } from '../terminal.js';
import { plural } from '../../src/text.js';
import { formatDuration } from '../../src/format.js';
import { DATASET_CLASS_NAMES } from '../../src/data/names.js';
import { epochLine, formatAccuracy } from '../ui/study-text.js';
import { boundsLine } from '../../src/present/words.js';
import { DEMO_FLAGS, type DemoPlan } from './demo-plan.js';
import { confirmedLines, mostProbes, plainReporter, probeCounter } from './find-progress.js';
import { startBackend } from './start-backend.js';
import { interruptOnSigint } from './study-signal.js';

const MODEL = 'cnn';
const DATASET = 'digits' as const;

export async function runDemoCommand(p: DemoPlan): Promise<number> {
  const write = p.json ? () => {} : say;
  // find's plain progress lines (every 25 % of the sweep) and its "stopping" line.
  const sweep = plainReporter(write);
  let phase: 'range test' | 'probes' | 'training' = 'range test';
  const interruption = interruptOnSigint(() => {
    if (phase === 'range test') sweep.stopping(false);
    else write(phase === 'probes' ? 'stopping the probes (Ctrl-C)' : 'stopping after this epoch (Ctrl-C)');
  });
  try {
    const info = await startBackend(p.backend);
    const backendLine = `${info.backend} (${info.reason})`;
    write(`lrfind demo: ${MODEL} on ${DATASET} · SGD + momentum 0.9 · backend ${backendLine}`);
    let trainingStarted = false; // the header line before the first epoch
    let result: DemoResult;
    const probeStatus = probeCounter(mostProbes(true));
    try {
      result = await runDemo({
        dataset: DATASET,
        model: MODEL,
        epochs: p.epochs,
        seed: p.seed,
        backend: p.backend,
        ...(p.trainSize !== undefined ? { trainSize: p.trainSize } : {}),
        confirm: p.confirm,
        signal: interruption.signal,
        onStep: (step) => {
          if (step.step === 0) write(`range test: ${plural(step.numIter, 'step')}, lr growing exponentially`);
          sweep.step(step);
        },
        onRangeTest: (rangeTest, analysis) => {
          phase = p.confirm ? 'probes' : 'training';
          write(`range test ${rangeTest.stopReason}: ${plural(rangeTest.lrs.length, 'step')} in ${formatDuration(rangeTest.timing.seconds)}`);
          write(boundsLine(analysisFile(analysis)));
        },
        onProbeStep: (step) => sweep.probe(probeStatus(step)),
        onConfirmation: (found) => {
          phase = 'training';
          for (const line of confirmedLines(found)) write(line);
        },
        onEpoch: (record) => {
          if (!trainingStarted) write(`one-cycle training, ${plural(p.epochs, 'epoch')}:`);
          trainingStarted = true;
          write(`  ${epochLine(record, p.epochs)}`);
        },
      });
    } catch (error) {
      // A sweep cut short by Ctrl-C may be too short to give bounds: nothing to report then.
      if (interruption.interrupted) {
        process.stderr.write(`lrfind: stopped (Ctrl-C) during the range test, before it gave bounds; nothing written\n`);
        return EXIT.interrupted;
      }
      // --train-size larger than the data …: the user's input, named by flag.
      if (isInputError(error)) throw new UsageError(withFlagNames(oneLine(error), DEMO_FLAGS));
      throw error;
    }
    const stopped = interruption.interrupted;
    const doc = demoDocument(result, { epochs: p.epochs, seed: p.seed, trainSize: p.trainSize ?? null }, stopped);
    const paths = await writeFilesAtomically(p.out, await demoFiles(result, doc));
    if (p.json) {
      process.stdout.write(toJsonText(doc, 0) + '\n');
    } else {
      const epochs = doc.history.length;
      if (stopped && epochs < p.epochs) write(`stopped by Ctrl-C after ${epochs} of ${plural(p.epochs, 'epoch')}`);
      const reached = epochs > 0 ? `accuracy ${formatAccuracy(doc.accuracy)} after ${plural(epochs, 'epoch')}` : 'no epoch trained';
      // What the untrained model scored is not chance: chance is one in the number of classes.
      const chance = 1 / DATASET_CLASS_NAMES[DATASET].length;
      write(`${reached} (${formatAccuracy(doc.initialAccuracy)} before training; chance ${formatAccuracy(chance)}) — report: ${paths[0]}`);
    }
    return stopped ? EXIT.interrupted : EXIT.ok;
  } finally {
    interruption.dispose();
  }
}
