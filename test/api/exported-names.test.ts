// The public surface is a reviewed decision: every entry of package.json's `exports` and the names
// it exports (values and types) are written down in exported-names.json, and growing or shrinking
// it means changing that file in the same commit. UPDATE_GOLDEN=1 rewrites it.
import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { expectGolden } from '../reports/golden.js';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { exports: Record<string, unknown> };

/** The TypeScript source behind an export's `types` path: ./dist/src/index.d.ts → src/index.ts. */
function sourceOf(target: unknown): string {
  const types = (target as { types?: string; node?: { types?: string } }).types;
  return types!.replace(/^\.\/dist\//, '').replace(/\.d\.ts$/, '.ts');
}

const entries = Object.entries(pkg.exports)
  .filter(([key]) => key !== './package.json')
  .map(([key, target]) => ({ name: key === '.' ? 'lrfind' : `lrfind/${key.slice(2)}`, source: sourceOf(target) }));

function exportedNames(files: string[]): Map<string, string[]> {
  const program = ts.createProgram(files.map((f) => join(root, f)), {
    module: ts.ModuleKind.NodeNext, moduleResolution: ts.ModuleResolutionKind.NodeNext, target: ts.ScriptTarget.ES2022,
    jsx: ts.JsxEmit.ReactJSX, strict: true, skipLibCheck: true, noEmit: true, types: ['node'],
  });
  const checker = program.getTypeChecker();
  return new Map(files.map((f) => {
    const symbol = checker.getSymbolAtLocation(program.getSourceFile(join(root, f))!)!;
    return [f, checker.getExportsOfModule(symbol).map((s) => s.getName()).sort()];
  }));
}

describe('the public surface', () => {
  const names = exportedNames([...new Set(entries.map((e) => e.source))]);
  const surface = Object.fromEntries(entries.map((e) => [e.name, names.get(e.source)!]));

  it('is the reviewed list, entry by entry', () => {
    expectGolden('../../api/exported-names.json', `${JSON.stringify(surface, null, 2)}\n`);
  });

  it('keeps the main entry at about 60 names: what users call', () => {
    expect(surface['lrfind']!.length).toBeLessThanOrEqual(65);
    for (const core of ['recommendLearningRate', 'findLearningRate', 'confirmMaxLr', 'analyzeCurve', 'oneCycleCallback', 'rangeTestFile', 'initBackend', 'LrFinderResult']) {
      expect(surface['lrfind']).toContain(core);
    }
  });

  it("lists every entry in the README's API section", () => {
    const readme = readFileSync(join(root, 'README.md'), 'utf8');
    const api = readme.slice(readme.indexOf('### API'), readme.indexOf('\n## ', readme.indexOf('### API')));
    for (const entry of entries) expect(api, entry.name).toContain(`\`${entry.name}\``);
  });
});
