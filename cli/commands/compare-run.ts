// The running half of `compare`: one runStudy call with progress lines, then the table and the
// report files. Library errors about the input (sizes, missing data) become flag-named usage errors.
import { runStudy, STUDY_RUN_NAMES, type StudyResult } from '../../src/study/compare.js';
import { withFlagNames } from '../args.js';
import { EXIT, isInputError, oneLine, UsageError } from '../errors.js';
import { analysisFile, toJsonText } from '../../src/range-test/file.js';
import { studyDocument, studyFiles } from '../../reports/study-files.js';
import { writeFilesAtomically } from '../output/out-dir.js';
import { say } from '../terminal.js';
import { plural } from '../../src/text.js';
import { formatDuration } from '../../src/format.js';
import { epochLine, studyTable } from '../ui/study-text.js';
import { boundsLine } from '../../src/present/words.js';
import { COMPARE_FLAGS, COMPARE_RUNS, type ComparePlan } from './compare-plan.js';
import { confirmedLines, mostProbes, probeCounter } from './find-progress.js';
import { probeStartLine } from '../../src/present/words.js';
import { startBackend } from './start-backend.js';
import { interruptOnSigint } from './study-signal.js';

/** compare.ts checks --only without loading tfjs, against its own copy of the run names. */
function checkRunNames(): void {
  const cli = [...COMPARE_RUNS.schedules, ...COMPARE_RUNS.optimizers].join(',');
  if (cli !== STUDY_RUN_NAMES.join(',')) throw new Error(`COMPARE_RUNS (${cli}) differs from the library's STUDY_RUN_NAMES (${STUDY_RUN_NAMES.join(',')})`);
}

export async function runCompare(p: ComparePlan): Promise<number> {
  checkRunNames();
  const write = p.json ? () => {} : say;
  let phase: 'range test' | 'probes' | 'runs' = 'range test';
  const interruption = interruptOnSigint(() =>
    write(phase === 'runs' ? 'stopping after this epoch (Ctrl-C); Ctrl-C again quits without writing' : `stopping the ${phase} (Ctrl-C)`),
  );
  try {
    const info = await startBackend(p.backend);
    const backendLine = `${info.backend} (${info.reason})`;
    const n = p.runs.length;
    write(
      `lrfind compare: ${p.model} on ${p.dataset} (${p.trainSize} training, ${p.validationSize} validation examples) · ` +
        `${plural(n, 'run')} of ${plural(p.epochs, 'epoch')} · batch ${p.batchSize} · backend ${backendLine}`,
    );
    write('range test with SGD + momentum 0.9 …');
    const probeStatus = probeCounter(mostProbes(true));
    let result: StudyResult;
    try {
      result = await runStudy({
        dataset: p.dataset,
        model: p.model,
        trainSize: p.trainSize,
        validationSize: p.validationSize,
        epochs: p.epochs,
        batchSize: p.batchSize,
        seed: p.seed,
        groups: p.groups,
        ...(p.only !== null ? { only: p.only } : {}),
        backend: p.backend,
        ...(p.dataDir !== undefined ? { dataDir: p.dataDir } : {}),
        confirm: p.confirm,
        signal: interruption.signal,
        onRangeTest: (rangeTest, analysis) => {
          write(`range test ${rangeTest.stopReason}: ${plural(rangeTest.lrs.length, 'step')} in ${formatDuration(rangeTest.timing.seconds)}`);
          write(boundsLine(analysisFile(analysis)));
          phase = p.confirm ? 'probes' : 'runs';
          if (p.confirm) write('confirming the max lr by short training probes …');
        },
        // A line as each probe starts: probes take a minute or more on a conv net.
        onProbeStep: (step) => {
          const status = probeStatus(step);
          if (status.done === 1) write(`  ${probeStartLine(status)}`);
        },
        onConfirmation: (found) => {
          for (const line of confirmedLines(found)) write(line);
          phase = 'runs';
        },
        onRunStart: ({ name, group, index, total }) => write(`[${index + 1}/${total}] ${name} (${group})`),
        onEpoch: (_run, record) => write(`  ${epochLine(record, p.epochs)}`),
      });
    } catch (error) {
      if (interruption.interrupted) {
        process.stderr.write('lrfind: stopped (Ctrl-C) during the range test, before it gave bounds; nothing written\n');
        return EXIT.interrupted;
      }
      // Sizes larger than the data, a missing dataset folder …: the user's input, named by flag.
      if (isInputError(error)) throw new UsageError(withFlagNames(oneLine(error), COMPARE_FLAGS));
      throw error;
    }
    const stopped = interruption.interrupted;
    const doc = studyDocument(result, { groups: p.groups, only: p.only }, stopped);
    const paths = await writeFilesAtomically(p.out, await studyFiles(doc, result));
    if (p.json) {
      process.stdout.write(toJsonText(doc, 0) + '\n');
    } else {
      const runs = doc.runs.map((r) => ({ ...r, epochs: r.history.length }));
      if (runs.length > 0) for (const line of ['', ...studyTable(runs, p.epochs), '']) write(line);
      const finished = doc.runs.filter((r) => r.history.length === p.epochs).length;
      if (stopped) write(`stopped by Ctrl-C: ${finished} of ${plural(n, 'run')} finished`);
      write(`${plural(doc.runs.length, 'run')} in ${formatDuration(result.seconds)} — report: ${paths[0]}`);
    }
    return stopped ? EXIT.interrupted : EXIT.ok;
  } finally {
    interruption.dispose();
  }
}
