// Points Dawn at lavapipe when scripts/install-lavapipe.sh has installed it, and says whether the
// webgpu tests can run here (not a test file itself). Must run before Dawn loads: the Vulkan loader
// reads VK_ICD_FILENAMES once, when Dawn creates its instance.
import { accessSync, constants, existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { findAdapter } from '../../../src/tfjs/webgpu/start.js';

const DIR = process.env['LRFIND_LAVAPIPE_DIR'] ?? '/opt/lrfind/lavapipe';

function writable(folder: string): boolean {
  try {
    accessSync(folder, constants.W_OK);
    return true;
  } catch {
    return false;
  }
}

function resolvable(name: string): boolean {
  try {
    createRequire(import.meta.url).resolve(name);
    return true;
  } catch {
    return false;
  }
}

/** Whether a webgpu adapter (lavapipe here, or a real GPU) exists; if not, why, for the skip note. */
export async function webGpuForTests(): Promise<{ ok: true; adapter: string } | { ok: false; why: string }> {
  const icd = join(DIR, 'lvp_icd.json');
  if (process.env['VK_ICD_FILENAMES'] === undefined && existsSync(icd)) process.env['VK_ICD_FILENAMES'] = icd;
  // Mesa's shader cache defaults to ~/.cache; keep it beside lavapipe (or in the temp folder).
  const cache = join(DIR, 'shader-cache');
  process.env['MESA_SHADER_CACHE_DIR'] ??= writable(cache) ? cache : join(tmpdir(), 'lrfind-mesa-shader-cache');
  if (!resolvable('@tensorflow/tfjs-backend-webgpu')) return { ok: false, why: '@tensorflow/tfjs-backend-webgpu is not installed' };
  const found = await findAdapter();
  if ('failure' in found) return { ok: false, why: `${found.failure} (lavapipe: bash scripts/install-lavapipe.sh)` };
  return { ok: true, adapter: found.description.text };
}

/** The line a skipped webgpu test file prints, so a green run still says what it did not check. */
export function skipNote(file: string, why: string): void {
  console.log(`note: ${file} skipped: ${why}`);
}
