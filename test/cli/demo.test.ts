// `lrfind demo` through the real binary: the JSON contract and files, plain output, Ctrl-C, bad
// input. Runs are small (--train-size 300, one or two epochs, wasm).
import { existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { ESCAPE, oneErrorLine, requireBuild, runCli, sigintWhen, tempDir } from './helpers.js';
import { allElements, parseXml } from '../reports/xml.js';
import type { EpochRecord as Epoch } from '../../src/study/train.js';


interface DemoJson {
  dataset: string;
  model: string;
  optimizer: string;
  backend: { backend: string; reason: string };
  settings: { epochs: number; seed: number; trainSize: number | null };
  rangeTest: {
    curve: { lr: number[]; loss: number[] };
    bounds: { maxLr: number; minLr: number; source: string } | null;
    rules: Record<string, number | null>;
    stopReason: string;
    steps: number;
    confirmation?: { maxLr: number | null; edge: number | null; curveBounds: { maxLr: number } | null; probes: { lr: number; passed: boolean }[] };
  };
  schedule: { name: string; maxLr: number; minLr: number; totalSteps: number; stepsPerEpoch: number; phases: { name: string; startStep: number; endStep: number }[] };
  history: Epoch[];
  initialAccuracy: number;
  accuracy: number;
  stopped: boolean;
  seconds: number;
}

const FILES = ['demo.json', 'index.html', 'range-test.svg', 'range-test.vl.json', 'schedule.svg', 'schedule.vl.json', 'training.svg', 'training.vl.json'];
const SMALL = ['--train-size', '300'];

let dir: string;

beforeAll(() => {
  requireBuild();
  dir = tempDir('lrfind-demo-');
});

describe('lrfind demo --json', () => {
  it('prints demo.json and nothing else, and writes the report', async () => {
    const out = join(dir, 'json');
    const r = await runCli(['demo', '--epochs', '2', ...SMALL, '--json', '--out', out]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toBe('');
    const doc = JSON.parse(r.stdout) as DemoJson;
    expect(doc).toMatchObject({ dataset: 'digits', model: 'cnn', optimizer: 'SGD + momentum 0.9', stopped: false });
    expect(doc.settings).toEqual({ epochs: 2, seed: 0, trainSize: 300 });
    expect(['wasm', 'tensorflow', 'cpu']).toContain(doc.backend.backend);
    expect(doc.backend.reason).not.toBe('');
    expect(doc.rangeTest.steps).toBe(100);
    expect(doc.rangeTest.curve.lr).toHaveLength(doc.rangeTest.curve.loss.length);
    const s = doc.rangeTest.bounds!;
    expect(s.minLr).toBeLessThan(s.maxLr);
    // Probes confirmed the max lr, and the schedule trains with the confirmed bounds.
    const c = doc.rangeTest.confirmation!;
    expect(c.probes.length).toBeGreaterThan(0);
    expect(c.curveBounds!.maxLr).toBe(doc.rangeTest.rules['lrfind']);
    if (c.maxLr !== null) expect(s).toMatchObject({ maxLr: c.maxLr, source: 'confirmed' });
    else expect(s.maxLr).toBe(c.curveBounds!.maxLr);
    // The schedule is built from the recommended bounds: 300 examples in batches of 32 → 10 steps.
    expect(doc.schedule).toMatchObject({ name: 'one-cycle', maxLr: s.maxLr, minLr: s.minLr, stepsPerEpoch: 10, totalSteps: 20 });
    expect(doc.schedule.phases.map((p) => p.name)).toEqual(['warmup', 'anneal']);
    expect(doc.schedule.phases.at(-1)!.endStep).toBe(20);
    expect(doc.history.map((h) => h.epoch)).toEqual([1, 2]);
    for (const h of doc.history) {
      for (const v of [h.loss, h.valLoss, h.lr]) expect(Number.isFinite(v)).toBe(true);
      for (const v of [h.accuracy, h.valAccuracy]) expect(v).toBeGreaterThanOrEqual(0), expect(v).toBeLessThanOrEqual(1);
    }
    expect(doc.accuracy).toBe(doc.history[1]!.valAccuracy);
    expect(doc.initialAccuracy).toBeLessThan(0.3); // untrained: about chance (10 classes)
    expect(doc.seconds).toBeGreaterThan(0);

    expect(readdirSync(out).sort()).toEqual(FILES);
    expect(JSON.parse(readFileSync(join(out, 'demo.json'), 'utf8'))).toEqual(doc);
    const html = readFileSync(join(out, 'index.html'), 'utf8');
    for (const svg of ['range-test.svg', 'schedule.svg', 'training.svg']) {
      expect(html).toContain(`src="${svg}"`);
      expect(readFileSync(join(out, svg), 'utf8')).toMatch(/^<svg[\s\S]*<\/svg>\s*$/);
    }
    expect(html).toContain('val accuracy after');
    // The range test's probes, one row each, in the order they ran.
    const probeRows = allElements(parseXml(html)).filter((e) => e.name === 'tbody').flatMap((b) => b.children);
    const verdict = (p: { lr: number; passed: boolean; check?: boolean }) => `${p.passed ? (p.lr === c.edge ? 'trained · confirmed' : 'trained') : 'failed'}${p.check ? ' (check)' : ''}`;
    expect(probeRows.map((row) => row.children[2]!.text)).toEqual(c.probes.map(verdict));
    const spec = JSON.parse(readFileSync(join(out, 'training.vl.json'), 'utf8')) as { datasets: { history: { epoch: number }[] } };
    expect(new Set(spec.datasets.history.map((d) => d.epoch))).toEqual(new Set([1, 2]));
  });
});

describe('lrfind demo --no-confirm', () => {
  it("trains with the curve's bounds, without probes", async () => {
    const r = await runCli(['demo', '--epochs', '1', ...SMALL, '--no-confirm', '--json', '--out', join(dir, 'no-confirm')]);
    expect(r.code, r.stderr).toBe(0);
    const doc = JSON.parse(r.stdout) as DemoJson;
    expect(doc.rangeTest.confirmation).toBeUndefined();
    expect(doc.rangeTest.bounds).toMatchObject({ source: 'lrfind', maxLr: doc.rangeTest.rules['lrfind'] });
    expect(doc.schedule.maxLr).toBe(doc.rangeTest.bounds!.maxLr);
  });
});

describe('lrfind demo, plain output', () => {
  it('shows the backend, the sweep, each epoch and ends with the accuracy and the report path', async () => {
    const out = join(dir, 'plain');
    const r = await runCli(['demo', '--epochs', '1', ...SMALL, '--out', out]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).not.toMatch(ESCAPE);
    const lines = r.stdout.trimEnd().split('\n');
    expect(lines[0]).toMatch(/^lrfind demo: cnn on digits · SGD \+ momentum 0\.9 · backend \w+ \(.+\)$/);
    expect(lines).toContain('range test: 100 steps, lr growing exponentially');
    expect(lines.filter((l) => /^ +\d+%  step \d+\/100  lr /.test(l))).toHaveLength(4);
    expect(lines.some((l) => /^bounds: max lr \S+ · min lr \S+ \(lrfind, /.test(l))).toBe(true);
    expect(lines.some((l) => /^ {2}confirming max lr: probe 1 of ≤ 18 at lr \S+$/.test(l))).toBe(true);
    expect(lines.some((l) => /^confirmed by training: /.test(l))).toBe(true);
    expect(lines).toContain('one-cycle training, 1 epoch:');
    expect(lines.some((l) => /^  epoch 1\/1  lr \S+  loss \S+  val loss \S+  val acc \d\.\d{3}$/.test(l))).toBe(true);
    expect(lines.at(-1)).toMatch(new RegExp(`^accuracy \\d\\.\\d{3} after 1 epoch \\(\\d\\.\\d{3} before training; chance 0\\.100\\) — report: ${join(out, 'index.html').replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`));
    expect(lines.length).toBeLessThan(20);
    expect(readdirSync(out).sort()).toEqual(FILES);
  });
});

describe('lrfind demo and Ctrl-C', () => {
  it('stops after the current epoch, writes what finished and exits 130', async () => {
    const out = join(dir, 'sigint');
    const interrupt = sigintWhen('epoch  1/50');
    const r = await runCli(['demo', '--epochs', '50', ...SMALL, '--out', out], { onStdout: interrupt.onStdout });
    expect(interrupt.sent).toBe(true);
    expect(r.code, r.stderr).toBe(130);
    expect(r.stdout).toContain('stopping after this epoch (Ctrl-C)');
    expect(r.stdout).toMatch(/stopped by Ctrl-C after \d+ of 50 epochs/);
    const doc = JSON.parse(readFileSync(join(out, 'demo.json'), 'utf8')) as DemoJson;
    expect(doc.stopped).toBe(true);
    expect(doc.history.length).toBeGreaterThanOrEqual(1);
    expect(doc.history.length).toBeLessThan(50);
    expect(readdirSync(out).sort()).toEqual(FILES);
  });
});

describe('lrfind demo and Ctrl-C during the range test', () => {
  it('stops the sweep and trains nothing; exit 130', async () => {
    const out = join(dir, 'sigint-sweep');
    const interrupt = sigintWhen(' 25%');
    const r = await runCli(['demo', '--out', out], { onStdout: interrupt.onStdout });
    expect(interrupt.sent).toBe(true);
    expect(r.code, r.stderr).toBe(130);
    expect(r.stdout).toContain('stopping after this step (Ctrl-C)');
    expect(r.stdout).toMatch(/range test stopped: \d+ steps/);
    expect(r.stdout).not.toContain('one-cycle training');
    // The partial curve may or may not give bounds: either way nothing is trained.
    if (existsSync(join(out, 'demo.json'))) {
      const doc = JSON.parse(readFileSync(join(out, 'demo.json'), 'utf8')) as DemoJson;
      expect(doc.stopped).toBe(true);
      expect(doc.history).toEqual([]);
      expect(doc.rangeTest.stopReason).toBe('stopped');
      expect(r.stdout).toContain('no epoch trained');
    } else {
      expect(oneErrorLine(r.stderr)).toBe('lrfind: stopped (Ctrl-C) during the range test, before it gave bounds; nothing written');
    }
  });
});

describe('lrfind demo bad input: one line on stderr, exit 2, nothing written', () => {
  const cases: [string, string[], string][] = [
    ['zero epochs', ['--epochs', '0'], 'lrfind: --epochs must be an integer ≥ 1, got 0'],
    ['fractional epochs', ['--epochs', '1.5'], 'lrfind: --epochs must be an integer, got 1.5'],
    ['negative seed', ['--seed', '-1'], 'lrfind: --seed must be an integer ≥ 0, got -1'],
    ['unknown flag', ['--epoch', '3'], 'lrfind: unknown flag --epoch (did you mean --epochs?)'],
    ['bad backend', ['--backend', 'gpu'], 'lrfind: --backend must be one of auto, tensorflow, webgpu, wasm, cpu, got "gpu"'],
    ['positional', ['digits'], 'lrfind: unexpected argument "digits" (see lrfind demo --help)'],
  ];
  it.concurrent.each(cases)('%s', async (_name, args, message) => {
    const out = join(dir, `bad-${_name.replace(/\W/g, '-')}`);
    const r = await runCli(['demo', ...args, '--out', out]);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(oneErrorLine(r.stderr)).toBe(message);
    expect(existsSync(out)).toBe(false);
  });

  it('a training subset larger than the data names the flag', async () => {
    const out = join(dir, 'too-big');
    const r = await runCli(['demo', '--train-size', '5000', '--json', '--out', out]);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(oneErrorLine(r.stderr)).toBe('lrfind: --train-size must be ≤ 1438 (the size of the training split of digits), got 5000');
    expect(existsSync(out)).toBe(false);
  });

  it('--out naming a file is refused before any work', async () => {
    const file = join(dir, 'a-file');
    writeFileSync(file, 'x');
    const r = await runCli(['demo', '--out', file]);
    expect(r.code).toBe(2);
    expect(oneErrorLine(r.stderr)).toBe(`lrfind: --out ${file} is a file, not a folder`);
  });
});

describe('lrfind demo --help', () => {
  it('prints usage, every flag with its default, and examples on stdout', async () => {
    const r = await runCli(['demo', '--help']);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    expect(r.stdout).toMatch(/^Usage: lrfind demo \[options\]/);
    for (const flag of ['--epochs <n>', '--train-size <n>', '--seed <n>', '--backend', '--out <dir>', '--json']) expect(r.stdout).toContain(flag);
    expect(r.stdout).toContain('(default 8)');
    expect(r.stdout).toContain('(default ./lrfind-out/demo)');
    expect(r.stdout).toContain('Examples:');
  });
});
