// Looks for WebGPU adapters in child processes. Dawn and the Vulkan drivers print warnings on the
// process's own stderr while they enumerate adapters (Mesa's drivers on a machine without a GPU:
// "XDG_RUNTIME_DIR is invalid", "shaderUniform*ArrayDynamicIndexing required"), which no JS code can
// silence. In a child, that output is thrown away; the parent loads Dawn only once a usable adapter
// is known, and then from the one driver that gives it.
import { execFile } from 'node:child_process';
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import type { GpuAdapterInfoLike } from './adapter.js';

/** One adapter found by a child, and the Vulkan driver manifest (ICD file) that gave it (null: the loader's own search). */
export interface ProbedAdapter {
  icd: string | null;
  info: GpuAdapterInfoLike;
}

export type ProbeResult = { adapters: ProbedAdapter[] } | { failure: string };

/**
 * The child's program: load Dawn from the URL it is given, ask for the high-performance adapter and
 * print its info as one JSON line (then exit: Dawn's instance would keep the process alive).
 */
const CHILD_SOURCE = `
const text = (v) => (typeof v === 'string' ? v : '');
const print = (answer) => { process.stdout.write(JSON.stringify(answer) + '\\n'); process.exit(0); };
try {
  const dawn = await import(process.argv[1]);
  const adapter = await dawn.create([]).requestAdapter({ powerPreference: 'high-performance' });
  const info = adapter?.info ?? {};
  print({ adapter: adapter === null ? null : {
    vendor: text(info.vendor), architecture: text(info.architecture), device: text(info.device), description: text(info.description),
    isFallbackAdapter: info.isFallbackAdapter === true || adapter.isFallbackAdapter === true,
  } });
} catch (error) {
  print({ adapter: null, failure: String(error?.message ?? error).split('\\n')[0] });
}
`;

/** Dawn starts in well under a second; a driver that hangs must not hang lrfind. */
const TIMEOUT_MS = 30_000;

interface ChildAnswer {
  adapter: (GpuAdapterInfoLike & { isFallbackAdapter: boolean }) | null;
  failure?: string;
}

/** The environment that makes the Vulkan loader read only `icd`. */
export function driverEnv(icd: string): Record<string, string> {
  return { VK_DRIVER_FILES: icd, VK_ICD_FILENAMES: icd };
}

function runChild(dawn: string, icd: string | null): Promise<ChildAnswer> {
  const env = { ...process.env, ...(icd === null ? {} : driverEnv(icd)) };
  const args = ['--input-type=module', '--eval', CHILD_SOURCE, dawn];
  return new Promise((resolve) => {
    execFile(process.execPath, args, { env, timeout: TIMEOUT_MS, maxBuffer: 1 << 20, windowsHide: true }, (error, stdout) => {
      const line = stdout.trim().split('\n').at(-1) ?? '';
      try {
        resolve(JSON.parse(line) as ChildAnswer);
      } catch {
        const why = error === null ? 'no answer' : error.killed ? `no answer within ${TIMEOUT_MS / 1000} s` : `exit ${String(error.code)}`;
        resolve({ adapter: null, failure: `the adapter probe failed (${why})` });
      }
    });
  });
}

/**
 * The adapters Dawn offers, one child per Vulkan driver manifest in `drivers` (in parallel), or one
 * child with the loader's own search when `drivers` is null (off Linux, or the user chose the
 * drivers with VK_DRIVER_FILES / VK_ICD_FILENAMES). Nothing is printed.
 */
export async function probeAdapters(drivers: readonly string[] | null): Promise<ProbeResult> {
  let dawn: string;
  try {
    dawn = pathToFileURL(createRequire(import.meta.url).resolve('webgpu')).href;
  } catch {
    return { failure: 'webgpu not installed' };
  }
  const targets: (string | null)[] = drivers === null ? [null] : [...drivers];
  const answers = await Promise.all(targets.map((icd) => runChild(dawn, icd)));
  const adapters: ProbedAdapter[] = [];
  answers.forEach((answer, i) => {
    if (answer.adapter !== null) adapters.push({ icd: targets[i]!, info: answer.adapter });
  });
  if (adapters.length > 0) return { adapters };
  const failure = answers.find((a) => a.failure !== undefined)?.failure;
  return failure !== undefined && answers.every((a) => a.failure !== undefined) ? { failure: `webgpu failed to load (${failure})` } : { adapters };
}
