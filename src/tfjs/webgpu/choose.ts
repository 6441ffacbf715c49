// initBackend's webgpu step: starts it, or says why not, in the words `BackendInfo.reason` uses.
import { EnvironmentError, type BackendInfo } from '../backend-types.js';
import { startWebGpu } from './start.js';
import { hasGpuDevice } from './vulkan-drivers.js';

const ENV = 'LRFIND_WEBGPU_ALLOW_SOFTWARE';

/** `allowSoftwareAdapter`, overridden by LRFIND_WEBGPU_ALLOW_SOFTWARE (1/true/yes or 0/false/no). */
export function allowSoftwareAdapter(option: boolean | undefined): boolean {
  const fromEnv = process.env[ENV]?.trim().toLowerCase();
  if (fromEnv === undefined || fromEnv === '') return option ?? false;
  if (['1', 'true', 'yes'].includes(fromEnv)) return true;
  if (['0', 'false', 'no'].includes(fromEnv)) return false;
  throw new EnvironmentError(`${ENV} must be 1 or 0, got ${process.env[ENV]}`);
}

/**
 * Starts webgpu; null (and the reason on `tried`) when a package, an adapter or the backend is
 * missing, or when the adapter is software and `allowSoftware` is false (always so for `auto`).
 */
export async function tryWebGpu(tried: string[], allowSoftware: boolean, auto = false): Promise<BackendInfo | null> {
  // \`auto\` takes hardware adapters only, and on Linux those need a GPU device node: without one, do not even look.
  if (auto && hasGpuDevice() === false) {
    tried.push('webgpu: no GPU here (no /dev/dri render node, /dev/nvidia*, /dev/kfd or /dev/dxg)');
    return null;
  }
  const started = await startWebGpu(tried, allowSoftware);
  if (started === null) return null;
  const { adapter, trainingKernels } = started;
  const kind = adapter.software ? `a software adapter (${adapter.softwareBecause}): slow, for tests and checks` : 'a hardware adapter';
  return {
    backend: 'webgpu',
    reason: [...tried, `using webgpu on ${adapter.text}, ${kind}`].join('; '),
    package: '@tensorflow/tfjs-backend-webgpu',
    trainingKernels,
    adapter,
  };
}
