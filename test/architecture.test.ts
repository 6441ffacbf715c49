// The layers of the project, checked on the import graph: the core (curves, analysis, schedules,
// the range test's bookkeeping) is plain numbers and never reaches tfjs; the library never reaches
// the apps or the CLI; reports never reach the CLI; the browser barrel never reaches Node; no import
// loop between folders; no function past 80 lines.
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const CODE = ['src', 'cli', 'reports', 'apps'];
/** Functions allowed past MAX_FUNCTION_LINES, each with why. None today. */
const LONG_FUNCTIONS_ALLOWED: Record<string, string> = {};
const MAX_FUNCTION_LINES = 80;
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

  it('no import loop between folders: each subfolder of src, cli, reports and apps (and each file at their top) is one node', () => {
    const graph = folderGraph();
    expect(graph.get('cli/commands')?.has('src/index.ts')).toBe(true);
    expect(folderLoops(graph)).toEqual([]);
  });

  it('no import loop between files (split the shared part into its own module)', () => {
    expect(folderLoops(folderGraph((file) => file.slice(root.length + 1)))).toEqual([]);
  });

  it('the loop check finds a loop', () => {
    const graph = new Map([['a', new Set(['b'])], ['b', new Set(['c'])], ['c', new Set(['a'])], ['d', new Set(['a'])]]);
    expect(folderLoops(graph)).toEqual([['a', 'b', 'c']]);
  });

  it(`no function is longer than ${MAX_FUNCTION_LINES} lines (a longer one is split into named steps)`, () => {
    const long = codeFiles().flatMap((file) => longFunctions(file)).filter((f) => !(f.name in LONG_FUNCTIONS_ALLOWED));
    expect(long.map((f) => `${f.name}: ${f.lines} lines`)).toEqual([]);
  });

  it('the length check counts a long function', () => {
    const body = Array.from({ length: MAX_FUNCTION_LINES }, (_, i) => `  const v${i} = ${i};`).join('\n');
    const source = `export function tooLong(): void {\n${body}\n}\nconst short = (): number => 1;\n`;
    expect(longFunctions('x.ts', source).map((f) => f.name)).toEqual(['x.ts tooLong']);
  });
});

function codeFiles(): string[] {
  return CODE.flatMap(files).filter((f) => /\.tsx?$/.test(f));
}

/** The node a file belongs to: its subfolder under a top folder (src/tfjs), or the file itself (src/index.ts). */
function folderOf(file: string): string {
  const parts = file.slice(root.length + 1).split('/');
  return parts.length > 2 ? `${parts[0]}/${parts[1]}` : parts.join('/');
}

/** Edges between folders, from every relative import (type-only ones too: a loop of types is a loop of ideas). */
function folderGraph(nodeOf: (file: string) => string = folderOf): Map<string, Set<string>> {
  const graph = new Map<string, Set<string>>();
  for (const file of codeFiles()) {
    const text = readFileSync(file, 'utf8').replace(/\/\*[\s\S]*?\*\//g, '').replace(/^\s*\/\/.*$/gm, '');
    for (const m of text.matchAll(/(?:import|export)[^'";]*?from\s+['"](\.{1,2}\/[^'"]+)['"]|import\s*\(\s*['"](\.{1,2}\/[^'"]+)['"]/g)) {
      const asTs = resolve(dirname(file), (m[1] ?? m[2]!).replace(/\.js$/, '.ts'));
      const target = existsSync(asTs) ? asTs : `${asTs}x`;
      const [from, to] = [nodeOf(file), nodeOf(target)];
      if (from !== to) graph.set(from, (graph.get(from) ?? new Set()).add(to));
    }
  }
  return graph;
}

/** The strongly connected groups of more than one node (Tarjan), each sorted. */
function folderLoops(graph: ReadonlyMap<string, ReadonlySet<string>>): string[][] {
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const loops: string[][] = [];
  const visit = (v: string): void => {
    index.set(v, index.size);
    low.set(v, index.get(v)!);
    stack.push(v);
    for (const w of graph.get(v) ?? []) {
      if (!index.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (stack.includes(w)) low.set(v, Math.min(low.get(v)!, index.get(w)!));
    }
    if (low.get(v) !== index.get(v)) return;
    const group: string[] = [];
    for (let w = stack.pop(); w !== undefined; w = w === v ? undefined : stack.pop()) group.push(w);
    if (group.length > 1) loops.push(group.sort());
  };
  for (const v of graph.keys()) if (!index.has(v)) visit(v);
  return loops;
}

/** Functions (declarations, methods, arrows) longer than MAX_FUNCTION_LINES, named "file name". */
function longFunctions(file: string, source = readFileSync(file, 'utf8')): Array<{ name: string; lines: number }> {
  const kind = file.endsWith('x') ? ts.ScriptKind.TSX : ts.ScriptKind.TS;
  const sf = ts.createSourceFile(file, source, ts.ScriptTarget.ES2022, true, kind);
  const where = file.startsWith(root) ? file.slice(root.length + 1) : file;
  const found: Array<{ name: string; lines: number }> = [];
  const visit = (node: ts.Node): void => {
    if (ts.isFunctionLike(node) && 'body' in node && node.body !== undefined) {
      const lines = sf.getLineAndCharacterOfPosition(node.getEnd()).line - sf.getLineAndCharacterOfPosition(node.getStart(sf)).line + 1;
      const named = node.name?.getText(sf) ?? (ts.isVariableDeclaration(node.parent) ? node.parent.name.getText(sf) : '(anonymous)');
      if (lines > MAX_FUNCTION_LINES) found.push({ name: `${where} ${named}`, lines });
    }
    ts.forEachChild(node, visit);
  };
  visit(sf);
  return found;
}
