import { chmodSync, existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { writeFilesAtomically } from '../../src/io/output-folder.js';
import { tempDir } from '../cli/helpers.js';

describe('writeFilesAtomically', () => {
  it('creates the folder and writes every file under its name, leaving no temporary files', async () => {
    const dir = join(tempDir(), 'a', 'b');
    const paths = await writeFilesAtomically(dir, [
      { name: 'x.json', content: '{}' },
      { name: 'y.bin', content: new Uint8Array([1, 2, 3]) },
    ]);
    expect(paths).toEqual([join(dir, 'x.json'), join(dir, 'y.bin')]);
    expect(readdirSync(dir).sort()).toEqual(['x.json', 'y.bin']);
    expect([...readFileSync(join(dir, 'y.bin'))]).toEqual([1, 2, 3]);
  });

  it('replaces an older file whole', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'r.json'), 'old old old old');
    await writeFilesAtomically(dir, [{ name: 'r.json', content: 'new' }]);
    expect(readFileSync(join(dir, 'r.json'), 'utf8')).toBe('new');
  });

  it.skipIf(process.getuid?.() === 0)('leaves nothing behind when a write fails', async () => {
    const dir = tempDir();
    chmodSync(dir, 0o500);
    await expect(writeFilesAtomically(dir, [{ name: 'r.json', content: 'x' }])).rejects.toThrow();
    chmodSync(dir, 0o700);
    expect(readdirSync(dir)).toEqual([]);
  });

  it('touches nothing when a name is taken by a folder: no file of the set is replaced', async () => {
    const dir = tempDir();
    // A folder where a file should go: its rename fails after the temporary files were written.
    const blocked = join(dir, 'blocked');
    await writeFilesAtomically(blocked, [{ name: 'keep.txt', content: 'k' }]);
    writeFileSync(join(dir, 'ok.txt'), 'old');
    await expect(writeFilesAtomically(dir, [{ name: 'ok.txt', content: 'o' }, { name: 'blocked', content: 'b' }])).rejects.toThrow(
      `${dir}: blocked is a folder there; move it or choose another folder`,
    );
    expect(readdirSync(dir).filter((n) => n.endsWith('.tmp'))).toEqual([]);
    expect(readFileSync(join(dir, 'ok.txt'), 'utf8')).toBe('old');
    expect(existsSync(join(blocked, 'keep.txt'))).toBe(true);
  });
});
