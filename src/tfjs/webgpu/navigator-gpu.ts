// A `navigator.gpu` for Node, from Dawn's bindings (the optional npm package `webgpu`). Browsers
// and Deno have one already, and it is used as it is. tfjs-backend-webgpu registers its backend
// only if `navigator.gpu` exists when it is imported, so this runs before that import. Dawn is
// loaded here only once a child process has found a usable adapter (adapter-probe.ts), and then
// with the Vulkan loader pointed at the one driver that gave it, so the other drivers print nothing.
import { createRequire } from 'node:module';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { GpuAdapterInfoLike } from './adapter.js';
import { driverEnv } from './adapter-probe.js';

/** The parts of `GPUAdapter` lrfind uses (typed here: `webgpu` is an optional peer). */
export interface GpuAdapterLike {
  readonly info: GpuAdapterInfoLike;
  readonly isFallbackAdapter?: boolean;
  readonly features: ReadonlySet<string>;
  readonly limits: Readonly<Record<string, number>>;
  requestDevice(descriptor?: { requiredFeatures?: string[]; requiredLimits?: Record<string, number> }): Promise<unknown>;
}

export interface GpuLike {
  requestAdapter(options?: { powerPreference?: 'high-performance' | 'low-power'; forceFallbackAdapter?: boolean }): Promise<GpuAdapterLike | null>;
}

interface DawnModule {
  create(options: string[]): GpuLike;
  globals: Record<string, unknown>;
}

/** The runtime's own `navigator.gpu` (browsers, Deno), not one lrfind installed from Dawn. */
export function runtimeGpu(): GpuLike | undefined {
  if (installedGpu !== null) return undefined;
  const nav = (globalThis as { navigator?: { gpu?: GpuLike } }).navigator;
  return nav?.gpu ?? undefined;
}

let installedGpu: GpuLike | null = null;

/** Why an optional package's import failed: "not installed" or "failed to load (…)". */
export function importFailure(name: string, error: unknown): string {
  const { code, message } = error as { code?: string; message?: string };
  const text = String(message ?? error);
  if ((code === 'ERR_MODULE_NOT_FOUND' || code === 'MODULE_NOT_FOUND') && text.includes(name)) return 'not installed';
  return `failed to load (${text.split('\n')[0]})`;
}

/** Whether a package resolves from here. */
export function installed(name: string): boolean {
  try {
    createRequire(import.meta.url).resolve(name);
    return true;
  } catch {
    return false;
  }
}

/**
 * Runs `body` with the variables in `vars` set (and XDG_RUNTIME_DIR pointed at a fresh private
 * folder when unset: Mesa's drivers look for a Wayland display there and complain without one),
 * then puts the environment back exactly as it was.
 */
async function withEnvironment<T>(vars: Record<string, string>, body: () => Promise<T>): Promise<T> {
  const all = { ...vars };
  if (!process.env['XDG_RUNTIME_DIR']) all['XDG_RUNTIME_DIR'] = mkdtempSync(join(tmpdir(), 'lrfind-xdg-'));
  const saved = Object.keys(all).map((key) => [key, process.env[key]] as const);
  Object.assign(process.env, all);
  try {
    return await body();
  } finally {
    for (const [key, value] of saved) {
      if (value === undefined) delete process.env[key];
      else process.env[key] = value;
    }
  }
}

function install(module: DawnModule, gpu: GpuLike): void {
  // Dawn's classes and constants (GPUBufferUsage, …) that tfjs-backend-webgpu reads as globals;
  // never replace ones the runtime already has.
  const target = globalThis as Record<string, unknown>;
  for (const [name, value] of Object.entries(module.globals)) if (!(name in target)) target[name] = value;
  const nav = (globalThis as { navigator?: object }).navigator;
  if (nav !== undefined) {
    // Node 21+ has a navigator without gpu: add it, keep the rest.
    Object.defineProperty(nav, 'gpu', { value: gpu, configurable: true, enumerable: true });
  } else {
    Object.defineProperty(globalThis, 'navigator', { value: { gpu }, configurable: true, writable: true });
  }
  installedGpu = gpu;
}

/**
 * The high-performance adapter of Dawn in this process, Dawn loaded (once) with the Vulkan loader
 * reading only `icd` when given; or why there is none.
 */
export async function dawnAdapter(icd: string | null): Promise<{ adapter: GpuAdapterLike } | { failure: string }> {
  return withEnvironment(icd === null ? {} : driverEnv(icd), async () => {
    if (installedGpu === null) {
      let module: DawnModule;
      try {
        // A variable specifier: the package is an optional peer, absent in many installs.
        const specifier: string = 'webgpu';
        module = (await import(specifier)) as DawnModule;
      } catch (error) {
        return { failure: `webgpu ${importFailure('webgpu', error)}` };
      }
      install(module, module.create([]));
    }
    try {
      const adapter = await installedGpu!.requestAdapter({ powerPreference: 'high-performance' });
      return adapter === null ? { failure: 'webgpu has no adapter in this process' } : { adapter };
    } catch (error) {
      return { failure: `webgpu requestAdapter failed (${String((error as Error).message ?? error).split('\n')[0]})` };
    }
  });
}
