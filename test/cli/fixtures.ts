// Files the CLI tests feed to the binary, written into a temporary folder.
import { writeFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs';

/**
 * Saves a small dense model for `inputs` features and `classes` classes as a tfjs Layers
 * model.json + weights.bin in `dir`, the way tfjs-node's file:// handler writes them.
 */
export async function writeLayersModel(dir: string, inputShape: number[], classes: number): Promise<string> {
  await tf.setBackend('cpu');
  tf.enableProdMode(); // no "install tfjs-node" banner in the test log
  const model = tf.sequential();
  // Flatten needs rank ≥ 2 inputs; a flat input goes straight into the dense layer.
  const first = inputShape.length > 1 ? { inputShape: undefined } : { inputShape };
  if (inputShape.length > 1) model.add(tf.layers.flatten({ inputShape }));
  model.add(tf.layers.dense({ units: 16, activation: 'relu', kernelInitializer: tf.initializers.glorotUniform({ seed: 1 }), ...first }));
  model.add(tf.layers.dense({ units: classes, activation: 'softmax', kernelInitializer: tf.initializers.glorotUniform({ seed: 2 }) }));
  mkdirSync(dir, { recursive: true });
  await model.save(
    tf.io.withSaveHandler(async (artifacts) => {
      const weights = artifacts.weightData as ArrayBuffer;
      writeFileSync(join(dir, 'weights.bin'), new Uint8Array(weights));
      const json = {
        modelTopology: artifacts.modelTopology,
        format: 'layers-model',
        generatedBy: artifacts.generatedBy,
        convertedBy: null,
        weightsManifest: [{ paths: ['weights.bin'], weights: artifacts.weightSpecs }],
      };
      writeFileSync(join(dir, 'model.json'), JSON.stringify(json));
      return { modelArtifactsInfo: { dateSaved: new Date(), modelTopologyType: 'JSON' } };
    }),
  );
  model.dispose();
  return join(dir, 'model.json');
}

/** A module exporting createModel({tf, inputShape, numClasses, seed}) → a compiled model. */
export function writeModelModule(path: string): string {
  writeFileSync(
    path,
    `export function createModel({ tf, inputShape, numClasses, seed }) {
  const model = tf.sequential();
  if (inputShape.length > 1) model.add(tf.layers.flatten({ inputShape }));
  model.add(tf.layers.dense({
    units: numClasses,
    activation: 'softmax',
    kernelInitializer: tf.initializers.glorotUniform({ seed }),
    ...(inputShape.length > 1 ? {} : { inputShape }),
  }));
  model.compile({ optimizer: tf.train.adam(1e-3), loss: 'categoricalCrossentropy' });
  return model;
}
`,
  );
  return path;
}

/** 240 rows of 4 numeric features and a 3-class "species" label that depends on them. */
export function writeCsvData(path: string): string {
  const lines = ['a,b,c,d,species'];
  for (let i = 0; i < 240; i++) {
    const k = i % 3;
    const f = [k + Math.sin(i), k * 2 + Math.cos(i * 1.3), (i * 7) % 11, k - Math.sin(i * 0.7)];
    lines.push(`${f.map((x) => x.toFixed(4)).join(',')},${['setosa', 'versicolor', 'virginica'][k]}`);
  }
  writeFileSync(path, lines.join('\n') + '\n');
  return path;
}

/** A module exporting createStep: softmax regression on plain variables, trained by its own loss. */
export function writeStepModule(path: string): string {
  writeFileSync(
    path,
    `export function createStep({ tf, inputShape, numClasses, seed }) {
  const w = tf.variable(tf.randomNormal([inputShape[0], numClasses], 0, 0.1, 'float32', seed));
  const b = tf.variable(tf.zeros([numClasses]));
  return {
    optimizer: tf.train.sgd(0.01),
    loss: ({ xs, ys }) => tf.losses.softmaxCrossEntropy(ys, tf.add(tf.matMul(xs, w), b)),
  };
}
`,
  );
  return path;
}

/** A functional model with two one-feature inputs, a and b, and one linear output: a regression on two CSV columns. */
export async function writeTwoInputModel(dir: string): Promise<string> {
  await tf.setBackend('cpu');
  const a = tf.input({ shape: [1], name: 'a' });
  const b = tf.input({ shape: [1], name: 'b' });
  const joined = tf.layers.concatenate().apply([a, b]) as tf.SymbolicTensor;
  const hidden = tf.layers.dense({ units: 16, activation: 'relu', kernelInitializer: tf.initializers.glorotUniform({ seed: 1 }) }).apply(joined) as tf.SymbolicTensor;
  const out = tf.layers.dense({ units: 1, kernelInitializer: tf.initializers.glorotUniform({ seed: 2 }) }).apply(hidden) as tf.SymbolicTensor;
  const model = tf.model({ inputs: [a, b], outputs: out });
  mkdirSync(dir, { recursive: true });
  await model.save(
    tf.io.withSaveHandler(async (artifacts) => {
      writeFileSync(join(dir, 'weights.bin'), new Uint8Array(artifacts.weightData as ArrayBuffer));
      const json = { modelTopology: artifacts.modelTopology, format: 'layers-model', weightsManifest: [{ paths: ['weights.bin'], weights: artifacts.weightSpecs }] };
      writeFileSync(join(dir, 'model.json'), JSON.stringify(json));
      return { modelArtifactsInfo: { dateSaved: new Date(), modelTopologyType: 'JSON' } };
    }),
  );
  model.dispose();
  return join(dir, 'model.json');
}
