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
  const explicit = process.env['VK_DRIVER_FILES'] || process.env['VK_ICD_FILENAMES'];
  if (explicit) return explicit.split(':').filter((f) => f !== '' && existsSync(f));
  return icdFolders().flatMap(jsonFiles);
}
