import { describe, expect, it } from 'vitest';
import { STUDY_RUN_NAMES } from '../../src/study/compare.js';
import { runWordsOf, studyRunTable, studyWarnings, type StudyDocument, type StudyRunDocument } from '../../reports/study-files.js';
import { studyRunWords } from '../../src/study/run-words.js';

const epoch = (n: number, valAccuracy: number, valLoss = 1 / n) => ({ epoch: n, loss: 1 / n, accuracy: valAccuracy, valLoss, valAccuracy, lr: 0.01 });

function run(name: string, group: string, accuracies: number[], over: Partial<StudyRunDocument> = {}): StudyRunDocument {
  const history = accuracies.map((a, i) => epoch(i + 1, a));
  const last = history.at(-1);
  return { name, group, description: `${name} in words`, history, final: last ? { ...last } : null, ...over };
}

const DOC: Pick<StudyDocument, 'maxLr' | 'minLr' | 'settings'> = {
  maxLr: 0.1,
  minLr: 0.01,
  settings: { trainSize: 1000, validationSize: 200, epochs: 3, batchSize: 50, seed: 0, groups: ['schedules', 'optimizers'], only: null },
};

describe('the study table', () => {
  const runs = [
    run('constant', 'schedules', [0.5, 0.8, 0.9]),
    run('adam', 'optimizers', [0.6, 0.95, 0.93]),
    run('sgdr', 'schedules', [0.7, 0.96]), // stopped by Ctrl-C after 2 of 3 epochs
    run('sgd', 'optimizers', []),
    run('cosine', 'schedules', [0.4, 0.7, 0.93], { history: [epoch(1, 0.4), epoch(2, 0.7), epoch(3, 0.93, 0.2)], final: { ...epoch(3, 0.93, 0.2) } }),
  ];
  const table = studyRunTable(DOC, runs);

  it('has a column for each thing a run is and each way it ended, numbers right-aligned', () => {
    expect(table.columns.map((c) => [c.heading, c.numeric === true])).toEqual([
      ['run', false], ['optimizer', false], ['schedule', false], ['lr', false],
      ['final val accuracy', true], ['final val loss', true], ['best val accuracy (epoch)', true], ['epochs', true],
    ]);
  });

  it('sorts by final validation accuracy, best first: ties by lower loss, runs without an epoch last', () => {
    expect(table.rows).toEqual([
      ['schedules: sgdr', 'SGD momentum 0.9', 'SGDR, restarts every 15 steps', '0.1 → 0', '0.960', '0.5', '0.960 (2)', '2 of 3'],
      ['schedules: cosine', 'SGD momentum 0.9', 'cosine', '0.1 → 0', '0.930', '0.2', '0.930 (3)', '3'],
      ['optimizers: adam', 'Adam', 'constant', '1e-3', '0.930', '0.333', '0.950 (2)', '3'],
      ['schedules: constant', 'SGD momentum 0.9', 'constant', '0.1', '0.900', '0.333', '0.900 (3)', '3'],
      ['optimizers: sgd', 'SGD', 'constant', '1e-2', '–', '–', '–', '0 of 3'],
    ]);
  });

  it("takes a run's own words over the rebuilt ones, and falls back to the description for a run it does not know", () => {
    const own = run('adam', 'optimizers', [0.9], { words: { optimizer: 'Adam β1 0.8', schedule: 'constant', lr: '3e-4' } });
    expect(studyRunTable(DOC, [own]).rows[0]!.slice(1, 4)).toEqual(['Adam β1 0.8', 'constant', '3e-4']);
    expect(studyRunTable(DOC, [run('mystery', 'x', [0.9])]).rows[0]!.slice(1, 4)).toEqual(['mystery in words', '–', '–']);
    expect(runWordsOf(DOC, run('one-cycle', 'schedules', [0.9]))).toEqual({ optimizer: 'SGD momentum 0.95 → 0.85 → 0.95', schedule: 'one-cycle', lr: '1e-2 → 0.1 → 1e-6' });
  });

  it('has words for every run of the study', () => {
    expect(Object.keys(studyRunWords(0.1, 0.01, 6, 32)).sort()).toEqual([...STUDY_RUN_NAMES].sort());
  });

  it('warns when Ctrl-C stopped the study', () => {
    expect(studyWarnings({ stopped: true })).toEqual(['Stopped by Ctrl-C: the runs below are what finished.']);
    expect(studyWarnings({ stopped: false })).toEqual([]);
  });
});
