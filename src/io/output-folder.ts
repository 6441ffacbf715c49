// Output folders: checked before any work, so that a run is never wasted on a place it cannot
// write, and never hangs; then written so that no file is ever left half-written. Every check is a
// plain fs call that returns: folders are created one level at a time (a recursive mkdir never
// returns under /proc, whose mkdir answers ENOENT for a parent that exists), and the kernel's
// virtual filesystems are refused outright. The one writer of lrfind's files (CLI, apps, gallery).
import * as nodeFs from 'node:fs';
import { rename, rm, writeFile } from 'node:fs/promises';
import { basename, dirname, join, relative, resolve, sep } from 'node:path';
import type { OutputFile } from './output-file.js';

export type { OutputFile } from './output-file.js';

/** An output folder that cannot be used; the message starts with the folder as given (the CLI puts `--out ` before it). */
export class OutputFolderError extends Error {
  override name = 'OutputFolderError';
}

/** The fs calls the check makes (tests pass a failing one). */
export type OutDirFs = Pick<typeof nodeFs, 'statSync' | 'realpathSync' | 'mkdirSync' | 'rmdirSync' | 'writeFileSync' | 'unlinkSync'>;

/** The kernel's virtual filesystems: nothing lrfind writes belongs there. */
const VIRTUAL = ['/proc', '/sys'];

const WORDS: Record<string, string> = {
  EACCES: 'permission denied',
  EPERM: 'operation not permitted',
  EROFS: 'read-only file system',
  ENOSPC: 'no space left on the device',
  EDQUOT: 'disk quota exceeded',
  ENAMETOOLONG: 'name too long',
  ELOOP: 'too many symbolic links',
  EEXIST: 'something else has that name',
  ENOENT: 'no such folder',
  ENOTDIR: 'a part of the path is a file',
};

/** "EROFS: read-only file system" for an fs error. */
export function fsReason(error: unknown): string {
  const code = (error as NodeJS.ErrnoException)?.code;
  if (code === undefined) return (error as Error)?.message?.split('\n')[0] ?? 'error';
  return WORDS[code] ? `${code}: ${WORDS[code]}` : code;
}

function statOrNull(fs: OutDirFs, path: string): nodeFs.Stats | null {
  try {
    return fs.statSync(path);
  } catch {
    return null;
  }
}

/** The deepest existing folder on the way to `folder` (an absolute path), and the parts below it. */
function existingBase(fs: OutDirFs, folder: string, dir: string): { base: string; missing: string[] } {
  const missing: string[] = [];
  let base = folder;
  for (;;) {
    const stat = statOrNull(fs, base);
    if (stat !== null) {
      if (!stat.isDirectory()) {
        throw new OutputFolderError(base === folder ? `${dir} is a file, not a folder` : `${dir}: ${base} is a file, not a folder`);
      }
      return { base, missing };
    }
    const parent = dirname(base);
    if (parent === base) return { base, missing }; // the root: it always exists
    missing.unshift(basename(base));
    base = parent;
  }
}

function refuseVirtual(fs: OutDirFs, base: string, missing: readonly string[], dir: string): void {
  let real = base;
  try {
    real = fs.realpathSync(base); // a symlink into /proc is /proc
  } catch {
    // Keep the path as given.
  }
  const full = join(real, ...missing);
  const root = VIRTUAL.find((v) => full === v || full.startsWith(v + sep));
  if (root !== undefined) {
    throw new OutputFolderError(`${dir}: ${root} is the kernel's virtual file system, not a place for files; choose another folder`);
  }
}

/**
 * Creates `dir` and its missing parents one level at a time (each call returns) and gives the
 * folders it created, topmost first. Throws a one-line OutputFolderError on any failure.
 */
export function createFolders(dir: string, fs: OutDirFs = nodeFs): string[] {
  if (dir.trim() === '') throw new OutputFolderError('an output folder is needed, got an empty name');
  const folder = resolve(dir);
  const { base, missing } = existingBase(fs, folder, dir);
  refuseVirtual(fs, base, missing, dir);
  const created: string[] = [];
  let path = base;
  for (const part of missing) {
    path = join(path, part);
    try {
      fs.mkdirSync(path);
      created.push(path);
    } catch (error) {
      const where = path === folder ? 'the folder' : `the folder ${relative(process.cwd(), path) || path}`;
      throw new OutputFolderError(`${dir}: cannot create ${where} (${fsReason(error)})`);
    }
  }
  return created;
}

/** Removes folders `createFolders` made, deepest first; only empty ones (never anything inside). */
function removeFolders(fs: OutDirFs, created: readonly string[]): void {
  for (const path of [...created].reverse()) {
    try {
      fs.rmdirSync(path);
    } catch {
      return; // not empty any more, or gone: leave it
    }
  }
}

/**
 * Checks that `dir` is a folder lrfind can write to, before any work: creates it (and its parents)
 * if missing, writes and removes a probe file, then removes the folders it created, so a command
 * that fails later leaves nothing behind. Refuses /proc and /sys. Throws a one-line
 * OutputFolderError that names the folder and the reason.
 */
export function checkOutputFolder(dir: string, fs: OutDirFs = nodeFs): void {
  const created = createFolders(dir, fs);
  const probe = join(resolve(dir), `.lrfind-write-check-${process.pid}`);
  try {
    fs.writeFileSync(probe, '', { flag: 'wx' }); // 'wx': never replaces a file that is there
    fs.unlinkSync(probe);
  } catch (error) {
    throw new OutputFolderError(`${dir}: cannot write there (${fsReason(error)})`);
  } finally {
    removeFolders(fs, created);
  }
}

/**
 * Writes `files` into `dir` (created when missing, one level at a time: see `createFolders`) and
 * returns their absolute paths. Every file goes to a temporary name in the folder first and is
 * renamed into place once all were written: a file already there is replaced whole, and nothing
 * is touched when one of the names is taken by a folder.
 */
export async function writeFilesAtomically(dir: string, files: readonly OutputFile[]): Promise<string[]> {
  const folder = resolve(dir);
  createFolders(dir);
  for (const f of files) {
    if (statOrNull(nodeFs, join(folder, f.name))?.isDirectory()) {
      throw new OutputFolderError(`${dir}: ${f.name} is a folder there; move it or choose another folder`);
    }
  }
  const temps = files.map((f) => join(folder, `.${f.name}.${process.pid}.tmp`));
  try {
    await Promise.all(files.map((f, i) => writeFile(temps[i]!, f.content)));
    // Renames within one folder are atomic: each file appears complete or not at all.
    for (const [i, f] of files.entries()) await rename(temps[i]!, join(folder, f.name));
  } catch (error) {
    await Promise.all(temps.map((t) => rm(t, { force: true })));
    throw new OutputFolderError(`${dir}: cannot write the files (${fsReason(error)})`);
  }
  return files.map((f) => join(folder, f.name));
}
