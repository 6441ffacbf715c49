import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { studySections, peerCurveItems, writeGallery } from '../../../apps/gallery/regenerate.js';
import { parseXml } from '../../reports/xml.js';

const repoRoot = resolve(fileURLToPath(new URL('.', import.meta.url)), '../../..');
const peerDir = resolve(repoRoot, '../shared/fixtures/peer-curves');

describe.skipIf(!existsSync(peerDir))('gallery', () => {
  it('writes a report per peer curve, the schedule, and an index.html that links them', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'lrfind-gallery-'));
    try {
      const items = await peerCurveItems(peerDir);
      expect(items.map((i) => i.name)).toEqual([
        'range-test-digits_mlp_sgd',
        'schedule-digits_mlp_sgd',
        'range-test-mnist_cnn_sgdmom',
        'range-test-fashion_mlp_adam',
      ]);
      // A range test's warnings go in the page's warnings box, not among its numbers.
      for (const item of items.filter((i) => i.name.startsWith('range-test-'))) {
        expect(Array.isArray(item.warnings)).toBe(true);
        expect(Object.keys(item.numbers).filter((k) => k.startsWith('warning'))).toEqual([]);
      }
      await writeGallery(dir, 'gallery', items);
      const files = readdirSync(dir).sort();
      expect(files).toHaveLength(items.length * 2 + 1);
      const html = readFileSync(join(dir, 'index.html'), 'utf8');
      for (const item of items) {
        expect(html).toContain(`src="${item.name}.svg"`);
        parseXml(readFileSync(join(dir, `${item.name}.svg`), 'utf8'));
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('draws the schedule as schedule --from builds it: from the min lr, phases on whole steps', async () => {
    const items = await peerCurveItems(peerDir);
    const schedule = items.find((i) => i.name.startsWith('schedule-'))!;
    type Spec = { datasets: { schedule: { step: number; lr: number }[]; phases: { step: number; endStep: number }[] } };
    const { datasets } = schedule.spec as unknown as Spec;
    const minLr = Number(schedule.numbers['min lr']);
    // Starts at the min lr (divFactor = max / min), not at max / 25 as PyTorch's default would.
    expect(datasets.schedule[0]!.lr).toBeCloseTo(minLr, 2);
    for (const phase of datasets.phases) {
      expect(Number.isInteger(phase.step)).toBe(true);
      expect(Number.isInteger(phase.endStep)).toBe(true);
    }
    // Exclusive ends: the last phase ends at the run's length (PyTorch's inclusive ends would stop a step short).
    expect(datasets.phases.at(-1)!.endStep).toBe(Number(schedule.numbers.steps));
  });
});

describe('committed studies', () => {
  const epoch = (n: number, acc: number) => ({ epoch: n, loss: 1 / n, accuracy: acc, valLoss: 1.1 / n, valAccuracy: acc, lr: 0.01 });
  const run = (name: string, group: string, acc: number) => ({
    name, group, description: `${name} in words`, history: [epoch(1, acc / 2), epoch(2, acc)], final: { ...epoch(2, acc), lr: undefined },
  });
  const doc = {
    dataset: 'mnist', model: 'vgg-mini', backend: { backend: 'wasm', reason: 'test' },
    settings: { trainSize: 2000, validationSize: 1000, epochs: 2, batchSize: 64, seed: 0, groups: ['schedules', 'optimizers'], only: null },
    maxLr: 0.1, minLr: 0.01, runs: [run('one-cycle', 'schedules', 0.97), run('adam', 'optimizers', 0.96)], stopped: false,
  };

  it('links each study-*/ folder with a study.json by group, with its settings and final scores, and skips the others', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'lrfind-gallery-studies-'));
    try {
      for (const folder of ['study-mnist', 'study-digits', 'study-empty']) mkdirSync(join(dir, folder));
      writeFileSync(join(dir, 'study-mnist', 'study.json'), JSON.stringify(doc));
      writeFileSync(join(dir, 'study-digits', 'study.json'), JSON.stringify(doc));
      for (const svg of ['comparison.svg', 'comparison-schedules.svg', 'comparison-optimizers.svg']) writeFileSync(join(dir, 'study-mnist', svg), '<svg/>');
      const sections = await studySections(dir, ['study-digits']);
      expect(sections.map((s) => s.svgFile)).toEqual(['study-mnist/comparison-schedules.svg', 'study-mnist/comparison-optimizers.svg']);
      expect(sections[0]!.heading).toBe('Study on mnist (vgg-mini, 2000 examples, 2 epochs): schedules');
      expect(sections[0]!.numbers).toMatchObject({ epochs: 2, bounds: "max lr 0.1 · min lr 1e-2" });
      // A study.json written before runs had their words: the words are rebuilt from its bounds and length.
      expect(sections[0]!.table?.rows).toEqual([
        ['schedules: one-cycle', 'SGD momentum 0.95 → 0.85 → 0.95', 'one-cycle', '1e-2 → 0.1 → 1e-6', '0.970', '0.55', '0.970 (2)', '2'],
      ]);
      expect(sections[1]!.numbers).toBeUndefined();
      expect(sections[1]!.table?.rows).toEqual([['optimizers: adam', 'Adam', 'constant', '1e-3', '0.960', '0.55', '0.960 (2)', '2']]);
      await writeGallery(dir, 'gallery', [], sections);
      const html = readFileSync(join(dir, 'index.html'), 'utf8');
      expect(html).toContain('src="study-mnist/comparison-schedules.svg"');
      expect(html).toContain('<td>SGD momentum 0.95 → 0.85 → 0.95</td>');
      parseXml(html);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
