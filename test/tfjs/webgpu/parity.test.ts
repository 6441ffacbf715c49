// Three training steps from identical weights on cpu and on webgpu must agree, as on wasm
// (test/tfjs/backend.test.ts): a model that trains differently on webgpu would make range tests
// backend-dependent. Runs on lavapipe in CI (scripts/install-lavapipe.sh) and skips without it.
import * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { initBackend } from '../../../src/tfjs/backend.js';
import { relativeError } from '../kernels/compare.js';
import { webGpuForTests, skipNote } from './lavapipe.js';
import { SETUPS } from './setups.js';
import { trainThreeSteps } from './train-compare.js';

const gpu = await webGpuForTests();
if (!gpu.ok) skipNote('test/tfjs/webgpu/parity.test.ts', gpu.why);

/** Worst relative difference of each setup, printed at the end for docs/webgpu.md. */
const worst = new Map<string, number>();

describe.skipIf(!gpu.ok)('three training steps agree on cpu and on webgpu, without leaks', () => {
  // Started once, before any tensor exists (initBackend refuses to move tensors between backends);
  // each setup then switches with tfjs's own setBackend.
  beforeAll(async () => {
    await initBackend('webgpu', { allowSoftwareAdapter: true });
  });

  afterAll(() => {
    for (const [name, error] of worst) console.log(`webgpu vs cpu, max relative difference after 3 steps: ${error.toExponential(2)}  ${name}`);
  });

  it.each(SETUPS)('$name', async (setup) => {
    await tf.setBackend('cpu');
    const cpu = await trainThreeSteps(setup, null);
    await tf.setBackend('webgpu');
    const webgpu = await trainThreeSteps(setup, cpu.initial);

    expect(webgpu.initial.map((w, i) => relativeError(w, cpu.initial[i]!))).toEqual(cpu.initial.map(() => 0));
    const errors = cpu.weights.map((w, i) => relativeError(webgpu.weights[i]!, w));
    worst.set(setup.name, Math.max(...errors));
    errors.forEach((error, i) => expect(error, `weight ${i}`).toBeLessThan(1e-5));
    // The weights moved, so agreement is not vacuous.
    expect(cpu.weights.some((w, i) => relativeError(w, cpu.initial[i]!) > 1e-4)).toBe(true);
    webgpu.losses.forEach((loss, i) => expect(loss).toBeCloseTo(cpu.losses[i]!, 5));
    expect(new Set(webgpu.tensorCounts).size).toBe(1);
  });
});
