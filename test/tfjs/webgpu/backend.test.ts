// initBackend and webgpu: an explicit request may use a software adapter only when asked, and
// `auto` never does. Runs where a webgpu adapter exists (lavapipe in CI), else skips.
import * as tf from '@tensorflow/tfjs';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { BACKEND_CHOICES, initBackend } from '../../../src/tfjs/backend.js';
import { skipNote, webGpuForTests } from './lavapipe.js';

const gpu = await webGpuForTests();
if (!gpu.ok) skipNote('test/tfjs/webgpu/backend.test.ts (all but the first test)', gpu.why);
const software = gpu.ok && /\bsoftware\b/.test(gpu.adapter);
const nativeInstalled = ['@tensorflow/tfjs-node', '@tensorflow/tfjs-node-gpu'].some((name) => {
  try {
    createRequire(import.meta.url).resolve(name);
    return true;
  } catch {
    return false;
  }
});

async function withEnv<T>(name: string, value: string | undefined, run: () => Promise<T>): Promise<T> {
  const saved = process.env[name];
  if (value === undefined) delete process.env[name];
  else process.env[name] = value;
  try {
    return await run();
  } finally {
    if (saved === undefined) delete process.env[name];
    else process.env[name] = saved;
  }
}

describe('webgpu in initBackend', () => {
  it("is a backend choice (the CLI's --backend list comes from BACKEND_CHOICES)", () => {
    expect(BACKEND_CHOICES).toEqual(['auto', 'tensorflow', 'webgpu', 'wasm', 'cpu']);
  });

  it.skipIf(!software)('refuses a software adapter unless asked, in one line naming it', async () => {
    await withEnv('LRFIND_WEBGPU_ALLOW_SOFTWARE', undefined, async () => {
      const error = await initBackend('webgpu').catch((e: Error) => e);
      expect(error).toBeInstanceOf(Error);
      expect((error as Error).message).toMatch(/^backend 'webgpu' could not start: webgpu adapter .* is software, so not used \(allowSoftwareAdapter: true or LRFIND_WEBGPU_ALLOW_SOFTWARE=1 trains on it anyway\)$/);
      expect((error as Error).message).not.toContain('\n');
    });
  });

  it.skipIf(!gpu.ok)('starts on the adapter with allowSoftwareAdapter, says which and whether it is software, and caches', async () => {
    await withEnv('LRFIND_WEBGPU_ALLOW_SOFTWARE', undefined, async () => {
      const info = await initBackend('webgpu', { allowSoftwareAdapter: true });
      expect(info.backend).toBe('webgpu');
      expect(tf.getBackend()).toBe('webgpu');
      expect(info.package).toBe('@tensorflow/tfjs-backend-webgpu');
      expect(info.trainingKernels).toEqual(['MaxPoolGrad', 'UnsortedSegmentSum']);
      expect(info.adapter?.software).toBe(software);
      expect(info.reason).toContain(`using webgpu on ${gpu.ok ? gpu.adapter : ''}`);
      if (software) expect(info.reason).toMatch(/a software adapter \(.*\): slow, for tests and checks$/);
      expect(await initBackend('webgpu', { allowSoftwareAdapter: true })).toBe(info);
      const squared = tf.tidy(() => tf.tensor([1, 2, 3]).square());
      expect(Array.from(await squared.data())).toEqual([1, 4, 9]);
      squared.dispose();
    });
  });

  it.skipIf(!gpu.ok)('takes LRFIND_WEBGPU_ALLOW_SOFTWARE=1 instead of the option, and rejects a bad value', async () => {
    await withEnv('LRFIND_WEBGPU_ALLOW_SOFTWARE', '1', async () => {
      expect((await initBackend('webgpu')).backend).toBe('webgpu');
    });
    await withEnv('LRFIND_WEBGPU_ALLOW_SOFTWARE', 'maybe', async () => {
      await expect(initBackend('webgpu')).rejects.toThrow(/^LRFIND_WEBGPU_ALLOW_SOFTWARE must be 1 or 0, got maybe$/);
    });
  });

  it.skipIf(!software || nativeInstalled)('auto never picks a software adapter, even when it is the only one and software use is allowed', async () => {
    await withEnv('LRFIND_WEBGPU_ALLOW_SOFTWARE', '1', async () => {
      const info = await initBackend('auto');
      expect(info.backend).toBe('wasm');
      // Without a GPU device node auto does not even look; with one, it sees the adapter is software.
      expect(info.reason).toMatch(/(webgpu adapter .* is software, so not used \([^)]*\)|webgpu: no GPU here \([^)]*\)); using wasm/);
      expect(info.adapter).toBeUndefined();
    });
  });
});
