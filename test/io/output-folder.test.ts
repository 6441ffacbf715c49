// checkOutDir and createFolders on their own: bounded creation, a probe that never replaces a file,
// and a read-only place (simulated: tests run as root, for whom every real folder is writable).
import * as fs from 'node:fs';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkOutputFolder as checkOutDir, OutputFolderError, createFolders, type OutDirFs } from '../../src/io/output-folder.js';
import { tempDir } from '../cli/helpers.js';

const readOnly = (error: string): OutDirFs => ({
  ...fs,
  writeFileSync: () => {
    throw Object.assign(new Error(error), { code: error });
  },
});

describe('checkOutDir', () => {
  it('leaves an existing folder as it was: the probe file is gone and nothing else changed', () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'mine.txt'), 'mine');
    checkOutDir(dir);
    expect(readdirSync(dir)).toEqual(['mine.txt']);
    expect(readFileSync(join(dir, 'mine.txt'), 'utf8')).toBe('mine');
  });

  it('creates a missing folder to try it, then removes what it created', () => {
    const root = tempDir();
    checkOutDir(join(root, 'a', 'b', 'c'));
    expect(readdirSync(root)).toEqual([]);
  });

  it('says a read-only place cannot be written, and removes the folders it made', () => {
    const root = tempDir();
    const out = join(root, 'a', 'b');
    expect(() => checkOutDir(out, readOnly('EROFS'))).toThrow(`${out}: cannot write there (EROFS: read-only file system)`);
    expect(() => checkOutDir(out, readOnly('EACCES'))).toThrow(/cannot write there \(EACCES: permission denied\)$/);
    expect(existsSync(join(root, 'a'))).toBe(false);
  });

  it('names the part of the path that is a file, and refuses /proc and /sys', () => {
    const root = tempDir();
    writeFileSync(join(root, 'f'), '');
    expect(() => checkOutDir(join(root, 'f', 'x', 'y'))).toThrow(`${join(root, 'f', 'x', 'y')}: ${join(root, 'f')} is a file, not a folder`);
    expect(() => checkOutDir(join(root, 'f'))).toThrow(`${join(root, 'f')} is a file, not a folder`);
    expect(() => checkOutDir('/proc/1/x')).toThrow("/proc/1/x: /proc is the kernel's virtual file system, not a place for files; choose another folder");
    expect(() => checkOutDir('/sys')).toThrow(/\/sys is the kernel's virtual file system/);
    expect(() => checkOutDir('/sys')).toThrow(OutputFolderError);
    expect(() => checkOutDir('  ')).toThrow("an output folder is needed, got an empty name");
  });
});

describe('createFolders', () => {
  it('creates each missing level once, topmost first, and reports a level it cannot create', () => {
    const root = tempDir();
    const made = createFolders(join(root, 'x', 'y'));
    expect(made).toEqual([join(root, 'x'), join(root, 'x', 'y')]);
    expect(createFolders(join(root, 'x', 'y'))).toEqual([]);
    let calls = 0;
    const failing: OutDirFs = {
      ...fs,
      mkdirSync: () => {
        calls++;
        throw Object.assign(new Error('ENOENT'), { code: 'ENOENT' }); // what mkdir says under /proc
      },
    };
    expect(() => createFolders(join(root, 'p', 'q'), failing)).toThrow(/^.*\/p\/q: cannot create the folder .*p \(ENOENT: no such folder\)$/);
    expect(calls).toBe(1); // one try per level, never a retry loop
  });
});
