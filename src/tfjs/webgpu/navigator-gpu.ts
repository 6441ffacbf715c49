// A `navigator.gpu` for Node, from Dawn's bindings (the optional npm package `webgpu`). Browsers
// and Deno have one already, and it is used as it is. tfjs-backend-webgpu registers its backend
// only if `navigator.gpu` exists when it is imported, so this runs before that import.
import { createRequire } from 'node:module';
import type { GpuAdapterInfoLike } from './adapter.js';
import { vulkanDrivers } from './vulkan-drivers.js';

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

type Found = { gpu: GpuLike } | { failure: string };

let dawn: Promise<Found> | null = null;

function existingGpu(): GpuLike | undefined {
  const nav = (globalThis as { navigator?: { gpu?: GpuLike } }).navigator;
  return nav?.gpu ?? undefined;
}

/** Why an optional package's import failed: "not installed" or "failed to load (…)". */
export function importFailure(name: string, error: unknown): string {
  const { code, message } = error as { code?: string; message?: string };
  const text = String(message ?? error);
  if ((code === 'ERR_MODULE_NOT_FOUND' || code === 'MODULE_NOT_FOUND') && text.includes(name)) return 'not installed';
  return `failed to load (${text.split('\n')[0]})`;
}

function installed(name: string): boolean {
  try {
    createRequire(import.meta.url).resolve(name);
    return true;
  } catch {
    return false;
  }
}

async function fromDawn(): Promise<Found> {
  if (!installed('webgpu')) return { failure: 'webgpu not installed' };
  // Without a Vulkan driver Dawn has nothing to offer on Linux: do not load it (see vulkan-drivers.ts).
  if (vulkanDrivers()?.length === 0) return { failure: 'webgpu has no Vulkan driver to use (no ICD file in /usr/share/vulkan/icd.d or /etc/vulkan/icd.d; VK_ICD_FILENAMES unset)' };
  let module: DawnModule;
  try {
    // A variable specifier: the package is an optional peer, absent in many installs.
    const specifier: string = 'webgpu';
    module = (await import(specifier)) as DawnModule;
  } catch (error) {
    return { failure: `webgpu ${importFailure('webgpu', error)}` };
  }
  // Dawn's classes and constants (GPUBufferUsage, …) that tfjs-backend-webgpu reads as globals;
  // never replace ones the runtime already has.
  const target = globalThis as Record<string, unknown>;
  for (const [name, value] of Object.entries(module.globals)) if (!(name in target)) target[name] = value;
  const gpu = module.create([]);
  const nav = (globalThis as { navigator?: object }).navigator;
  if (nav !== undefined) {
    // Node 21+ has a navigator without gpu: add it, keep the rest.
    Object.defineProperty(nav, 'gpu', { value: gpu, configurable: true, enumerable: true });
  } else {
    Object.defineProperty(globalThis, 'navigator', { value: { gpu }, configurable: true, writable: true });
  }
  return { gpu };
}

/**
 * Returns the runtime's `navigator.gpu`, installing Dawn's (npm `webgpu`) when there is none, or
 * why there is none ("webgpu not installed", "webgpu failed to load (…)"). Dawn is set up once.
 */
export async function navigatorGpu(): Promise<Found> {
  const gpu = existingGpu();
  if (gpu !== undefined) return { gpu };
  dawn ??= fromDawn();
  const found = await dawn;
  // Look again next time: a Vulkan driver may have been pointed at since (VK_ICD_FILENAMES).
  if ('failure' in found) dawn = null;
  return found;
}
