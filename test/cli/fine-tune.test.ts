// `lrfind fine-tune` through the real binary: a saved model's head found and trained on a frozen
// base, then all of it; the fine-tuned model, both reports and fine-tune.json written; bad input refused.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { writeLayersModel } from './fixtures.js';
import { requireBuild, runCli, tempDir } from './helpers.js';

let dir: string;
let pretrained: string;

beforeAll(async () => {
  requireBuild();
  dir = tempDir();
  pretrained = await writeLayersModel(join(dir, 'pretrained'), [8, 8, 1], 10);
});

describe('lrfind fine-tune', () => {
  it('fine-tunes a saved model and writes the model, both range tests and fine-tune.json; the model given is only read', async () => {
    const before = readFileSync(pretrained, 'utf8');
    const out = join(dir, 'out');
    const r = await runCli(['fine-tune', '--model', pretrained, '--data', 'digits', '--epochs', '1', '--backend', 'cpu', '--out', out], { env: { NO_COLOR: '1' } });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/^head \(base frozen\): max lr \S+ · min lr \S+ · 1 epoch · validation accuracy [\d.]+$/m);
    expect(r.stdout).toMatch(/^trained 1 of 2 layers with weights: \S+ \(frozen: \S+\)$/m);
    for (const file of ['model/model.json', 'model/weights.bin', 'head/range-test.json', 'head/index.html', 'all/range-test.json', 'fine-tune.json']) expect(existsSync(join(out, file)), file).toBe(true);
    const doc = JSON.parse(readFileSync(join(out, 'fine-tune.json'), 'utf8')) as { format: string; head: { bounds: { maxLr: number } }; all: { history: { epoch: number[] } } };
    expect(doc.format).toBe('lrfind/fine-tune');
    expect(doc.all.history.epoch).toEqual([0]);
    expect(readFileSync(pretrained, 'utf8')).toBe(before);
  });

  it('refuses an untrained built-in model, and a base-lr-factor outside (0, 1]', async () => {
    const builtin = await runCli(['fine-tune', '--model', 'mlp', '--data', 'digits']);
    expect(builtin.code).toBe(2);
    expect(builtin.stderr.trim()).toBe('lrfind: --model for fine-tune must be a pretrained model (a model.json or a module), not the untrained built-in mlp');
    const factor = await runCli(['fine-tune', '--model', pretrained, '--data', 'digits', '--base-lr-factor', '2']);
    expect(factor.code).toBe(2);
    expect(factor.stderr.trim()).toBe('lrfind: --base-lr-factor must be in (0, 1], got 2');
  });
});
