// `lrfind find` through the real binary: the JSON contract, plain output, Ctrl-C, model files and
// every kind of bad input. Runs are small (digits, mlp, ≤ 400 steps, cpu backend).
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, readdirSync, writeFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { writeCsvData, writeLayersModel, writeModelModule } from './fixtures.js';
import type { ConfirmationPart as ConfirmationJson } from '../../src/range-test/file.js';
import { formatLoss, formatLr } from '../../src/format.js';
import { ESCAPE, oneErrorLine, requireBuild, runCli, sigintWhen, tempDir } from './helpers.js';
import { allElements, parseXml } from '../reports/xml.js';

// Short sweeps read as planned (--no-escalate): these tests are about the contract, not the escalation.
const SMALL = ['--data', 'digits', '--num-iter', '20', '--backend', 'cpu', '--no-escalate'];

interface FindJson {
  escalations?: { action: string; reason: string; done: string; steps: number }[];
  curve: { lr: number[]; loss: number[]; smoothedLoss: number[] };
  regions: { kind: string; minLr: number; maxLr: number }[];
  bounds: { maxLr: number; minLr: number; source: string; confidence: number } | null;
  rules: Record<string, number | null>;
  warnings: string[];
  backend: string;
  stopReason: string;
  seconds: number;
}

let dir: string;
let modelJson: string;
let digitsShapedModel: string;
let moduleModel: string;
let csv: string;

const sha = (path: string): string => createHash('sha256').update(readFileSync(path)).digest('hex');

beforeAll(async () => {
  requireBuild();
  dir = tempDir();
  // Input [10]: does not fit digits' [8, 8, 1].
  modelJson = await writeLayersModel(join(dir, 'model-10'), [10], 10);
  digitsShapedModel = await writeLayersModel(join(dir, 'model-digits'), [8, 8, 1], 10);
  moduleModel = writeModelModule(join(dir, 'model.mjs'));
  csv = writeCsvData(join(dir, 'iris-like.csv'));
});

describe('lrfind find --json', () => {
  it('prints exactly one JSON document with the contract fields, and writes the report', async () => {
    const out = join(dir, 'json-out');
    const r = await runCli(['find', '--model', 'mlp', ...SMALL, '--json', '--out', out]);
    expect(r.code, r.stderr).toBe(0);
    const doc = JSON.parse(r.stdout) as FindJson; // throws if stdout holds anything else
    expect(doc.curve.lr).toHaveLength(20);
    expect(doc.curve.loss).toHaveLength(20);
    expect(doc.curve.smoothedLoss).toHaveLength(20);
    expect(doc.curve.lr[0]).toBeCloseTo(1e-7, 20);
    expect(doc.curve.lr[19]).toBeCloseTo(1, 12);
    for (const region of doc.regions) {
      expect(['too-small', 'good', 'too-large']).toContain(region.kind);
      expect(region.minLr).toBeLessThanOrEqual(region.maxLr);
    }
    if (doc.bounds !== null) {
      expect(Object.keys(doc.bounds).sort()).toEqual(['confidence', 'maxLr', 'minLr', 'source']);
      expect(doc.bounds.minLr).toBeLessThan(doc.bounds.maxLr);
    }
    for (const rule of ['steepest', 'valley', 'minimum', 'slide']) {
      expect(doc.rules).toHaveProperty(rule);
      const v = doc.rules[rule];
      expect(v === null || typeof v === 'number').toBe(true);
    }
    expect(Array.isArray(doc.warnings)).toBe(true);
    expect(doc.backend).toBe('cpu');
    expect(['completed', 'diverged', 'non-finite loss']).toContain(doc.stopReason);
    expect(doc.seconds).toBeGreaterThan(0);
    expect(readdirSync(out).sort()).toEqual(['index.html', 'range-test.json', 'range-test.svg', 'range-test.vl.json']);
    expect(JSON.parse(readFileSync(join(out, 'range-test.json'), 'utf8'))).toEqual(doc);
    expect(readFileSync(join(out, 'range-test.svg'), 'utf8')).toMatch(/^<svg/);
    expect(readFileSync(join(out, 'index.html'), 'utf8')).toContain('src="range-test.svg"');
  });

  it('confirms the max lr by probes by default: the bounds are the passing candidate / 1.3, and the text and report say so', async () => {
    const out = join(dir, 'confirm-out');
    const r = await runCli(['find', '--model', 'mlp', '--data', 'digits', '--backend', 'cpu', '--json', '--out', out]);
    expect(r.code, r.stderr).toBe(0);
    const doc = JSON.parse(r.stdout) as FindJson & { confirmation: ConfirmationJson };
    const c = doc.confirmation;
    expect(c.probes.length).toBeGreaterThan(0);
    const first = c.probes.findIndex((p) => p.passed); // an MLP on digits trains near its rise
    expect(first).toBeGreaterThanOrEqual(0);
    expect(c.probes.slice(0, first).every((p) => !p.passed)).toBe(true);
    expect(c.probes).toHaveLength(first + 2); // then one check a ladder² below
    const edge = c.probes[first + (c.steppedDown ? 1 : 0)]!;
    expect(c.edge).toBe(edge.lr);
    expect(c.maxLr).toBeCloseTo(c.edge! / 1.3, 12);
    expect(c.minLr).toBeCloseTo(c.maxLr! / 10, 12);
    expect(edge.endLoss).toBeLessThan(c.target);
    // The recommended bounds are the confirmed ones; the curve's stay in the confirmation.
    expect(doc.bounds).toMatchObject({ maxLr: c.maxLr, minLr: c.minLr, source: 'confirmed' });
    expect(c.curveBounds!.maxLr).toBe(doc.rules['lrfind']);
    const spec = readFileSync(join(out, 'range-test.vl.json'), 'utf8');
    expect(spec).toContain('"probe_trained"');
    // The page: a row per probe, the command that made it, and the schedule line to run next.
    const page = parseXml(readFileSync(join(out, 'index.html'), 'utf8'));
    const elements = allElements(page);
    expect(elements.filter((e) => e.name === 'h2').map((e) => e.text)).toEqual([
      'How the run went', 'Bounds to train with', 'Loss against learning rate', 'Settings', 'Confirmation probes', 'Next step',
    ]);
    const probeRows = elements.filter((e) => e.name === 'tbody').flatMap((b) => b.children);
    const verdict = (p: (typeof c.probes)[number]) => `${p.passed ? (p.lr === c.edge ? 'trained · confirmed' : 'trained') : 'failed'}${p.check ? ' (check)' : ''}`;
    expect(probeRows.map((row) => row.children[2]!.text)).toEqual(c.probes.map(verdict));
    expect(elements.filter((e) => e.name === 'code').map((e) => e.text)).toEqual([
      `lrfind find --model mlp --data digits --backend cpu --json --out ${out}`,
      `lrfind schedule onecycle --from ${join(out, 'range-test.json')} --epochs 10 --steps-per-epoch 23 --out ${join(out, 'schedule')}`,
    ]);
    const dataRow = elements.find((e) => e.name === 'tr' && e.children[0]?.text === 'data');
    expect(dataRow?.children[1]?.text).toBe('digits (1438 training examples)');

    const text = await runCli(['find', '--model', 'mlp', '--data', 'digits', '--backend', 'cpu', '--out', join(dir, 'confirm-text')], { env: { NO_COLOR: '1' } });
    expect(text.code, text.stderr).toBe(0);
    expect(text.stdout).toMatch(/^bounds: max lr \S+ · min lr \S+ \(confirmed, confidence [\d.]+\)$/m);
    expect(text.stdout).toMatch(/^confirmed by training: \S+ trained(, clearly better than \S+ above it)? \(\d+ probes?\); the curve alone said max lr \S+$/m);
    expect(text.stdout).toMatch(/^ {2}confirming max lr: probe 1 of ≤ 18 at lr \S+$/m);
    // The README's first example: its loss still falls at lr 1, so the sweep goes on, and every output says so.
    const extended = /^The loss was still falling at endLr 1, so lrfind swept on to lr \S+ \(\+\d+ steps\)\.$/m;
    expect(text.stdout).toMatch(extended);
    expect(doc.escalations?.[0]).toMatchObject({ action: 'extend', reason: 'the loss was still falling at endLr 1' });
    expect(doc.curve.lr.at(-1)!).toBeGreaterThan(1);
    expect(elements.filter((e) => e.name === 'p').map((e) => e.text)).toContainEqual(expect.stringMatching(extended));
  });

  it("--no-confirm gives the curve's bounds alone, without probes", async () => {
    const out = join(dir, 'no-confirm');
    const r = await runCli(['find', '--model', 'mlp', '--data', 'digits', '--backend', 'cpu', '--no-confirm', '--json', '--out', out]);
    expect(r.code, r.stderr).toBe(0);
    const doc = JSON.parse(r.stdout) as FindJson & { confirmation?: ConfirmationJson };
    expect(doc.confirmation).toBeUndefined();
    expect(doc.bounds).toMatchObject({ maxLr: doc.rules['lrfind'], source: 'lrfind' });
    expect(readFileSync(join(out, 'range-test.vl.json'), 'utf8')).not.toContain('probe_');
    const text = await runCli(['find', '--model', 'mlp', ...SMALL, '--no-confirm', '--out', join(dir, 'no-confirm-text')]);
    expect(text.stdout).not.toMatch(/confirming|confirmed/);
  });

  it('--no-escalate reads the planned sweep as it is: the README example then ends still falling, and says so', async () => {
    const r = await runCli(['find', '--model', 'mlp', '--data', 'digits', '--backend', 'cpu', '--no-confirm', '--no-escalate', '--json', '--out', join(dir, 'no-escalate')]);
    expect(r.code, r.stderr).toBe(0);
    const doc = JSON.parse(r.stdout) as FindJson;
    expect(doc.escalations).toBeUndefined();
    expect(doc.curve.lr).toHaveLength(100);
    expect(doc.warnings).toContain('loss still falling at the end of the sweep: raise endLr');
  });

  it('loads a model.json (compiled with --optimizer) and never modifies it', async () => {
    const before = { json: sha(digitsShapedModel), weights: sha(join(dir, 'model-digits', 'weights.bin')) };
    const r = await runCli(['find', '--model', digitsShapedModel, ...SMALL, '--optimizer', 'adam', '--json', '--out', join(dir, 'layers-out')]);
    // These short sweeps may end before the loss falls: then no bounds, exit 3 (the model loading is what is tested).
    expect([0, 3], r.stderr).toContain(r.code);
    expect((JSON.parse(r.stdout) as FindJson).curve.lr).toHaveLength(20);
    expect((JSON.parse(r.stdout) as FindJson).bounds === null).toBe(r.code === 3);
    expect({ json: sha(digitsShapedModel), weights: sha(join(dir, 'model-digits', 'weights.bin')) }).toEqual(before);
  });

  it('builds the model from a module exporting createModel, on CSV data with a named label', async () => {
    const r = await runCli(['find', '--model', moduleModel, '--data', csv, '--label', 'species', '--num-iter', '20', '--batch-size', '32', '--backend', 'cpu', '--no-escalate', '--json', '--out', join(dir, 'module-out')]);
    // These short sweeps may end before the loss falls: then no bounds, exit 3 (the model loading is what is tested).
    expect([0, 3], r.stderr).toContain(r.code);
    expect((JSON.parse(r.stdout) as FindJson).curve.loss).toHaveLength(20);
  });
});

describe('lrfind find: built-in models on a CSV of flat features', () => {
  it('the mlp takes the flat features as they are and trains', async () => {
    const r = await runCli(['find', '--model', 'mlp', '--data', csv, '--label', 'species', '--num-iter', '20', '--batch-size', '32', '--no-confirm', '--backend', 'cpu', '--no-escalate', '--json', '--out', join(dir, 'mlp-csv')]);
    // These short sweeps may end before the loss falls: then no bounds, exit 3 (the model loading is what is tested).
    expect([0, 3], r.stderr).toContain(r.code);
    const doc = JSON.parse(r.stdout) as FindJson;
    expect(doc.bounds === null).toBe(r.code === 3);
    expect(doc.curve.loss).toHaveLength(20);
    expect(doc.curve.loss.every(Number.isFinite)).toBe(true);
  });

  it('gives no bounds for a curve that has none: bounds null in the JSON, one warning saying why, exit 3, the report written', async () => {
    const out = join(dir, 'no-bounds');
    const r = await runCli(['find', '--model', 'mlp', '--data', 'digits', '--num-iter', '12', '--end-lr', '1e-4', '--no-confirm', '--no-escalate', '--backend', 'cpu', '--out', out], { env: { NO_COLOR: '1' } });
    expect(r.code, r.stderr).toBe(3);
    expect(r.stdout).toContain('bounds: none (see the warnings)');
    expect(r.stdout).toContain('warning: loss never decreased, so there are no bounds: raise endLr, run more steps, or check the model and its data');
    expect(r.stdout).not.toMatch(/max lr/);
    const doc = JSON.parse(readFileSync(join(out, 'range-test.json'), 'utf8')) as FindJson;
    expect(doc.bounds).toBeNull();
    expect(doc.warnings).toEqual(['loss never decreased, so there are no bounds: raise endLr, run more steps, or check the model and its data']);
    expect(readFileSync(join(out, 'range-test.svg'), 'utf8')).toContain('no bounds');
    // The page says it first, and its next step is the command to change, not a schedule.
    const html = readFileSync(join(out, 'index.html'), 'utf8');
    const elements = allElements(parseXml(html));
    expect(elements.filter((e) => e.name === 'li').map((e) => e.text)).toEqual(['no bounds: loss never decreased — raise endLr, run more steps, or check the model and its data']);
    expect(elements.filter((e) => e.name === 'code').map((e) => e.text)).toEqual([
      `lrfind find --model mlp --data digits --num-iter 12 --end-lr 1e-4 --no-confirm --no-escalate --backend cpu --out ${out}`,
      `lrfind find --model mlp --data digits --num-iter 12 --end-lr 1e-4 --no-confirm --no-escalate --backend cpu --out ${out}`,
    ]);
    expect(html).not.toContain('schedule onecycle');
  });
});

describe('lrfind find without a terminal', () => {
  it('prints a few plain lines (start, every 25 %, summary) with no escape codes', async () => {
    const out = join(dir, 'plain-out');
    const r = await runCli(['find', '--model', 'mlp', ...SMALL, '--out', out], { env: { NO_COLOR: '1' } });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).not.toMatch(ESCAPE);
    expect(r.stderr).not.toMatch(ESCAPE);
    const lines = r.stdout.trim().split('\n');
    expect(lines[0]).toBe('lrfind find: mlp on digits (1438 examples, 10 classes) · sgd · cpu · lr 1e-7 → 1 over 20 steps');
    expect(lines.filter((l) => /^ +\d+%  step /.test(l)).map((l) => l.trim().split(' ')[0])).toEqual(['25%', '50%', '75%', '100%']);
    expect(lines).toContain(`report: ${join(out, 'index.html')}`);
    expect(lines.some((l) => l.startsWith('bounds: '))).toBe(true);
    expect(lines.length).toBeLessThan(30);
  });

  it('shows one smoothing: the progress lines and the summary quote the smoothed curve of range-test.json', async () => {
    const out = join(dir, 'one-smoothing');
    const r = await runCli(['find', '--model', 'mlp', '--data', 'digits', '--num-iter', '60', '--backend', 'cpu', '--no-confirm', '--no-escalate', '--out', out], { env: { NO_COLOR: '1' } });
    expect(r.code, r.stderr).toBe(0);
    const doc = JSON.parse(readFileSync(join(out, 'range-test.json'), 'utf8')) as FindJson;
    const smoothed = doc.curve.smoothedLoss;
    const low = smoothed.indexOf(Math.min(...smoothed));
    const last = r.stdout.split('\n').find((l) => l.startsWith('  100%'))!;
    expect(last).toBe(`  100%  step 60/60  lr 1  loss ${formatLoss(doc.curve.loss.at(-1)!)}  smoothed ${formatLoss(smoothed.at(-1)!)} (lowest ${formatLoss(smoothed[low]!)})`);
    expect(r.stdout).toContain(`\nsmoothed loss: ${formatLoss(smoothed[0]!)} at the start, lowest ${formatLoss(smoothed[low]!)} at lr ${formatLr(doc.curve.lr[low]!)}\n`);
    expect(r.stdout).not.toMatch(/\bbest\b/);
  });
});

describe('lrfind find and Ctrl-C', () => {
  it('stops the probes on SIGINT: the curve and its own bounds are written, the confirmation marked stopped, exit code 130', async () => {
    const out = join(dir, 'sigint-probes');
    const interrupt = sigintWhen('confirming max lr: probe 1');
    // Batches of 1024 make each probe take about a second on cpu, so the signal lands inside one.
    const r = await runCli(['find', '--model', 'mlp', '--data', 'digits', '--batch-size', '1024', '--num-iter', '20', '--backend', 'cpu', '--no-escalate', '--out', out], { env: { NO_COLOR: '1' }, onStdout: interrupt.onStdout });
    expect(interrupt.sent).toBe(true);
    expect(r.code, r.stderr).toBe(130);
    expect(r.stdout).toContain('stopping after this step (Ctrl-C)');
    expect(r.stdout).not.toContain('confirmed by training');
    expect(r.stdout).toMatch(/confirmation stopped \(Ctrl-C\) after \d+ finished probes?: the bounds are the curve's, unconfirmed/);
    const doc = JSON.parse(readFileSync(join(out, 'range-test.json'), 'utf8')) as FindJson & { confirmation?: ConfirmationJson };
    expect(doc.stopReason).toBe('completed');
    expect(doc.curve.lr).toHaveLength(20);
    expect(doc.confirmation).toMatchObject({ stopped: true, maxLr: null, edge: null });
    expect(doc.bounds?.source).toBe('lrfind');
    const warnings = allElements(parseXml(readFileSync(join(out, 'index.html'), 'utf8'))).filter((e) => e.name === 'li').map((e) => e.text);
    expect(warnings).toContainEqual(expect.stringMatching(/^The confirmation probes were stopped by Ctrl-C after \d+ finished probes?: the bounds are the curve's, unconfirmed\.$/));
  });

  it('stops cleanly on SIGINT: the partial curve is analysed and written, exit code 130', async () => {
    const out = join(dir, 'sigint-out');
    const interrupt = sigintWhen('25%');
    const r = await runCli(['find', '--model', 'mlp', '--data', 'digits', '--num-iter', '400', '--backend', 'cpu', '--diverge', 'inf', '--out', out], { onStdout: interrupt.onStdout });
    expect(interrupt.sent).toBe(true);
    expect(r.code, r.stderr).toBe(130);
    expect(r.stdout).toContain('stopping after this step (Ctrl-C)');
    expect(r.stdout).toContain('stopped by Ctrl-C (partial curve)');
    const doc = JSON.parse(readFileSync(join(out, 'range-test.json'), 'utf8')) as FindJson;
    expect(doc.stopReason).toBe('stopped');
    expect(doc.curve.lr.length).toBeGreaterThanOrEqual(100);
    expect(doc.curve.lr.length).toBeLessThan(400);
    expect(readdirSync(out).sort()).toEqual(['index.html', 'range-test.json', 'range-test.svg', 'range-test.vl.json']);
    const warnings = allElements(parseXml(readFileSync(join(out, 'index.html'), 'utf8'))).filter((e) => e.name === 'li').map((e) => e.text);
    expect(warnings).toContainEqual(expect.stringMatching(new RegExp(`^The sweep was stopped by Ctrl-C after ${doc.curve.lr.length} of 400 steps \\(lr \\S+\\): the curve is partial\\.$`)));
  });

  it('keeps the curve when Ctrl-C is pressed twice, 50 ms apart: the worker is stopped at once and what it reported is written', async () => {
    const out = join(dir, 'sigint-twice');
    let presses = 0;
    // Batches of 1024 on cpu: a step takes long enough that the second press lands inside one.
    const r = await runCli(['find', '--model', 'mlp', '--data', 'digits', '--batch-size', '1024', '--num-iter', '400', '--backend', 'cpu', '--diverge', 'inf', '--out', out], {
      env: { NO_COLOR: '1' },
      onStdout: (text, child) => {
        if (presses === 0 && text.includes('25%')) {
          presses = 1;
          child.kill('SIGINT');
          setTimeout(() => child.kill('SIGINT'), 50);
        }
      },
      timeoutMs: 120_000,
    });
    expect(presses).toBe(1);
    expect(r.code, r.stderr).toBe(130);
    expect(r.stdout).toContain('stopping now (Ctrl-C again): the curve so far is kept');
    const doc = JSON.parse(readFileSync(join(out, 'range-test.json'), 'utf8')) as FindJson;
    expect(doc.stopReason).toBe('stopped');
    expect(doc.curve.lr.length).toBeGreaterThanOrEqual(100);
    expect(doc.curve.lr.length).toBeLessThan(400);
    expect(readdirSync(out).sort()).toEqual(['index.html', 'range-test.json', 'range-test.svg', 'range-test.vl.json']);
  });
});

describe('lrfind find bad input: one line on stderr, exit 2, nothing written', () => {
  const cases: [string, () => string[], string | RegExp][] = [
    ['unknown flag', () => ['--model', 'mlp', '--data', 'digits', '--lr-max', '1'], 'lrfind: unknown flag --lr-max (see lrfind find --help)'],
    ['non-number', () => ['--model', 'mlp', '--data', 'digits', '--num-iter', 'lots'], 'lrfind: --num-iter must be a number, got "lots"'],
    ['fractional integer', () => ['--model', 'mlp', '--data', 'digits', '--batch-size', '6.5'], 'lrfind: --batch-size must be an integer, got 6.5'],
    ['start ≥ end', () => ['--model', 'mlp', '--data', 'digits', '--start-lr', '1', '--end-lr', '0.1'], 'lrfind: --start-lr must be below --end-lr (got 1 and 0.1)'],
    ['negative end lr', () => ['--model', 'mlp', '--data', 'digits', '--end-lr', '-5'], 'lrfind: --end-lr must be positive, got -5'],
    ['a sweep past the step limit', () => ['--model', 'mlp', '--data', 'digits', '--num-iter', '1e8'], "lrfind: --num-iter must be at most 100,000 (lrfind's limit for one sweep), got 100000000"],
    ['a batch larger than the data', () => ['--model', 'mlp', '--data', 'digits', '--batch-size', '100000', '--backend', 'cpu'], /^lrfind: --batch-size 100000 is larger than the data \(1438 examples\): every step would train on all of them; use --batch-size ≤ 1438$/],
    ['a flag given twice', () => ['--model', 'mlp', '--data', 'digits', '--data', 'mnist'], 'lrfind: --data is given twice ("digits" and "mnist"): give it once'],
    ['a swapped-letter typo', () => ['--modle', 'mlp', '--data', 'digits'], 'lrfind: unknown flag --modle (did you mean --model?)'],
    ['runs past the limit', () => ['--model', 'mlp', '--data', 'digits', '--runs', '1000'], 'lrfind: --runs must be at most 100, got 1000'],
    ['smoothing out of range', () => ['--model', 'mlp', '--data', 'digits', '--smooth', '1'], 'lrfind: --smooth must be in [0, 1), got 1'],
    ['bad choice', () => ['--model', 'mlp', '--data', 'digits', '--optimizer', 'lion'], 'lrfind: --optimizer must be one of sgd, momentum, nesterov, rmsprop, adam, got "lion"'],
    ['no --model', () => ['--data', 'digits'], 'lrfind: find needs --model (mlp, cnn, vgg-mini, a model.json or a .js module)'],
    ['missing model file', () => ['--model', join(dir, 'nope', 'model.json'), '--data', 'digits'], /^lrfind: --model must be mlp, cnn, vgg-mini, a model.json or a \.js\/\.mjs module, got ".*nope\/model\.json" \(no such file\)$/],
    ['unknown model name', () => ['--model', 'resnet', '--data', 'digits', '--backend', 'cpu'], 'lrfind: --model must be mlp, cnn, vgg-mini, a model.json or a .js/.mjs module, got "resnet"'],
    ['malformed model.json', () => ['--model', join(dir, 'broken.json'), '--data', 'digits', '--backend', 'cpu'], /^lrfind: --model: .*broken\.json is not valid JSON/],
    ['model.json without its weights', () => ['--model', join(dir, 'no-weights', 'model.json'), '--data', 'digits', '--backend', 'cpu'], /^lrfind: --model: weight file not found: .*no-weights\/weights\.bin$/],
    ['model input does not fit the data', () => ['--model', modelJson, '--data', 'digits', '--backend', 'cpu'], 'lrfind: --model model.json expects inputs [10] but --data digits has [8, 8, 1]'],
    ['--optimizer with a module', () => ['--model', moduleModel, '--data', 'digits', '--optimizer', 'sgd'], 'lrfind: --optimizer does not apply to a model module: it returns a compiled model'],
    ['missing CSV', () => ['--model', 'mlp', '--data', join(dir, 'nope.csv')], /^lrfind: --data must be digits, mnist, fashion-mnist or a CSV file, got ".*nope\.csv" \(no such file\)$/],
    ['malformed CSV', () => ['--model', 'mlp', '--data', join(dir, 'bad.csv'), '--backend', 'cpu'], /^lrfind: --data: .*bad\.csv: row 3, column 2 \("b"\) is not a number: "oops"$/],
    ['CSV label column missing', () => ['--model', 'mlp', '--data', csv, '--label', 'colour', '--backend', 'cpu'], /^lrfind: --data: .*no column named "colour"/],
    ['cnn on a CSV', () => ['--model', 'cnn', '--data', csv, '--label', 'species'], /^lrfind: --model cnn needs image data \(digits, mnist, fashion-mnist\), but --data iris-like\.csv is a CSV of flat features: use --model mlp or a model of your own$/],
    ['vgg-mini on a CSV', () => ['--model', 'vgg-mini', '--data', csv], /^lrfind: --model vgg-mini needs image data \(digits, mnist, fashion-mnist\), but --data iris-like\.csv is a CSV of flat features/],
    ['control characters in a name', () => ['--model', 'mlp', '--data', join(dir, '\u001b[31mred\u0007.csv')], /^lrfind: --data must be digits, mnist, fashion-mnist or a CSV file, got ".*\\x1b\[31mred\\x07\.csv" \(no such file\)$/],
    ['a binary CSV', () => ['--model', 'mlp', '--data', join(dir, 'binary.csv'), '--backend', 'cpu'], /^lrfind: --data: .*binary\.csv: not a text CSV: binary data \(byte 0x03\) on line 1$/],
    ['--out is a file', () => ['--model', 'mlp', '--data', 'digits', '--out', csv], `lrfind: --out ${'CSV'} is a file, not a folder`],
  ];

  beforeAll(() => {
    writeFileSync(join(dir, 'broken.json'), '{"modelTopology": ');
    mkdirSync(join(dir, 'no-weights'), { recursive: true });
    const json = JSON.parse(readFileSync(modelJson, 'utf8')) as object;
    writeFileSync(join(dir, 'no-weights', 'model.json'), JSON.stringify(json));
    writeFileSync(join(dir, 'bad.csv'), 'a,b,label\n1,2,x\n3,oops,y\n5,6,x\n');
    writeFileSync(join(dir, 'binary.csv'), Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x00, 0x1b, 0x5b, 0x32, 0x4a, 0x0a]));
  });

  it.concurrent.each(cases)('%s', async (name, args, expected) => {
    const out = join(dir, `bad-${name.replace(/\W+/g, '-')}`);
    const argv = args();
    const r = await runCli(['find', ...argv, ...(argv.includes('--out') ? [] : ['--out', out])]);
    expect(r.code, r.stderr).toBe(2);
    const line = oneErrorLine(r.stderr);
    if (typeof expected === 'string') expect(line).toBe(expected.replace('CSV', csv));
    else expect(line).toMatch(expected);
    expect(r.stdout).toBe('');
    expect(r.stderr).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/);
    expect(existsSync(out)).toBe(false);
  });
});

describe('lrfind find with a bad LRFIND_WASM_THREADS', () => {
  it('names the variable in one line, exits 2 and writes nothing', async () => {
    const out = join(dir, 'bad-threads');
    const r = await runCli(['find', '--model', 'mlp', '--data', 'digits', '--num-iter', '5', '--out', out], { env: { LRFIND_WASM_THREADS: 'many' } });
    expect(r.code, r.stderr).toBe(2);
    expect(oneErrorLine(r.stderr)).toBe('lrfind: LRFIND_WASM_THREADS must be an integer in [1, 8], got many');
    expect(r.stdout).toBe('');
    expect(existsSync(out)).toBe(false);
  });
});
