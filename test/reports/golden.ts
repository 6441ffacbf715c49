// Golden files: compared byte for byte; rewritten only when UPDATE_GOLDEN=1 is set.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect } from 'vitest';

const DIR = join(dirname(fileURLToPath(import.meta.url)), 'golden');

export function expectGolden(file: string, actual: string): void {
  const path = join(DIR, file);
  if (process.env.UPDATE_GOLDEN === '1') {
    mkdirSync(DIR, { recursive: true });
    writeFileSync(path, actual);
    return;
  }
  if (!existsSync(path)) throw new Error(`missing golden ${file}: run UPDATE_GOLDEN=1 npx vitest run test/reports`);
  // toBe on long strings prints an unreadable diff; compare lines first for a useful message.
  const expected = readFileSync(path, 'utf8');
  if (actual !== expected) expect(actual.split('\n')).toEqual(expected.split('\n'));
  expect(actual).toBe(expected);
}

export const specText = (spec: unknown): string => `${JSON.stringify(spec, null, 2)}\n`;
