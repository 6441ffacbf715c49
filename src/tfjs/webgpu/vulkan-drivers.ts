// On Linux, Dawn reaches a GPU only through a Vulkan driver, announced by an ICD json file. Looking
// for those files first lets `auto` skip Dawn on machines with none: loading it costs ~0.5 s and
// prints native warnings ("vkCreateInstance: Found no drivers!") that lrfind cannot silence.
import { existsSync, readdirSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';

/** Where the Vulkan loader looks for ICD files (its documented Linux search path). */
function icdFolders(): string[] {
  const dataHome = process.env['XDG_DATA_HOME'] || join(homedir(), '.local', 'share');
  const dataDirs = (process.env['XDG_DATA_DIRS'] || '/usr/local/share:/usr/share').split(':');
  const configDirs = (process.env['XDG_CONFIG_DIRS'] || '/etc/xdg').split(':');
  return [...configDirs, '/etc', dataHome, ...dataDirs].filter((d) => d !== '').map((d) => join(d, 'vulkan', 'icd.d'));
}

function jsonFiles(folder: string): string[] {
  try {
    return readdirSync(folder).filter((f) => f.endsWith('.json')).map((f) => join(folder, f));
  } catch {
    return [];
  }
}

/**
 * The Vulkan driver manifests the loader would read, or null off Linux (where Dawn uses Metal or
 * D3D12 and lrfind does not guess). VK_DRIVER_FILES / VK_ICD_FILENAMES replace the search, as in
 * the loader.
 */
export function vulkanDrivers(): string[] | null {
  if (process.platform !== 'linux') return null;
  const explicit = driversChosenByUser();
  if (explicit) return explicit.split(':').filter((f) => f !== '' && existsSync(f));
  return icdFolders().flatMap(jsonFiles);
}

/** VK_DRIVER_FILES or VK_ICD_FILENAMES when the user set one: then the loader reads only those. */
export function driversChosenByUser(): string | undefined {
  return process.env['VK_DRIVER_FILES'] || process.env['VK_ICD_FILENAMES'] || undefined;
}

/**
 * Whether a GPU device node exists (a DRM render node, NVIDIA's, AMD's compute node, WSL's D3D12
 * one): a hardware Vulkan driver needs one, so without any only software adapters can exist. Null
 * off Linux.
 */
export function hasGpuDevice(): boolean | null {
  if (process.platform !== 'linux') return null;
  const dri = (() => {
    try {
      return readdirSync('/dev/dri').some((name) => name.startsWith('renderD') || name.startsWith('card'));
    } catch {
      return false;
    }
  })();
  return dri || ['/dev/nvidia0', '/dev/nvidiactl', '/dev/kfd', '/dev/dxg'].some((node) => existsSync(node));
}
