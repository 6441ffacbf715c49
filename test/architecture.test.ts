// The core (curves, analysis, schedules, the range test's bookkeeping) is plain numbers: it must
// never import tfjs, directly or through another module of the project.
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const CORE = ['src/analysis', 'src/schedules', 'src/range-test', 'src/types.ts', 'src/random.ts'];

function files(path: string): string[] {
  const full = join(root, path);
  if (statSync(full).isFile()) return [full];
  return readdirSync(full).flatMap((name) => files(join(path, name)));
}

/** Every file reachable from `file` through relative imports, with its bare package imports. */
function reach(file: string, seen = new Map<string, string[]>()): Map<string, string[]> {
  if (seen.has(file)) return seen;
  const source = readFileSync(file, 'utf8');
  const pattern = /(?:import|export)[^'";]*?from\s+['"]([^'"]+)['"]|import\s*\(?\s*['"]([^'"]+)['"]/g;
  const specifiers = [...source.matchAll(pattern)].map((m) => m[1] ?? m[2]!);
  seen.set(file, specifiers.filter((s) => !s.startsWith('.')));
  for (const s of specifiers.filter((s) => s.startsWith('.'))) reach(resolve(dirname(file), s.replace(/\.js$/, '.ts')), seen);
  return seen;
}

describe('architecture', () => {
  it('the core never imports tfjs', () => {
    const offenders: string[] = [];
    for (const file of CORE.flatMap(files).filter((f) => f.endsWith('.ts'))) {
      for (const [reached, packages] of reach(file)) {
        if (packages.some((p) => p.startsWith('@tensorflow/'))) offenders.push(`${file} → ${reached}`);
      }
    }
    expect(offenders).toEqual([]);
  });
});
