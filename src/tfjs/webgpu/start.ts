// Starts tfjs's 'webgpu' backend on an adapter lrfind has looked at first. tfjs-backend-webgpu's own
// factory asks navigator.gpu for an adapter itself; lrfind registers its own factory instead, so the
// adapter it checked (hardware, or software only when asked) is the one that trains.
import * as tf from '@tensorflow/tfjs';
import { describeAdapter, type AdapterDescription } from './adapter.js';
import { importFailure, navigatorGpu, type GpuAdapterLike } from './navigator-gpu.js';
import { registerWebGpuTrainingKernels } from './kernels/register.js';

/** What `startWebGpu` set up, or null with the reason pushed onto `tried`. */
export interface WebGpuStarted {
  adapter: AdapterDescription;
  trainingKernels: string[];
}

type WebGpuBackendClass = new (device: unknown, adapterInfo: unknown) => tf.KernelBackend;

/** Limits tfjs-backend-webgpu needs above WebGPU's defaults (e.g. 128 MB storage buffers, not 128 KB). */
const LIMITS = [
  'maxComputeWorkgroupStorageSize',
  'maxComputeWorkgroupsPerDimension',
  'maxStorageBufferBindingSize',
  'maxBufferSize',
  'maxComputeWorkgroupSizeX',
  'maxComputeInvocationsPerWorkgroup',
];

async function requestDevice(adapter: GpuAdapterLike): Promise<unknown> {
  const requiredLimits: Record<string, number> = {};
  for (const name of LIMITS) {
    const value = adapter.limits[name];
    if (typeof value === 'number') requiredLimits[name] = value;
  }
  // Timestamps let tf.profile time kernels; nothing else needs a feature.
  const requiredFeatures = adapter.features.has('timestamp-query') ? ['timestamp-query'] : [];
  return adapter.requestDevice({ requiredFeatures, requiredLimits });
}

/** The adapter `auto` or an explicit request would train on, described; or why there is none. */
export async function findAdapter(): Promise<{ adapter: GpuAdapterLike; description: AdapterDescription } | { failure: string }> {
  const found = await navigatorGpu();
  if ('failure' in found) return found;
  let adapter: GpuAdapterLike | null;
  try {
    adapter = await found.gpu.requestAdapter({ powerPreference: 'high-performance' });
  } catch (error) {
    return { failure: `webgpu requestAdapter failed (${String((error as Error).message ?? error).split('\n')[0]})` };
  }
  if (adapter === null) return { failure: 'webgpu has no adapter (no GPU, or no Vulkan/Metal/D3D12 driver for one)' };
  return { adapter, description: describeAdapter(adapter.info, adapter.isFallbackAdapter) };
}

/**
 * Starts 'webgpu' with lrfind's training kernels on the high-performance adapter. A software
 * adapter is refused unless `allowSoftware`. Returns null, with the reason pushed onto `tried`, when
 * it cannot start.
 */
export async function startWebGpu(tried: string[], allowSoftware: boolean): Promise<WebGpuStarted | null> {
  const found = await findAdapter();
  if ('failure' in found) {
    tried.push(found.failure);
    return null;
  }
  const { adapter, description } = found;
  if (description.software && !allowSoftware) {
    tried.push(`webgpu adapter ${description.text} is software (${description.softwareBecause}), so not used`);
    return null;
  }
  let backendClass: WebGpuBackendClass;
  try {
    const specifier: string = '@tensorflow/tfjs-backend-webgpu';
    backendClass = ((await import(specifier)) as { WebGPUBackend: WebGpuBackendClass }).WebGPUBackend;
  } catch (error) {
    tried.push(`tfjs-backend-webgpu ${importFailure('@tensorflow/tfjs-backend-webgpu', error)}`);
    return null;
  }
  // Replace the package's own factory (registered at import, since navigator.gpu exists by now).
  if (tf.findBackendFactory('webgpu') !== null) tf.removeBackend('webgpu');
  tf.registerBackend('webgpu', async () => new backendClass(await requestDevice(adapter), adapter.info), 3);
  const trainingKernels = registerWebGpuTrainingKernels();
  // setBackend answers false when the factory throws (and tfjs only warns): say which it was.
  const started = await tf.setBackend('webgpu').catch((error: unknown) => {
    tried.push(`webgpu backend failed to start (${String((error as Error).message ?? error).split('\n')[0]})`);
    return null;
  });
  if (started === false) tried.push(`webgpu backend did not start on ${description.text}`);
  if (started !== true) return null;
  return { adapter: description, trainingKernels };
}
