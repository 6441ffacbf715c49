// `lrfind compare` through the real binary: the JSON contract and files, the table, Ctrl-C, bad
// input. Runs are small (digits, mlp, a few hundred examples, one or two epochs, wasm).
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { COMPARE_RUNS } from '../../cli/commands/compare-plan.js';
import { studyTable } from '../../cli/ui/study-text.js';
import { ESCAPE, oneErrorLine, requireBuild, runCli, sigintWhen, tempDir } from './helpers.js';
import { allElements, parseXml } from '../reports/xml.js';
import type { EpochRecord as Epoch } from '../../src/study/train.js';


interface StudyJson {
  dataset: string;
  model: string;
  backend: { backend: string; reason: string };
  settings: { trainSize: number; validationSize: number; epochs: number; batchSize: number; seed: number; groups: string[]; only: string[] | null };
  rangeTest: {
    curve: { lr: number[] };
    bounds: { maxLr: number; minLr: number } | null;
    steps: number;
    stopReason: string;
    confirmation?: { maxLr: number | null; curveBounds: { maxLr: number } | null; probes: unknown[] };
  };
  maxLr: number;
  minLr: number;
  runs: { name: string; group: string; description: string; words: { optimizer: string; schedule: string; lr: string }; history: Epoch[]; final: Omit<Epoch, 'lr'> | null; seconds: number }[];
  stopped: boolean;
  seconds: number;
}

const SMALL = ['--data', 'digits', '--model', 'mlp', '--train-size', '300', '--validation-size', '100'];

let dir: string;

beforeAll(() => {
  requireBuild();
  dir = tempDir('lrfind-compare-');
});

describe('lrfind compare --json', () => {
  it('prints study.json and nothing else: every run with its history and final scores, and writes the report', async () => {
    const out = join(dir, 'json');
    const r = await runCli(['compare', ...SMALL, '--epochs', '2', '--only', 'adam,one-cycle,sgd', '--json', '--out', out]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toBe('');
    const doc = JSON.parse(r.stdout) as StudyJson;
    expect(doc).toMatchObject({ dataset: 'digits', model: 'mlp', stopped: false });
    expect(doc.settings).toEqual({ trainSize: 300, validationSize: 100, epochs: 2, batchSize: 64, seed: 0, groups: ['schedules', 'optimizers'], only: ['adam', 'one-cycle', 'sgd'] });
    expect(doc.rangeTest.steps).toBe(100);
    expect(doc.maxLr).toBe(doc.rangeTest.bounds!.maxLr);
    // The bounds were confirmed by probes (or are the curve's when none trained).
    const c = doc.rangeTest.confirmation!;
    expect(c.probes.length).toBeGreaterThan(0);
    expect(doc.maxLr).toBe(c.maxLr ?? c.curveBounds!.maxLr);
    expect(doc.minLr).toBe(doc.rangeTest.bounds!.minLr);
    // The study's order, not --only's.
    expect(doc.runs.map((run) => [run.group, run.name])).toEqual([['schedules', 'one-cycle'], ['optimizers', 'sgd'], ['optimizers', 'adam']]);
    for (const run of doc.runs) {
      expect(run.history.map((h) => h.epoch)).toEqual([1, 2]);
      const last = run.history[1]!;
      expect(run.final).toEqual({ epoch: 2, loss: last.loss, accuracy: last.accuracy, valLoss: last.valLoss, valAccuracy: last.valAccuracy });
      expect(last.valAccuracy).toBeGreaterThanOrEqual(0);
      expect(last.valAccuracy).toBeLessThanOrEqual(1);
      expect(run.description).not.toBe('');
      expect(run.seconds).toBeGreaterThan(0);
    }
    // The fixed-lr optimizers say so, and every epoch records its lr.
    expect(doc.runs[2]!.history.every((h) => h.lr === 0.001)).toBe(true);
    expect(doc.runs[0]!.history[1]!.lr).toBeLessThan(doc.minLr); // one-cycle ends far below its start

    const files = readdirSync(out).sort();
    expect(files).toEqual([
      'comparison-optimizers.svg', 'comparison-optimizers.vl.json', 'comparison-schedules.svg', 'comparison-schedules.vl.json',
      'comparison.svg', 'comparison.vl.json', 'index.html', 'range-test.svg', 'range-test.vl.json', 'study.json',
    ]);
    expect(JSON.parse(readFileSync(join(out, 'study.json'), 'utf8'))).toEqual(doc);
    const html = readFileSync(join(out, 'index.html'), 'utf8');
    for (const svg of files.filter((f) => f.endsWith('.svg'))) {
      expect(html).toContain(`src="${svg}"`);
      expect(readFileSync(join(out, svg), 'utf8')).toMatch(/^<svg[\s\S]*<\/svg>\s*$/);
    }
    const spec = JSON.parse(readFileSync(join(out, 'comparison.vl.json'), 'utf8')) as { datasets: { history: { run: string }[] } };
    expect(new Set(spec.datasets.history.map((d) => d.run.split(' — ')[0]))).toEqual(new Set(['schedules: one-cycle', 'optimizers: sgd', 'optimizers: adam']));

    // The page's table of all runs: one row per run, best final validation accuracy first, numbers right-aligned.
    const all = allElements(parseXml(html)).find((e) => e.name === 'section' && e.children[0]?.text === 'All runs')!;
    const rows = allElements(all).filter((e) => e.name === 'tbody').flatMap((b) => b.children);
    const best = [...doc.runs].sort((a, b) => b.final!.valAccuracy - a.final!.valAccuracy || a.final!.valLoss - b.final!.valLoss);
    expect(rows.map((row) => row.children[0]!.text)).toEqual(best.map((run) => `${run.group}: ${run.name}`));
    expect(rows.map((row) => row.children[4]!.text)).toEqual(best.map((run) => run.final!.valAccuracy.toFixed(3)));
    expect(rows.every((row) => row.children.slice(4).every((c) => c.attrs.class === 'num'))).toBe(true);
    expect(rows.find((row) => row.children[0]!.text === 'optimizers: adam')!.children.slice(1, 4).map((c) => c.text)).toEqual(['Adam', 'constant', '1e-3']);
    expect(doc.runs.find((run) => run.name === 'one-cycle')!.words).toMatchObject({ schedule: 'one-cycle', optimizer: 'SGD momentum 0.95 → 0.85 → 0.95' });
    // A group's chart shows each run in the colour it has in the chart of all runs.
    type ColorSpec = { spec: { layer: { encoding: { color: { scale: { domain: string[]; range: string[] } } } }[] } };
    const colors = (file: string): Record<string, string> => {
      const scale = (JSON.parse(readFileSync(join(out, file), 'utf8')) as ColorSpec).spec.layer[0]!.encoding.color.scale;
      return Object.fromEntries(scale.domain.map((label, i) => [label.split(' — ')[0], scale.range[i]]));
    };
    const everyRun = colors('comparison.vl.json');
    expect(new Set(Object.values(everyRun)).size).toBe(3);
    expect(colors('comparison-optimizers.vl.json')).toEqual({ 'optimizers: sgd': everyRun['optimizers: sgd'], 'optimizers: adam': everyRun['optimizers: adam'] });
  });
});

describe('lrfind compare, plain output', () => {
  it('shows each run and epoch, then a table of final accuracy and loss, and the report path; all of digits by default', async () => {
    const out = join(dir, 'plain');
    const r = await runCli(['compare', '--data', 'digits', '--model', 'mlp', '--epochs', '1', '--groups', 'optimizers', '--only', 'sgd,adam,cosine', '--out', out]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).not.toMatch(ESCAPE);
    const lines = r.stdout.trimEnd().split('\n');
    expect(lines[0]).toMatch(/^lrfind compare: mlp on digits \(1438 training, 359 validation examples\) · 2 runs of 1 epoch · batch 64 · backend \w+ \(.+\)$/);
    expect(lines.some((l) => /^bounds: max lr \S+ · min lr \S+ \(/.test(l))).toBe(true);
    expect(lines).toContain('[1/2] sgd (optimizers)');
    expect(lines).toContain('[2/2] adam (optimizers)');
    expect(lines.filter((l) => /^  epoch 1\/1  lr /.test(l))).toHaveLength(2);
    const header = lines.findIndex((l) => /^  run +val acc +val loss +train loss +epochs +what$/.test(l));
    expect(header).toBeGreaterThan(0);
    const rows = lines.slice(header + 1, header + 3);
    expect(rows.every((l) => /^[* ] optimizers: (sgd|adam) +\d\.\d{3} +\S+ +\S+ +1  \S/.test(l))).toBe(true);
    expect(rows[0]!.startsWith('*')).toBe(true);
    expect(lines.at(-1)).toMatch(/^2 runs in \S+ — report: .*index\.html$/);
    expect(existsSync(join(out, 'comparison-optimizers.svg'))).toBe(false); // one group: one comparison
    expect(existsSync(join(out, 'comparison.svg'))).toBe(true);
  });

});

describe('lrfind compare and Ctrl-C', () => {
  it('stops after the current epoch, writes the finished runs and exits 130', async () => {
    const out = join(dir, 'sigint');
    const interrupt = sigintWhen('epoch  2/40');
    const r = await runCli(['compare', ...SMALL, '--epochs', '40', '--only', 'constant,adam', '--out', out], { onStdout: interrupt.onStdout });
    expect(interrupt.sent).toBe(true);
    expect(r.code, r.stderr).toBe(130);
    expect(r.stdout).toContain('stopping after this epoch (Ctrl-C)');
    expect(r.stdout).toContain('stopped by Ctrl-C: 0 of 2 runs finished');
    const doc = JSON.parse(readFileSync(join(out, 'study.json'), 'utf8')) as StudyJson;
    expect(doc.stopped).toBe(true);
    expect(doc.runs.map((x) => x.name)).toEqual(['constant']);
    expect(doc.runs[0]!.history.length).toBeGreaterThanOrEqual(2);
    expect(doc.runs[0]!.history.length).toBeLessThan(40);
    expect(readFileSync(join(out, 'index.html'), 'utf8')).toContain('by Ctrl-C');
  });
});

describe('lrfind compare bad input: one line on stderr, exit 2, nothing written', () => {
  const cases: [string, string[], string][] = [
    ['unknown run', ['--only', 'adam,lion'], 'lrfind: --only: unknown run "lion"; choose from constant, linear, exponential, cosine, sgdr, one-cycle, warmup-cosine-tail, sgd, sgd-nesterov-decay, sgd-nesterov-decay-lr/10, rmsprop, adam'],
    ['empty list item', ['--only', 'adam,'], 'lrfind: --only must be a comma-separated list without empty items, got "adam,"'],
    ['unknown group', ['--groups', 'schedules,losses'], 'lrfind: --groups must list schedules, optimizers, got "losses"'],
    ['no run left', ['--groups', 'schedules', '--only', 'adam'], 'lrfind: --only adam names no run of --groups schedules'],
    ['zero epochs', ['--epochs', '0'], 'lrfind: --epochs must be an integer ≥ 1, got 0'],
    ['bad number', ['--train-size', 'many'], 'lrfind: --train-size must be a number, got "many"'],
    ['zero batch', ['--batch-size', '0'], 'lrfind: --batch-size must be an integer ≥ 1, got 0'],
    ['unknown data', ['--data', 'cifar'], 'lrfind: --data must be one of mnist, fashion-mnist, digits, got "cifar"'],
    ['unknown model', ['--model', 'resnet'], 'lrfind: --model must be one of vgg-mini, cnn, mlp, got "resnet"'],
  ];
  it.concurrent.each(cases)('%s', async (name, args, message) => {
    const out = join(dir, `bad-${name.replace(/\W/g, '-')}`);
    const r = await runCli(['compare', ...args, '--out', out]);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(oneErrorLine(r.stderr)).toBe(message);
    expect(existsSync(out)).toBe(false);
  });

  it('a validation subset larger than the data names the flag', async () => {
    const out = join(dir, 'too-big');
    const r = await runCli(['compare', '--data', 'digits', '--model', 'mlp', '--validation-size', '1000', '--json', '--out', out]);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(oneErrorLine(r.stderr)).toBe('lrfind: --validation-size must be ≤ 359 (the size of the validation split of digits), got 1000');
    expect(existsSync(out)).toBe(false);
  });

  it('a missing dataset folder is one line naming the folder, exit 2', async () => {
    const r = await runCli(['compare', '--data', 'mnist', '--data-dir', join(dir, 'no-such-dir'), '--json', '--out', join(dir, 'no-data')]);
    expect(r.code).toBe(2);
    expect(oneErrorLine(r.stderr)).toMatch(/^lrfind: .*no-such-dir/);
  });
});

describe('lrfind compare --help', () => {
  it('prints usage, the flags with defaults, the run names and examples on stdout', async () => {
    const r = await runCli(['compare', '--help']);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    expect(r.stdout).toMatch(/^Usage: lrfind compare \[options\]/);
    for (const flag of ['--data', '--model', '--train-size <n>', '--validation-size <n>', '--epochs <n>', '--batch-size <n>', '--groups', '--only', '--data-dir <dir>', '--out <dir>', '--json']) {
      expect(r.stdout).toContain(flag);
    }
    for (const run of [...COMPARE_RUNS.schedules, ...COMPARE_RUNS.optimizers]) expect(r.stdout).toContain(run);
    expect(r.stdout).toContain('(default mnist)');
    expect(r.stdout).toContain('(default vgg-mini)');
  });
});

describe('studyTable', () => {
  it('groups runs, best validation accuracy first with a star, and marks cut-short runs', () => {
    const run = (name: string, group: string, valAccuracy: number, epochs = 3) => ({
      name, group, description: `${name} run`, epochs, final: { valAccuracy, valLoss: 1 - valAccuracy, loss: 0.5 },
    });
    const lines = studyTable([run('a', 'g1', 0.5), run('b', 'g1', 0.9), run('c', 'g2', 0.7, 2), { name: 'd', group: 'g2', description: 'd run', epochs: 0, final: null }], 3);
    expect(lines).toEqual([
      '  run    val acc  val loss  train loss  epochs  what',
      '* g1: b    0.900       0.1         0.5       3  b run',
      '  g1: a    0.500       0.5         0.5       3  a run',
      '',
      '* g2: c    0.700       0.3         0.5     2/3  c run',
      '  g2: d        –         –           –     0/3  d run',
    ]);
  });
});
