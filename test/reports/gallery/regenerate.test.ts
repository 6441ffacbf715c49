import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { peerCurveItems, writeGallery } from '../../../reports/gallery/regenerate.js';
import { parseXml } from '../xml.js';

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
});
