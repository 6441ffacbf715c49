// What a WebGPU adapter is, in words, and whether it is software. `auto` must never train on a
// software adapter (lavapipe, llvmpipe, SwiftShader, WARP): they are tens of times slower than wasm
// for training, and a machine without a GPU reports one as its only adapter. Pure: no tfjs, no Dawn.

/** The fields of a `GPUAdapterInfo` lrfind reads (Dawn fills them; browsers may leave some empty). */
export interface GpuAdapterInfoLike {
  vendor?: string;
  architecture?: string;
  device?: string;
  description?: string;
  /** Newer spec: the fallback flag moved here from the adapter. */
  isFallbackAdapter?: boolean;
}

/** An adapter as lrfind describes it (`BackendInfo.adapter`, `lrfind backends`). */
export interface AdapterDescription {
  vendor: string;
  architecture: string;
  device: string;
  description: string;
  /** The adapter says it is a fallback adapter (WebGPU's word for "may be slow, e.g. software"). */
  fallback: boolean;
  /** Fallback, architecture 'software', or a known software rasterizer's name. */
  software: boolean;
  /** Why it counts as software, e.g. "fallback adapter, architecture 'software', llvmpipe"; empty when it does not. */
  softwareBecause: string;
  /** One line: "llvmpipe: Mesa 25.0.7 (LLVM 15.0.6) [mesa, software]". */
  text: string;
}

/** Names that only software rasterizers report (vendor, device or description strings). */
const SOFTWARE_NAMES = ['llvmpipe', 'lavapipe', 'swiftshader', 'softpipe', 'microsoft basic render', 'warp'];

function nameIn(text: string, name: string): boolean {
  // Whole words only: 'warp' must not match 'warpspeed', but does match 'Microsoft WARP'.
  return new RegExp(`(^|[^a-z])${name}([^a-z]|$)`, 'i').test(text);
}

/** Describes an adapter from its info (and the adapter's own `isFallbackAdapter`, older spec). */
export function describeAdapter(info: GpuAdapterInfoLike, adapterIsFallback?: boolean): AdapterDescription {
  const vendor = info.vendor ?? '';
  const architecture = info.architecture ?? '';
  const device = info.device ?? '';
  const description = info.description ?? '';
  const fallback = info.isFallbackAdapter === true || adapterIsFallback === true;
  const because: string[] = [];
  if (fallback) because.push('fallback adapter');
  if (architecture.toLowerCase() === 'software') because.push("architecture 'software'");
  const strings = [vendor, device, description].join(' ');
  for (const name of SOFTWARE_NAMES) if (nameIn(strings, name)) because.push(name);
  const software = because.length > 0;
  const name = description || device || 'unnamed adapter';
  const tags = [vendor, architecture, software ? 'software' : ''].filter((t, i, all) => t !== '' && all.indexOf(t) === i);
  return {
    vendor, architecture, device, description, fallback, software,
    softwareBecause: because.join(', '),
    text: tags.length > 0 ? `${name} [${tags.join(', ')}]` : name,
  };
}

/** Why a software adapter is not used, naming the option that allows it (one rule in Node and in the browser). */
export function softwareRefused(description: AdapterDescription, where: 'node' | 'browser' = 'node'): string {
  const how = where === 'node' ? 'allowSoftwareAdapter: true or LRFIND_WEBGPU_ALLOW_SOFTWARE=1' : 'allowSoftwareAdapter: true';
  return `webgpu adapter ${description.text} is software, so not used (${how} trains on it anyway)`;
}
