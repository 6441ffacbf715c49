import * as tf from '@tensorflow/tfjs';
import { createRequire } from 'node:module';
import { availableParallelism } from 'node:os';
import { describe, expect, it } from 'vitest';
import { cnn } from '../../src/models/index.js';
import { initBackend } from '../../src/tfjs/backend.js';
import { registerWasmTrainingKernels } from '../../src/tfjs/kernels/import-wasm.js';
import { randomValues, relativeError } from './kernels/compare.js';

const resolvable = (name: string): boolean => {
  try {
    createRequire(import.meta.url).resolve(name);
    return true;
  } catch {
    return false;
  }
};
const nativeInstalled = resolvable('@tensorflow/tfjs-node') || resolvable('@tensorflow/tfjs-node-gpu');

describe('initBackend', () => {
  it.skipIf(nativeInstalled)('auto falls back to wasm with training kernels and says why', async () => {
    const info = await initBackend('auto');
    expect(info.backend).toBe('wasm');
    expect(tf.getBackend()).toBe('wasm');
    expect(info.reason).toContain('tfjs-node-gpu not installed');
    expect(info.reason).toContain('tfjs-node not installed');
    expect(info.trainingKernels).toEqual(expect.arrayContaining(['Conv2DBackpropFilter', 'MaxPoolGrad', 'UnsortedSegmentSum']));
    expect(info.simd).toBe(true);
    // 'auto' is 1 or one per core, whichever a probe measured faster (issue #17), and says why.
    expect([1, autoThreads()]).toContain(info.threads);
    expect(info.reason).toContain(`${info.threads} thread${info.threads === 1 ? '' : 's'}: ${info.threadsWhy}`);
  });

  it('is idempotent and cheap on a second call', async () => {
    const first = await initBackend('auto');
    const started = performance.now();
    const second = await initBackend('auto');
    expect(second).toBe(first);
    expect(performance.now() - started).toBeLessThan(20);
    expect(await registerWasmTrainingKernels()).toEqual(await registerWasmTrainingKernels());
  });

  it.skipIf(nativeInstalled)("'tensorflow' throws a clear error when no native package is installed", async () => {
    await expect(initBackend('tensorflow')).rejects.toThrow(/needs @tensorflow\/tfjs-node or @tensorflow\/tfjs-node-gpu: tfjs-node-gpu not installed; tfjs-node not installed/);
  });

  it('switches to cpu and back', async () => {
    expect((await initBackend('cpu')).backend).toBe('cpu');
    expect(tf.getBackend()).toBe('cpu');
    expect((await initBackend('wasm')).backend).toBe('wasm');
    expect(tf.getBackend()).toBe('wasm');
  });

  it('rejects unknown choices with a RangeError', async () => {
    await expect(initBackend('gpu' as never)).rejects.toThrow(RangeError);
  });
});

// Three SGD steps from identical weights on cpu and on wasm (with lrfind's kernels) must agree: a
// model that trains differently on wasm would make range tests backend-dependent.
interface Setup {
  name: string;
  build: () => tf.LayersModel;
  x: () => tf.Tensor;
  y: () => tf.Tensor;
  optimizer: () => tf.Optimizer;
  /** @default 'categoricalCrossentropy' */
  loss?: string;
}

const BATCH = 4;
const images = (shape: number[], seed: number) => () => tf.tensor(randomValues(BATCH * shape.reduce((a, b) => a * b, 1), seed), [BATCH, ...shape]);
const labels = (classes: number) => () => tf.oneHot(tf.tensor1d([0, 1, 2, 1].map((k) => k % classes), 'int32'), classes).toFloat();
const init = (seed: number) => tf.initializers.glorotUniform({ seed });

const SETUPS: Setup[] = [
  {
    name: 'small CNN (src/models cnn)',
    build: () => cnn({ inputShape: [8, 8, 2], numClasses: 3, seed: 1 }),
    x: images([8, 8, 2], 1),
    y: labels(3),
    optimizer: () => tf.train.sgd(0.1),
  },
  {
    name: 'strided conv, separable and depthwise conv, average pooling',
    build: () => {
      const m = tf.sequential();
      m.add(tf.layers.conv2d({ inputShape: [9, 9, 2], filters: 4, kernelSize: 3, strides: 2, padding: 'valid', activation: 'relu', kernelInitializer: init(1) }));
      m.add(tf.layers.separableConv2d({ filters: 5, kernelSize: 3, padding: 'same', depthMultiplier: 2, activation: 'relu', depthwiseInitializer: init(2), pointwiseInitializer: init(3) }));
      m.add(tf.layers.depthwiseConv2d({ kernelSize: 2, strides: 1, padding: 'valid', depthwiseInitializer: init(4) }));
      m.add(tf.layers.averagePooling2d({ poolSize: 2, strides: 1 }));
      m.add(tf.layers.flatten());
      m.add(tf.layers.dense({ units: 3, activation: 'softmax', kernelInitializer: init(5) }));
      return m;
    },
    x: images([9, 9, 2], 2),
    y: labels(3),
    optimizer: () => tf.train.sgd(0.1),
  },
  {
    name: 'overlapping max pooling, batch norm, seeded dropout (Adam)',
    build: () => {
      const m = tf.sequential();
      // No conv bias before batch norm: its true gradient is 0, and Adam turns float noise there
      // into full-size steps that differ between any two backends.
      m.add(tf.layers.conv2d({ inputShape: [8, 8, 1], filters: 4, kernelSize: 3, padding: 'same', useBias: false, kernelInitializer: init(1) }));
      // Pooling before the activation sees all-negative windows, where stock wasm MaxPoolGrad errs.
      m.add(tf.layers.maxPooling2d({ poolSize: 3, strides: 2, padding: 'same' }));
      m.add(tf.layers.batchNormalization());
      m.add(tf.layers.activation({ activation: 'relu' }));
      m.add(tf.layers.flatten());
      m.add(tf.layers.dropout({ rate: 0.3, seed: 7 }));
      m.add(tf.layers.dense({ units: 3, activation: 'softmax', kernelInitializer: init(2) }));
      return m;
    },
    x: images([8, 8, 1], 3),
    y: labels(3),
    optimizer: () => tf.train.adam(0.01),
  },
  {
    name: 'embedding (gather gradient), sparse crossentropy (OneHot inside tfjs-layers)',
    build: () => {
      const m = tf.sequential();
      m.add(tf.layers.embedding({ inputDim: 12, outputDim: 5, inputLength: 6, embeddingsInitializer: tf.initializers.randomUniform({ minval: -1, maxval: 1, seed: 3 }) }));
      m.add(tf.layers.flatten());
      m.add(tf.layers.dense({ units: 3, activation: 'softmax', kernelInitializer: init(4) }));
      return m;
    },
    x: () => tf.tensor2d([[1, 3, 3, 0, 11, 5], [2, 2, 7, 1, 0, 0], [9, 3, 1, 1, 4, 8], [5, 6, 7, 8, 9, 10]]),
    y: () => tf.tensor2d([[0], [1], [2], [1]]),
    optimizer: () => tf.train.sgd(0.5),
    loss: 'sparseCategoricalCrossentropy',
  },
];

async function train(backend: 'cpu' | 'wasm', setup: Setup, initial: Float32Array[] | null): Promise<{ weights: Float32Array[]; initial: Float32Array[]; tensorCounts: number[]; losses: number[] }> {
  if (backend === 'wasm') await registerWasmTrainingKernels();
  await tf.setBackend(backend);
  const model = setup.build();
  model.compile({ optimizer: setup.optimizer(), loss: setup.loss ?? 'categoricalCrossentropy' });
  if (initial !== null) {
    const values = model.weights.map((w, i) => tf.tensor(initial[i]!, w.shape as number[]));
    model.setWeights(values);
    tf.dispose(values);
  }
  const start = model.getWeights().map((w) => Float32Array.from(w.dataSync()));
  const x = setup.x();
  const y = setup.y();
  const tensorCounts: number[] = [];
  const losses: number[] = [];
  for (let step = 0; step < 3; step++) {
    losses.push(Number(await model.trainOnBatch(x, y)));
    tensorCounts.push(tf.memory().numTensors);
  }
  const weights = model.getWeights().map((w) => Float32Array.from(w.dataSync()));
  tf.dispose([x, y]);
  model.dispose();
  return { weights, initial: start, tensorCounts, losses };
}

describe('three training steps agree on cpu and on wasm, without leaks', () => {
  it.each(SETUPS)('$name', async (setup) => {
    const cpu = await train('cpu', setup, null);
    // Same starting weights on both backends, copied through plain arrays.
    const wasm = await train('wasm', setup, cpu.initial);

    expect(wasm.initial.map((w, i) => relativeError(w, cpu.initial[i]!))).toEqual(cpu.initial.map(() => 0));
    for (let i = 0; i < cpu.weights.length; i++) {
      expect(relativeError(wasm.weights[i]!, cpu.weights[i]!), `weight ${i}`).toBeLessThan(1e-5);
    }
    // The weights moved, so agreement is not vacuous.
    expect(cpu.weights.some((w, i) => relativeError(w, cpu.initial[i]!) > 1e-4)).toBe(true);
    wasm.losses.forEach((loss, i) => expect(loss).toBeCloseTo(cpu.losses[i]!, 5));
    // No tensors leak from one step to the next.
    expect(new Set(wasm.tensorCounts.slice(1)).size).toBe(1);
  });
});

/** What `wasmThreads: 'auto'` gives here when threads win (else 1). */
function autoThreads(): number {
  const fromEnv = process.env['LRFIND_WASM_THREADS'];
  return fromEnv ? Number(fromEnv) : Math.min(8, availableParallelism());
}

describe('wasm with several threads', () => {
  async function trainBits(threads: number): Promise<{ bits: number[][]; info: Awaited<ReturnType<typeof initBackend>> }> {
    const info = await initBackend('wasm', { wasmThreads: threads });
    const setup = SETUPS[0]!;
    const model = setup.build();
    model.compile({ optimizer: setup.optimizer(), loss: 'categoricalCrossentropy' });
    const x = setup.x();
    const y = setup.y();
    for (let step = 0; step < 3; step++) await model.trainOnBatch(x, y);
    const bits = model.getWeights().map((w) => Array.from(new Uint32Array(Float32Array.from(w.dataSync()).buffer)));
    tf.dispose([x, y]);
    model.dispose();
    return { bits, info };
  }

  it('trains bitwise identically with 2 threads and 1, and switches back', async () => {
    const one = await trainBits(1);
    const two = await trainBits(2);
    expect(two.info.threads).toBe(2);
    expect(two.info.reason).toContain('2 threads');
    expect(two.bits).toEqual(one.bits);
    const back = await initBackend('wasm', { wasmThreads: 1 });
    expect(back.threads).toBe(1);
    expect(back.reason).toContain('1 thread)');
  });

  it("takes LRFIND_WASM_THREADS for 'auto' and rejects a bad one", async () => {
    const saved = process.env['LRFIND_WASM_THREADS'];
    try {
      process.env['LRFIND_WASM_THREADS'] = '2';
      expect((await initBackend('wasm')).threads).toBe(2);
      process.env['LRFIND_WASM_THREADS'] = '1';
      expect((await initBackend('wasm', { wasmThreads: 'auto' })).threads).toBe(1);
      process.env['LRFIND_WASM_THREADS'] = 'many';
      await expect(initBackend('wasm')).rejects.toThrow(/LRFIND_WASM_THREADS must be an integer in \[1, 8\], got many/);
    } finally {
      if (saved === undefined) delete process.env['LRFIND_WASM_THREADS'];
      else process.env['LRFIND_WASM_THREADS'] = saved;
    }
  });

  it('rejects a thread count outside [1, 8]', async () => {
    await expect(initBackend('wasm', { wasmThreads: 0 })).rejects.toThrow(/wasmThreads must be an integer in \[1, 8\], got 0/);
    await expect(initBackend('wasm', { wasmThreads: 2.5 })).rejects.toThrow(RangeError);
  });
});
