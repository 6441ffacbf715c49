// wasmThreads: 'auto' is measured, so that it is never slower than one thread: N threads only when
// a probe trains clearly faster on them. The probes here make one build slower on purpose (a
// bigger model on it), so each verdict is known in advance.
import * as tf from '@tensorflow/tfjs';
import { availableParallelism } from 'node:os';
import { describe, expect, it } from 'vitest';
import { registerWasmTrainingKernels } from '../../src/tfjs/kernels/import-wasm.js';
import { wasmThreads } from '../../src/tfjs/kernels/wasm-threads.js';
import { measureWasmThreads, THREADS_MARGIN, type WasmThreadProbe } from '../../src/tfjs/wasm-thread-choice.js';

const cores = Math.min(8, availableParallelism());

/** A dense net whose width depends on the build it runs on: `slowOn` gets 64× the work. */
function probe(slowOn: 'one' | 'threaded'): WasmThreadProbe {
  const slow = () => (wasmThreads() === 1) === (slowOn === 'one');
  return {
    build: () => {
      const width = slow() ? 1024 : 16;
      const model = tf.sequential({ layers: [tf.layers.dense({ inputShape: [256], units: width, activation: 'relu' }), tf.layers.dense({ units: 4, activation: 'softmax' })] });
      model.compile({ optimizer: tf.train.sgd(0.01), loss: 'categoricalCrossentropy' });
      return model;
    },
    batch: () => tf.tidy(() => ({ xs: tf.randomUniform([64, 256], 0, 1, 'float32', 1), ys: tf.oneHot(tf.tensor1d(Array.from({ length: 64 }, (_, i) => i % 4), 'int32'), 4).toFloat() })),
  };
}

describe.skipIf(cores < 2)('measureWasmThreads', () => {
  it('keeps one thread (the stock build) when N threads are not clearly faster, and says what it measured', async () => {
    await registerWasmTrainingKernels();
    const choice = await measureWasmThreads({ probe: probe('threaded'), loadGate: false });
    expect(choice.threads).toBe(1);
    expect(wasmThreads()).toBe(1);
    expect(choice.measured!.threadedMs).toBeGreaterThan(THREADS_MARGIN * choice.measured!.oneThreadMs);
    expect(choice.why).toMatch(new RegExp(`^${cores} threads measured \\d+ ms against 1 thread \\d+ ms per probe step, not 10% faster in both of 2 rounds \\(others' load [\\d.]+ on ${availableParallelism()} cores\\)$`));
  });

  it('never switches builds under live wasm tensors (switching would dispose them)', async () => {
    await tf.setBackend('wasm');
    const kept = tf.tensor([1, 2, 3]);
    const before = wasmThreads();
    const choice = await measureWasmThreads({ probe: probe('threaded'), loadGate: false });
    expect(choice).toEqual({ threads: before, why: 'wasm tensors exist, so the running build stays (switching would dispose them)' });
    expect(Array.from(kept.dataSync())).toEqual([1, 2, 3]);
    kept.dispose();
  });
});
