import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { renderSvg, scheduleSpec, type TopLevelSpec } from '../../reports/index.js';
import { writeFileAtomic, writeReport } from '../../reports/write-report.js';
import { parseXml } from './xml.js';

const dirs: string[] = [];
const tempDir = (): string => {
  const dir = mkdtempSync(join(tmpdir(), 'lrfind-reports-'));
  dirs.push(dir);
  return dir;
};
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe('writeReport', () => {
  const spec = scheduleSpec({ lr: [0.01, 0.1, 0.05, 0.001] });

  it('writes <name>.svg and <name>.vl.json, creating the directory, and nothing else', async () => {
    const dir = join(tempDir(), 'nested', 'out');
    const written = await writeReport(dir, 'schedule', spec);
    expect(written).toEqual({ svgPath: join(dir, 'schedule.svg'), specPath: join(dir, 'schedule.vl.json') });
    expect(readdirSync(dir).sort()).toEqual(['schedule.svg', 'schedule.vl.json']);
    expect(JSON.parse(readFileSync(written.specPath, 'utf8'))).toEqual(spec);
    const svg = readFileSync(written.svgPath, 'utf8');
    expect(svg).toBe(`${await renderSvg(spec)}\n`);
    expect(parseXml(svg).name).toBe('svg');
  });

  it('overwrites an earlier report in place', async () => {
    const dir = tempDir();
    await writeReport(dir, 'r', spec);
    const other = scheduleSpec({ lr: [1, 2, 3] });
    await writeReport(dir, 'r', other);
    expect(JSON.parse(readFileSync(join(dir, 'r.vl.json'), 'utf8'))).toEqual(other);
    expect(readdirSync(dir).sort()).toEqual(['r.svg', 'r.vl.json']);
  });

  it('writes nothing when the spec cannot be rendered', async () => {
    const dir = tempDir();
    const broken = { ...spec, layer: [{ mark: 'no-such-mark' }] } as unknown as TopLevelSpec;
    await expect(writeReport(dir, 'broken', broken)).rejects.toThrow();
    expect(readdirSync(dir)).toEqual([]);
  });

  it('rejects names that are not plain file names', async () => {
    for (const name of ['../x', 'a/b', '', '.hidden']) {
      await expect(writeReport(tempDir(), name, spec)).rejects.toThrow(/name must be a plain file name/);
    }
  });
});

describe('writeFileAtomic', () => {
  it('leaves no temporary file behind, and none when the write fails', async () => {
    const dir = tempDir();
    await writeFileAtomic(join(dir, 'a.txt'), 'hello');
    expect(readFileSync(join(dir, 'a.txt'), 'utf8')).toBe('hello');
    await expect(writeFileAtomic(join(dir, 'missing', 'b.txt'), 'x')).rejects.toThrow();
    expect(readdirSync(dir)).toEqual(['a.txt']);
  });
});
