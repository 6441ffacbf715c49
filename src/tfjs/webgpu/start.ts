// Starts tfjs's 'webgpu' backend on an adapter lrfind has looked at first. tfjs-backend-webgpu's own
// factory asks navigator.gpu for an adapter itself; lrfind registers its own factory instead, so the
// adapter it checked (hardware, or software only when asked) is the one that trains.
import * as tf from '@tensorflow/tfjs';
import { describeAdapter, softwareRefused, type AdapterDescription } from './adapter.js';
import { probeAdapters } from './adapter-probe.js';
import { dawnAdapter, importFailure, installed, runtimeGpu, type GpuAdapterLike, type GpuLike } from './navigator-gpu.js';
import { driversChosenByUser, vulkanDrivers } from './vulkan-drivers.js';
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

/** An adapter found for training: described, and where it comes from. */
export interface FoundAdapter {
  description: AdapterDescription;
  /** The runtime's own adapter (a browser's, Deno's), already in hand. */
  adapter?: GpuAdapterLike;
  /** Dawn in Node: the Vulkan driver manifest that gives it (null: the loader's own search). */
  icd: string | null;
}

async function runtimeAdapter(gpu: GpuLike): Promise<FoundAdapter | { failure: string }> {
  let adapter: GpuAdapterLike | null;
  try {
    adapter = await gpu.requestAdapter({ powerPreference: 'high-performance' });
  } catch (error) {
    return { failure: `webgpu requestAdapter failed (${String((error as Error).message ?? error).split('\n')[0]})` };
  }
  if (adapter === null) return { failure: NO_ADAPTER };
  return { adapter, icd: null, description: describeAdapter(adapter.info, adapter.isFallbackAdapter) };
}

const NO_ADAPTER = 'webgpu has no adapter (no GPU, or no Vulkan/Metal/D3D12 driver for one)';

/**
 * The adapter `auto` or an explicit request would train on, described (a hardware one first); or
 * why there is none. In Node, Dawn is asked in child processes (nothing is printed, nothing loaded
 * here); a runtime with its own navigator.gpu is asked directly.
 */
export async function findAdapter(): Promise<FoundAdapter | { failure: string }> {
  const gpu = runtimeGpu();
  if (gpu !== undefined) return runtimeAdapter(gpu);
  if (!installed('webgpu')) return { failure: 'webgpu not installed' };
  const drivers = vulkanDrivers();
  // Without a Vulkan driver Dawn has nothing to offer on Linux: do not even start a child.
  if (drivers?.length === 0) return { failure: 'webgpu has no Vulkan driver to use (no ICD file in /usr/share/vulkan/icd.d or /etc/vulkan/icd.d; VK_ICD_FILENAMES unset)' };
  const probed = await probeAdapters(driversChosenByUser() === undefined ? drivers : null);
  if ('failure' in probed) return probed;
  const found = probed.adapters.map((a) => ({ icd: a.icd, description: describeAdapter(a.info) }));
  return found.find((a) => !a.description.software) ?? found[0] ?? { failure: NO_ADAPTER };
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
  const { description } = found;
  if (description.software && !allowSoftware) {
    tried.push(softwareRefused(description));
    return null;
  }
  const inProcess = found.adapter !== undefined ? { adapter: found.adapter } : await dawnAdapter(found.icd);
  if ('failure' in inProcess) {
    tried.push(inProcess.failure);
    return null;
  }
  const { adapter } = inProcess;
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
