// Writing reports to disk: never a half-written file, even if the process dies mid-write.
import { randomBytes } from 'node:crypto';
import { mkdir, rename, unlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { renderSvg, type AnySpec } from './render-svg.js';

/** Writes `content` to a temporary file beside `path`, then renames it over `path` (atomic on one file system). */
export async function writeFileAtomic(path: string, content: string): Promise<void> {
  // The random suffix only names the temporary file; it never reaches the output.
  const tmp = `${path}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
  try {
    await writeFile(tmp, content, 'utf8');
    await rename(tmp, path);
  } catch (error) {
    await unlink(tmp).catch(() => undefined);
    throw error;
  }
}

export interface WrittenReport {
  svgPath: string;
  specPath: string;
}

const NAME = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;

/**
 * Renders `spec` and writes `<dir>/<name>.svg` and `<dir>/<name>.vl.json` (the spec, to open in the
 * Vega editor), creating `dir` if needed. The SVG is rendered before anything is written.
 */
export async function writeReport(dir: string, name: string, spec: AnySpec): Promise<WrittenReport> {
  if (!NAME.test(name)) throw new RangeError(`name must be a plain file name (letters, digits, . _ -), got ${JSON.stringify(name)}`);
  const svg = await renderSvg(spec);
  await mkdir(dir, { recursive: true });
  const svgPath = join(dir, `${name}.svg`);
  const specPath = join(dir, `${name}.vl.json`);
  await writeFileAtomic(specPath, `${JSON.stringify(spec, null, 2)}\n`);
  await writeFileAtomic(svgPath, `${svg}\n`);
  return { svgPath, specPath };
}
