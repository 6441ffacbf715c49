// The layers of the project, checked on the import graph: the core (curves, analysis, schedules,
// the range test's bookkeeping) is plain numbers and never reaches tfjs; the library never reaches
// the apps or the CLI; reports never reach the CLI; the browser barrel never reaches Node.
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
function reach(file: string, seen = new Map<string, string[]>(), runtimeOnly = false): Map<string, string[]> {
  if (seen.has(file)) return seen;
  // Comments may quote imports (a usage example); they are not code.
  const text = readFileSync(file, 'utf8').replace(/\/\*[\s\S]*?\*\//g, '').replace(/^\s*\/\/.*$/gm, '');
  // Type-only imports are erased before anything runs: a bundle never sees them.
  const source = runtimeOnly ? text.replace(/(?:import|export) type [^;]*?from\s+['"][^'"]+['"]/g, '') : text;
  const pattern = /(?:import|export)[^'";]*?from\s+['"]([^'"]+)['"]|import\s*\(?\s*['"]([^'"]+)['"]/g;
  const specifiers = [...source.matchAll(pattern)].map((m) => m[1] ?? m[2]!);
  seen.set(file, specifiers.filter((s) => !s.startsWith('.')));
  for (const s of specifiers.filter((s) => s.startsWith('.'))) reach(resolve(dirname(file), s.replace(/\.js$/, '.ts')), seen, runtimeOnly);
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

  /** Every file reachable from `entries`, relative to the repository root. */
  const reachable = (entries: string[], runtimeOnly = false): Map<string, string[]> => {
    const seen = new Map<string, string[]>();
    for (const entry of entries) for (const file of files(entry).filter((f) => /\.tsx?$/.test(f))) reach(file, seen, runtimeOnly);
    return new Map([...seen].map(([file, packages]) => [file.slice(root.length + 1), packages]));
  };

  it('the library never imports the apps or the CLI, and reports never import the CLI', () => {
    const library = [...reachable(['src']).keys()].filter((f) => f.startsWith('apps/') || f.startsWith('cli/'));
    expect(library).toEqual([]);
    expect([...reachable(['reports']).keys()].filter((f) => f.startsWith('cli/') || f.startsWith('apps/'))).toEqual([]);
  });

  it('the browser barrel imports no optional backend package, so an app without them bundles', () => {
    const optional = /^@tensorflow\/tfjs-(backend-wasm|backend-webgpu|node)/;
    const offenders = [...reachable(['src/index.ts'], true)].filter(([, packages]) => packages.some((p) => optional.test(p)));
    expect(offenders.map(([file]) => file)).toEqual([]);
    expect([...reachable(['src/node.ts'], true)].some(([, packages]) => packages.some((p) => optional.test(p)))).toBe(true);
  });

  it('the browser barrel reaches no Node built-in', () => {
    const offenders = [...reachable(['src/index.ts'], true)].filter(([, packages]) => packages.some((p) => p.startsWith('node:')));
    expect(offenders.map(([file]) => file)).toEqual([]);
    // The check can fail: the Node barrel does reach them.
    expect([...reachable(['src/node.ts'], true)].some(([, packages]) => packages.some((p) => p.startsWith('node:')))).toBe(true);
  });

  it('no Math.max/Math.min spread: a call with one argument per value throws past ~100,000 values (use maxOf/minOf)', () => {
    const offenders: string[] = [];
    for (const file of ['src', 'cli', 'reports', 'apps'].flatMap(files).filter((f) => /\.tsx?$/.test(f))) {
      readFileSync(file, 'utf8').split('\n').forEach((line, i) => {
        const code = line.replace(/\/\/.*$|\/\*.*?\*\/|^\s*\*.*$|`[^`]*`/g, '');
        if (/Math\.(max|min)\(\s*\.\.\./.test(code)) offenders.push(`${file.slice(root.length + 1)}:${i + 1}`);
      });
    }
    expect(offenders).toEqual([]);
  });
});
