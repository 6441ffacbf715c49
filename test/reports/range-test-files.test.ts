import { describe, expect, it } from 'vitest';
import { analyzeCurve } from '../../src/analysis/index.js';
import { analysisFile, type ConfirmationPart, type RangeTestFile } from '../../src/range-test/file.js';
import { nextStepSection, probeTable, rangeTestFiles, rangeTestSections, settingsNumbers } from '../../reports/range-test-files.js';
import { noBoundsReason, probeFailure, runWarnings, sweepNote } from '../../src/present/words.js';
import { readDigitsCurve } from './fixture.js';
import { allElements, parseXml, type XmlElement } from './xml.js';

const SETTINGS = { startLr: 1e-7, endLr: 1, numIter: 100, mode: 'exp', batchSize: 64, divergeThreshold: 4, smoothing: 0.98, runs: 1, seed: 3 } as const;

/** A find document: 100 points from 1e-7 to 1, confirmed bounds, three probes. */
function findDoc(over: Partial<RangeTestFile> = {}): RangeTestFile {
  const lr = Array.from({ length: 100 }, (_, i) => 1e-7 * 10 ** (7 * (i / 99)));
  const loss = lr.map((_, i) => 2.3 - i / 100);
  return {
    format: 'lrfind/range-test',
    version: 3,
    curve: { lr, loss, smoothedLoss: loss, divergenceIndex: null },
    regions: [
      { kind: 'too-small', minLr: 1e-7, maxLr: 1e-3 },
      { kind: 'good', minLr: 1.2e-3, maxLr: 0.3 },
    ],
    bounds: { maxLr: 0.2, minLr: 0.02, source: 'confirmed', confidence: 0.876 },
    rules: { steepest: 0.05, valley: null },
    warnings: [],
    backend: 'cpu',
    stopReason: 'completed',
    seconds: 1.234,
    optimizer: 'SGD',
    settings: { ...SETTINGS },
    model: 'mlp',
    data: 'digits',
    confirmation: confirmation(),
    ...over,
  };
}

function confirmation(over: Partial<ConfirmationPart> = {}): ConfirmationPart {
  return {
    maxLr: 0.2,
    minLr: 0.02,
    edge: 0.26,
    curveBounds: { maxLr: 0.5, minLr: 0.05 },
    target: 0.5,
    probes: [
      { lr: 0.52, endLoss: Number.NaN, passed: false },
      { lr: 0.4, endLoss: 0.75, passed: false },
      { lr: 0.33, endLoss: 0.45, passed: false },
      { lr: 0.26, endLoss: 0.3, passed: true },
    ],
    stopped: false,
    ...over,
  };
}

const NEVER_FELL = 'loss never decreased, so there are no bounds: raise endLr, run more steps, or check the model and its data';

describe('the warnings a range test page opens with', () => {
  it('are none for a clean confirmed run', () => {
    expect(runWarnings(findDoc())).toEqual([]);
  });

  it('say first that there are no bounds and why, then the other warnings', () => {
    const doc = findDoc({ bounds: null, confirmation: undefined, warnings: ['dropped the first point: an lr ≤ 0 has no log scale', NEVER_FELL] });
    expect(runWarnings(doc)).toEqual([
      'no bounds: loss never decreased — raise endLr, run more steps, or check the model and its data',
      'dropped the first point: an lr ≤ 0 has no log scale',
    ]);
  });

  it('take the last warning as the reason when none says "no bounds"', () => {
    expect(noBoundsReason(['a', 'too few points (5): a curve needs at least 10 to be read; use numIter ≥ 50'])).toBe(
      'too few points (5): a curve needs at least 10 to be read; use numIter ≥ 50',
    );
    expect(noBoundsReason([])).toBe('the curve has no good region');
  });

  it('say that Ctrl-C stopped the sweep, after how many steps and at which lr', () => {
    const doc = findDoc({ stopReason: 'stopped', confirmation: undefined });
    doc.curve = { lr: doc.curve.lr.slice(0, 40), loss: doc.curve.loss.slice(0, 40), smoothedLoss: doc.curve.smoothedLoss.slice(0, 40), divergenceIndex: null };
    expect(runWarnings(doc)).toEqual(['The sweep was stopped by Ctrl-C after 40 of 100 steps (lr 5.7e-5): the curve is partial.']);
    expect(sweepNote(doc)).toBeNull();
  });

  it('count the steps of every run', () => {
    const doc = findDoc({ stopReason: 'stopped', settings: { ...SETTINGS, runs: 3 } });
    const run = { lr: [1, 2], loss: [1, 1], emaLoss: [1, 1], stopReason: 'completed' as const, seed: 0 };
    doc.runs = [
      { ...run, lr: Array(100).fill(1) },
      { ...run, lr: Array(20).fill(1), stopReason: 'stopped' },
    ];
    expect(runWarnings(doc)[0]).toMatch(/^The sweep was stopped by Ctrl-C after 120 of 300 steps /);
  });

  it('say that Ctrl-C stopped the probes, and that the bounds are then unconfirmed', () => {
    const doc = findDoc({ bounds: { maxLr: 0.5, minLr: 0.05, source: 'lrfind', confidence: 0.9 }, confirmation: confirmation({ maxLr: null, minLr: null, edge: null, stopped: true, probes: [] }) });
    expect(runWarnings(doc)).toEqual(["The confirmation probes were stopped by Ctrl-C after 0 finished probes: the bounds are the curve's, unconfirmed."]);
  });

  it('say when no probe trained', () => {
    const doc = findDoc({
      bounds: { maxLr: 0.5, minLr: 0.05, source: 'lrfind', confidence: 0.9 },
      confirmation: confirmation({ maxLr: null, minLr: null, edge: null, probes: [{ lr: 0.6, endLoss: 2, passed: false }, { lr: 0.46, endLoss: 1.5, passed: false }] }),
    });
    expect(runWarnings(doc)).toEqual(["No confirmation probe trained (2 probes, down to lr 0.46): the bounds are the curve's; lower them if training diverges."]);
  });
});

describe('how the sweep ended', () => {
  it('reads each stop reason', () => {
    expect(sweepNote(findDoc())).toBe('The sweep ran all 100 steps, lr 1e-7 → 1 in 1.2 s.');
    const diverged = findDoc({ stopReason: 'diverged' });
    diverged.curve = { lr: diverged.curve.lr.slice(0, 73), loss: diverged.curve.loss.slice(0, 73), smoothedLoss: diverged.curve.smoothedLoss.slice(0, 73), divergenceIndex: null };
    expect(sweepNote(diverged)).toBe(
      'The sweep stopped at step 73 of 100 (lr 1.2e-2): the loss diverged (its running average rose past 4 × its lowest), the usual end of a range test.',
    );
    expect(sweepNote({ ...diverged, stopReason: 'non-finite loss' })).toBe('The sweep stopped at step 73 of 100 (lr 1.2e-2): the loss became non-finite.');
  });

  it('says nothing for a curve from elsewhere', () => {
    const { backend, stopReason, seconds, optimizer, settings, ...curveOnly } = findDoc();
    void [backend, stopReason, seconds, optimizer, settings];
    expect(sweepNote(curveOnly)).toBeNull();
  });
});

describe('the probe table', () => {
  it('lists every probe in the order they ran, with its verdict, end loss and why it failed', () => {
    const table = probeTable(confirmation());
    expect(table.columns.map((c) => [c.heading, c.numeric === true])).toEqual([
      ['#', true], ['lr', true], ['verdict', false], ['end loss', true], ['why it failed', false],
    ]);
    expect(table.rows).toEqual([
      [1, '0.52', 'failed', '–', 'the loss became non-finite'],
      [2, '0.4', 'failed', '0.75', 'end loss 0.75 not below the target 0.5'],
      [3, '0.33', 'failed', '0.45', 'gave back its progress: the loss rose again before the end'],
      [4, '0.26', 'trained · confirmed', '0.3', ''],
    ]);
    // A check below that trained clearly better is the one confirmed; the pass above it stays "trained".
    const stepped = confirmation({ edge: 0.17, steppedDown: true, probes: [...confirmation().probes, { lr: 0.17, endLoss: 0.2, passed: true, check: true }] });
    expect(probeTable(stepped).rows.slice(3).map((r) => r[2])).toEqual(['trained', 'trained · confirmed (check)']);
    // A pass whose check did not train is luck: failed, and the table says why.
    const unbacked = confirmation({ probes: [{ lr: 0.4, endLoss: 0.3, passed: false, unbacked: true }, { lr: 0.26, endLoss: 0.9, passed: false, check: true }] });
    expect(probeTable(unbacked).rows.map((r) => [r[2], r[4]])).toEqual([
      ['failed', 'reached the target, but the check below it did not train: luck, not an edge'],
      ['failed (check)', 'the check did not train: it lowered the loss too little, or gave the progress back'],
    ]);
  });

  it('reads an end loss written as null (JSON has no NaN)', () => {
    expect(probeFailure({ endLoss: null, passed: false }, 1)).toBe('the loss became non-finite');
    expect(probeFailure({ endLoss: 1, passed: false }, 1)).toBe('end loss 1 not below the target 1');
  });
});

describe('the settings table', () => {
  it('lists what produced the run', () => {
    expect(settingsNumbers(findDoc(), {}, { examples: 1438 })).toEqual({
      model: 'mlp',
      data: 'digits (1438 training examples)',
      optimizer: 'SGD',
      'batch size': 64,
      'lr range': '1e-7 → 1',
      steps: 100,
      mode: 'exp (the lr grows exponentially)',
      seed: 3,
      'stop rule': 'running average of the loss (EMA, β 0.98) above 4 × its lowest',
      backend: 'cpu',
    });
    expect(settingsNumbers(findDoc({ settings: { ...SETTINGS, runs: 3, mode: 'linear' } }), {})).toMatchObject({ steps: '100 × 3 runs', mode: 'linear (the lr grows linearly)', data: 'digits' });
  });

  it('falls back to the labels of a curve read from elsewhere', () => {
    const doc = analysisFile(analyzeCurve({ lrs: findDoc().curve.lr, losses: findDoc().curve.loss }));
    expect(settingsNumbers(doc, { data: 'lr_finder.csv' })).toEqual({ data: 'lr_finder.csv', points: 100 });
  });
});

describe('the next step', () => {
  it('is the schedule line for the bounds, sized from the examples and the batch size', () => {
    const step = nextStepSection(findDoc(), { jsonPath: 'runs/my lr/range-test.json', examples: 1438 });
    expect(step.code).toEqual(["lrfind schedule onecycle --from 'runs/my lr/range-test.json' --epochs 10 --steps-per-epoch 23 --out 'runs/my lr/schedule'"]);
    expect(step.notes?.[1]).toBe("23 steps per epoch: 1438 examples at batch size 64. Set --epochs to your run's.");
  });

  it('asks for the run length when the examples are not known', () => {
    expect(nextStepSection(findDoc()).code).toEqual(['lrfind schedule onecycle --from range-test.json --total-steps TOTAL_STEPS --out schedule']);
  });

  it('without bounds, says what to change and gives the command to change', () => {
    const step = nextStepSection(findDoc({ bounds: null, warnings: [NEVER_FELL] }), { commandLine: 'lrfind find --model mlp --data digits' });
    expect(step.notes).toEqual([
      'There are no bounds to build a schedule from. Change what the warning says (loss never decreased — raise endLr, run more steps, or check the model and its data) and run the range test again.',
    ]);
    expect(step.code).toEqual(['lrfind find --model mlp --data digits']);
    expect(JSON.stringify(step)).not.toContain('schedule onecycle');
  });
});

describe('the page of a range test', () => {
  it('reads top-down: warnings, bounds, chart, settings with the command, probes, next step', () => {
    const sections = rangeTestSections(findDoc({ warnings: ['curve too noisy: use runs ≥ 3 (or a larger batch)'] }), {}, { commandLine: "lrfind find --model mlp --out 'a b'" });
    expect(sections.map((s) => s.heading)).toEqual(['How the run went', 'Bounds to train with', 'Loss against learning rate', 'Settings', 'Confirmation probes', 'Next step']);
    expect(sections[0]!.warnings).toEqual(['curve too noisy: use runs ≥ 3 (or a larger batch)']);
    expect(sections[0]!.notes).toEqual(['The sweep ran all 100 steps, lr 1e-7 → 1 in 1.2 s.', 'Confirmed by training: 0.26 trained (4 probes); the curve alone said max lr 0.5.']);
    expect(sections[1]!.numbers).toEqual({
      'max lr': '0.2', 'min lr': '2e-2', source: 'confirmed', confidence: '0.88', "the curve's own max lr": '0.5',
      'too small region': '1e-7 … 1e-3', 'good region': '1.2e-3 … 0.3',
    });
    expect(sections[1]!.footnotes).toEqual(["The rules' picks, for comparison: steepest 5e-2 · valley –."]);
    expect(sections[2]!.svgFile).toBe('range-test.svg');
    expect(sections[3]!.code).toEqual(["lrfind find --model mlp --out 'a b'"]);
  });

  it('has no probe section without probes, and says there were none', () => {
    const sections = rangeTestSections(findDoc({ confirmation: undefined, bounds: { maxLr: 0.5, minLr: 0.05, source: 'lrfind', confidence: 0.9 } }), {});
    expect(sections.map((s) => s.heading)).not.toContain('Confirmation probes');
    expect(sections[0]!.notes).toContain("No confirmation probes ran: the bounds are the curve's alone.");
  });

  it('is written as well-formed, escaped, self-contained HTML beside the chart', async () => {
    const { lrs, raw } = readDigitsCurve();
    const analysis = analyzeCurve({ lrs, losses: raw });
    const doc: RangeTestFile = { ...analysisFile(analysis), warnings: [...analysis.warnings, 'a <b> & "c"'] };
    const files = await rangeTestFiles(doc, { meta: { data: 'digits <peer>.csv' }, commandLine: "lrfind analyze 'digits <peer>.csv'", jsonPath: 'out/range-test.json' });
    expect(files.map((f) => f.name)).toEqual(['index.html', 'range-test.json', 'range-test.svg', 'range-test.vl.json']);
    const html = files[0]!.content as string;
    const root = parseXml(html);
    const headings = allElements(root).filter((e) => e.name === 'h2').map((e) => e.text);
    expect(headings).toEqual(['How the run went', 'Bounds to train with', 'Loss against learning rate', 'Settings', 'Next step']);
    const text = (e: XmlElement): string => [e.text, ...e.children.map(text)].join(' ');
    expect(allElements(root).filter((e) => e.name === 'li').map(text)).toContain('a <b> & "c"');
    expect(allElements(root).filter((e) => e.name === 'img').map((e) => e.attrs.src)).toEqual(['range-test.svg']);
    expect(allElements(root).filter((e) => e.name === 'code').map((e) => e.text)).toEqual([
      "lrfind analyze 'digits <peer>.csv'",
      'lrfind schedule onecycle --from out/range-test.json --total-steps TOTAL_STEPS --out out/schedule',
    ]);
    expect(html).not.toMatch(/<script|<link|@import|https?:|url\(/);
  });
});
