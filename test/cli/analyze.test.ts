// `lrfind analyze` through the real binary, on synthetic curves with a known shape.
import { existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { CURVE_LOSS_COLUMNS, CURVE_LR_COLUMNS } from '../../src/analysis/index.js';
import { ESCAPE, oneErrorLine, requireBuild, runCli, tempDir } from './helpers.js';
import { allElements, parseXml } from '../reports/xml.js';

interface CurveJson {
  curve: { lr: number[]; loss: number[]; smoothedLoss: number[] };
  regions: { kind: string; minLr: number; maxLr: number }[];
  bounds: { maxLr: number; minLr: number; source: string; confidence: number } | null;
  rules: Record<string, number | null>;
  warnings: string[];
}

/**
 * A textbook range-test curve over 1e-6 … 10: flat at 2.3, falling fastest around lr 3e-3,
 * bottoming out near 0.1, then blowing up. Small deterministic noise.
 */
function syntheticCurve(n = 120): { lrs: number[]; losses: number[] } {
  const lrs: number[] = [];
  const losses: number[] = [];
  for (let i = 0; i < n; i++) {
    const lr = 1e-6 * 10 ** ((7 * i) / (n - 1));
    const x = Math.log10(lr);
    const fall = 2 / (1 + Math.exp(-3 * (x + 2.5)));
    const blowUp = x > -1 ? 8 * (x + 1) ** 2 : 0;
    lrs.push(lr);
    losses.push(2.3 - fall + blowUp + 0.02 * Math.sin(i * 12.9898));
  }
  return { lrs, losses };
}

let dir: string;
let csv: string;

beforeAll(() => {
  requireBuild();
  dir = tempDir();
  const { lrs, losses } = syntheticCurve();
  csv = join(dir, 'curve.csv');
  writeFileSync(csv, ['step,lr,loss', ...lrs.map((lr, i) => `${i},${lr},${losses[i]}`)].join('\n') + '\n');
  writeFileSync(join(dir, 'keras.csv'), ['epoch,learning_rate,train_loss', ...lrs.map((lr, i) => `${i},${lr},${losses[i]}`)].join('\n') + '\n');
  writeFileSync(join(dir, 'curve.json'), JSON.stringify({ lr: lrs, loss: losses }));
  writeFileSync(join(dir, 'no-lr.csv'), 'step,loss\n0,2.3\n1,2.2\n');
  writeFileSync(join(dir, 'broken.json'), '{"lr": [1e-3, 1e-2], "loss": ');
  writeFileSync(join(dir, 'one-point.csv'), 'lr,loss\n0.001,2.3\n');
  writeFileSync(join(dir, 'nan-second.csv'), 'lr,loss\n0.001,2.3\n0.002,NaN\n0.003,2.1\n');
  const tooLong = syntheticCurve(100_001);
  writeFileSync(join(dir, 'too-long.csv'), ['lr,loss', ...tooLong.lrs.map((lr, i) => `${lr},${tooLong.losses[i]}`)].join('\n') + '\n');
  const long = syntheticCurve(70_000);
  writeFileSync(join(dir, 'long.csv'), ['lr,loss', ...long.lrs.map((lr, i) => `${lr},${long.losses[i]}`)].join('\n') + '\n');
  // What other tools export: the same curve under their column names, separators and shapes.
  const rows = (header: string, sep = ',') => [header, ...lrs.map((lr, i) => [i, lr, losses[i]].join(sep))].join('\n') + '\n';
  writeFileSync(join(dir, 'lightning.csv'), rows('step,lr,loss'));
  writeFileSync(join(dir, 'keras3.csv'), rows('epoch,learning_rate,loss'));
  writeFileSync(join(dir, 'fastai.csv'), rows('iteration,lrs,losses'));
  writeFileSync(join(dir, 'semicolon.csv'), rows('step;lr;loss', ';'));
  writeFileSync(join(dir, 'tab.tsv'), rows('step\tLearning Rate\tTrain Loss', '\t'));
  writeFileSync(join(dir, 'history.json'), JSON.stringify({ loss: losses, learning_rate: lrs }));
  writeFileSync(join(dir, 'spaces.csv'), rows('step lr loss', ' '));
  // A binary file, ESC and all: none of it may reach the terminal.
  writeFileSync(join(dir, 'model.bin'), Buffer.from([0x7f, 0x45, 0x4c, 0x46, 0x02, 0x01, 0x00, 0x1b, 0x5b, 0x32, 0x4a, 0x07, 0x9b, 0x0a, 0x1b, 0x5d, 0x30, 0x3b]));
  writeFileSync(join(dir, 'model.csv'), Buffer.from([0x1b, 0x5b, 0x33, 0x31, 0x6d, 0x6c, 0x72, 0x2c, 0x6c, 0x6f, 0x73, 0x73, 0x0a, 0x00]));
});

describe('lrfind analyze --json', () => {
  it('prints the contract document and finds bounds on the falling part of the curve', async () => {
    const out = join(dir, 'out-csv');
    const r = await runCli(['analyze', csv, '--json', '--out', out]);
    expect(r.code, r.stderr).toBe(0);
    const doc = JSON.parse(r.stdout) as CurveJson;
    expect(doc.curve.lr).toHaveLength(120);
    expect(doc.curve.loss).toHaveLength(120);
    expect(doc.curve.smoothedLoss).toHaveLength(120);
    expect(doc.bounds).not.toBeNull();
    // The loss falls between ~1e-4 and ~0.1 and blows up past 0.1.
    expect(doc.bounds!.maxLr).toBeGreaterThan(1e-3);
    expect(doc.bounds!.maxLr).toBeLessThan(0.2);
    expect(doc.bounds!.minLr).toBeLessThan(doc.bounds!.maxLr);
    expect(doc.regions.map((r) => r.kind)).toContain('good');
    for (const rule of ['steepest', 'valley', 'minimum', 'slide']) expect(doc.rules).toHaveProperty(rule);
    expect(doc).not.toHaveProperty('backend');
    expect(readdirSync(out).sort()).toEqual(['index.html', 'range-test.json', 'range-test.svg', 'range-test.vl.json']);
  });

  it('reads other column names, JSON curves and its own range-test.json to the same answer', async () => {
    const [a, b, c] = await Promise.all([
      runCli(['analyze', csv, '--json', '--out', join(dir, 'o1')]),
      runCli(['analyze', join(dir, 'keras.csv'), '--lr-column', 'learning_rate', '--loss-column', 'train_loss', '--json', '--out', join(dir, 'o2')]),
      runCli(['analyze', join(dir, 'curve.json'), '--json', '--out', join(dir, 'o3')]),
    ]);
    for (const r of [a, b, c]) expect(r.code, r.stderr).toBe(0);
    const bounds0 = (JSON.parse(a.stdout) as CurveJson).bounds;
    expect((JSON.parse(b.stdout) as CurveJson).bounds).toEqual(bounds0);
    expect((JSON.parse(c.stdout) as CurveJson).bounds).toEqual(bounds0);
    const again = await runCli(['analyze', join(dir, 'o1', 'range-test.json'), '--json', '--out', join(dir, 'o4')]);
    expect(again.code, again.stderr).toBe(0);
    expect((JSON.parse(again.stdout) as CurveJson).bounds).toEqual(bounds0);
  });
});

describe('lrfind analyze without a terminal', () => {
  it('prints plain lines with the bounds and the report path, no escape codes', async () => {
    const out = join(dir, 'out-plain');
    const r = await runCli(['analyze', csv, '--out', out]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).not.toMatch(ESCAPE);
    const lines = r.stdout.trim().split('\n');
    expect(lines[0]).toBe(`lrfind analyze: ${csv} (120 points)`);
    expect(lines[1]).toMatch(/^smoothed loss: \S+ at the start, lowest \S+ at lr \S+$/);
    expect(lines[2]).toMatch(/^bounds: max lr \S+ · min lr \S+ \(\w+, confidence \d\.\d\d\)$/);
    expect(lines).toContain(`report: ${join(out, 'index.html')}`);
    // The page names the command and the schedule line; a curve from elsewhere has no run length to size it.
    const codes = allElements(parseXml(readFileSync(join(out, 'index.html'), 'utf8'))).filter((e) => e.name === 'code').map((e) => e.text);
    expect(codes).toEqual([
      `lrfind analyze ${csv} --out ${out}`,
      `lrfind schedule onecycle --from ${join(out, 'range-test.json')} --total-steps TOTAL_STEPS --out ${join(out, 'schedule')}`,
    ]);
  });
});

describe('lrfind analyze bad input: one line on stderr, exit 2, nothing written', () => {
  const cases: [string, () => string[], string | RegExp][] = [
    ['no file given', () => [], 'lrfind: analyze needs a curve file (CSV or JSON)'],
    ['missing file', () => [join(dir, 'nope.csv')], /^lrfind: curve file not found: .*nope\.csv$/],
    ['no lr column', () => [join(dir, 'no-lr.csv')], /^lrfind: .*no-lr\.csv: no learning-rate column: none of lr, learning_rate, lrs \(name it with --lr-column; columns found: step, loss\)$/],
    ['space-separated', () => [join(dir, 'spaces.csv')], /^lrfind: .*spaces\.csv: the header has one column \("step lr loss"\): expected columns separated by comma, semicolon, tab, bar$/],
    ['a binary file', () => [join(dir, 'model.bin')], /^lrfind: .*model\.bin: not a text CSV: binary data \(byte 0x7f\) on line 1$/],
    ['a binary file named .csv', () => [join(dir, 'model.csv')], /^lrfind: .*model\.csv: not a text CSV: binary data \(byte 0x1b\) on line 1$/],
    ['named column missing', () => [csv, '--loss-column', 'val_loss'], /^lrfind: .*curve\.csv: missing column "val_loss"/],
    ['malformed JSON', () => [join(dir, 'broken.json')], /^lrfind: .*broken\.json: /],
    ['columns with JSON', () => [join(dir, 'curve.json'), '--lr-column', 'x'], /^lrfind: .*--lr-column and --loss-column apply to CSV curves, not JSON$/],
    ['too few points', () => [join(dir, 'one-point.csv')], /^lrfind: .*one-point\.csv: /],
    ['cut to one point by a NaN', () => [join(dir, 'nan-second.csv')], /^lrfind: .*nan-second\.csv: need at least 2 finite points with lr > 0 before any non-finite one: the curve was cut at step 1 \(loss NaN\), which leaves 1 of its 3 points$/],
    ['past the point limit', () => [join(dir, 'too-long.csv')], /^lrfind: .*too-long\.csv: the curve has 100,001 points; lrfind reads at most 100,000: keep one point in 2$/],
    ['two files', () => [csv, csv], /^lrfind: unexpected argument ".*curve\.csv" \(see lrfind analyze --help\)$/],
  ];
  it.concurrent.each(cases)('%s', async (name, args, expected) => {
    const out = join(dir, `bad-${name.replace(/\W+/g, '-')}`);
    const r = await runCli(['analyze', ...args(), '--out', out]);
    expect(r.code, r.stderr).toBe(2);
    const line = oneErrorLine(r.stderr);
    if (typeof expected === 'string') expect(line).toBe(expected);
    else expect(line).toMatch(expected);
    expect(r.stdout).toBe('');
    expect(r.stderr).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/); // no ESC, NUL, bell: nothing drives the terminal
    expect(existsSync(out)).toBe(false);
  });
});

describe('lrfind analyze on a long curve', () => {
  it('reads 70,000 points and writes the report (a Math.max spread once overflowed the stack here)', async () => {
    const out = join(dir, 'long-out');
    const r = await runCli(['analyze', join(dir, 'long.csv'), '--json', '--out', out], { timeoutMs: 120_000 });
    expect(r.code, r.stderr).toBe(0);
    expect((JSON.parse(r.stdout) as CurveJson).curve.lr).toHaveLength(70_000);
    expect(readdirSync(out).sort()).toEqual(['index.html', 'range-test.json', 'range-test.svg', 'range-test.vl.json']);
  });
});

describe('lrfind analyze: what other tools export', () => {
  it.each(['lightning.csv', 'keras3.csv', 'fastai.csv', 'semicolon.csv', 'tab.tsv', 'history.json'])('reads %s without naming a column, to the same bounds', async (name) => {
    const [mine, theirs] = await Promise.all([
      runCli(['analyze', csv, '--json', '--out', join(dir, `same-${name}-a`)]),
      runCli(['analyze', join(dir, name), '--json', '--out', join(dir, `same-${name}-b`)]),
    ]);
    expect(theirs.code, theirs.stderr).toBe(0);
    expect((JSON.parse(theirs.stdout) as CurveJson).bounds).toEqual((JSON.parse(mine.stdout) as CurveJson).bounds);
  });

  it('--help lists the column names it looks for, from the same list the parser uses', async () => {
    const r = await runCli(['analyze', '--help']);
    expect(CURVE_LR_COLUMNS).toContain('learning_rate');
    expect(r.stdout).toContain(`  --lr-column <name>    CSV column of learning rates (default the first of ${CURVE_LR_COLUMNS.join(', ')})\n`);
    expect(r.stdout).toContain(`  --loss-column <name>  CSV column of losses (default the first of ${CURVE_LOSS_COLUMNS.join(', ')})\n`);
  });
});

describe('lrfind analyze files', () => {
  it('writes a JSON that `schedule --from` reads', async () => {
    const out = join(dir, 'out-from');
    expect((await runCli(['analyze', csv, '--out', out])).code).toBe(0);
    const bounds = (JSON.parse(readFileSync(join(out, 'range-test.json'), 'utf8')) as CurveJson).bounds!;
    const r = await runCli(['schedule', 'onecycle', '--from', join(out, 'range-test.json'), '--total-steps', '20', '--format', 'json']);
    expect(r.code, r.stderr).toBe(0);
    expect(Math.max(...(JSON.parse(r.stdout) as { lr: number[] }).lr)).toBeCloseTo(bounds.maxLr, 12);
  });

  it('never writes over its input: --out at the input\'s folder is a usage error and the file stays as it was', async () => {
    const out = join(dir, 'out-own');
    expect((await runCli(['analyze', csv, '--out', out])).code).toBe(0);
    const input = join(out, 'range-test.json');
    const before = readFileSync(input, 'utf8');
    const r = await runCli(['analyze', input, '--out', out]);
    expect(r.code).toBe(2);
    expect(oneErrorLine(r.stderr)).toBe(`lrfind: --out ${out} would write over the input ${input}: pass --out <another folder>`);
    expect(readFileSync(input, 'utf8')).toBe(before);
    const dot = await runCli(['analyze', 'range-test.json', '--out', '.'], { cwd: out });
    expect(dot.code).toBe(2);
    expect(readFileSync(input, 'utf8')).toBe(before);
  });
});
