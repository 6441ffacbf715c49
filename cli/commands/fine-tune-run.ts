// The running half of `fine-tune`: load the backend, the data and the pretrained model, make the one
// library call (fineTune), then write both range tests' reports, fine-tune.json and the fine-tuned
// model. The model file given is only read.
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { rangeTestFiles } from '../../reports/range-test-files.js';
import { fineTune, FineTuneError, type FineTuneResult, type FineTuneStep } from '../../src/tfjs/fine-tune.js';
import { isLayersModel } from '../../src/tfjs/learner.js';
import type { OutputFile } from '../../src/io/output-folder.js';
import { toJsonText } from '../../src/range-test/file.js';
import { boundsLine, escalationLines, layersLine } from '../../src/present/words.js';
import { formatLr, formatValue } from '../../src/format.js';
import { loadData } from '../data-source.js';
import { EXIT, UsageError } from '../errors.js';
import { loadModel } from '../model/load-model.js';
import { splitByInputs } from '../model/input-columns.js';
import { writeFilesAtomically } from '../output/out-dir.js';
import { say } from '../terminal.js';
import type { FineTunePlan } from './fine-tune-plan.js';
import { startBackend } from './start-backend.js';

/** The model as model.json and weights.bin, the way tfjs's file handlers lay them out. */
async function modelFiles(model: tf.LayersModel): Promise<OutputFile[]> {
  const files: OutputFile[] = [];
  await model.save(tf.io.withSaveHandler(async (artifacts) => {
    const json = { modelTopology: artifacts.modelTopology, format: 'layers-model', generatedBy: artifacts.generatedBy, convertedBy: null, weightsManifest: [{ paths: ['weights.bin'], weights: artifacts.weightSpecs }] };
    files.push({ name: 'model.json', content: JSON.stringify(json) }, { name: 'weights.bin', content: new Uint8Array(artifacts.weightData as ArrayBuffer) });
    return { modelArtifactsInfo: { dateSaved: new Date(), modelTopologyType: 'JSON' } };
  }));
  return files;
}

/** "train the head: 1 epoch · validation accuracy 0.94": the last epoch's scores. */
function scoresLine(step: FineTuneStep): string {
  const h = step.history.history;
  const last = (key: string): number | undefined => h[key]?.at(-1);
  const accuracy = last('val_acc') ?? last('val_accuracy');
  const score = accuracy !== undefined ? `validation accuracy ${formatValue(accuracy, 3)}` : last('val_loss') !== undefined ? `validation loss ${formatValue(last('val_loss')!, 4)}` : `loss ${formatValue(last('loss') ?? NaN, 4)}`;
  return `${step.history.epoch.length} epoch${step.history.epoch.length === 1 ? '' : 's'} · ${score}`;
}

function summary(result: FineTuneResult): string[] {
  const stage = (name: string, step: FineTuneStep): string[] => [
    `${name}: max lr ${formatLr(step.bounds.maxLr)} · min lr ${formatLr(step.bounds.minLr)} · ${scoresLine(step)}`,
    ...(step.note ? [`  ${step.note}`] : []),
    ...escalationLines(step.found).map((l) => `  ${l}`),
  ];
  return [
    `base: ${result.baseLayers.join(', ')} · head: ${result.headLayers.join(', ')}`,
    ...stage('head (base frozen)', result.head),
    ...stage('all (base at a lower lr)', result.all),
  ];
}

function document(p: FineTunePlan, result: FineTuneResult): object {
  const step = (s: FineTuneStep) => ({ bounds: s.bounds, ...(s.note ? { note: s.note } : {}), history: s.history });
  return {
    format: 'lrfind/fine-tune', version: 1, model: p.labels.model, data: p.labels.data,
    settings: { headLayers: p.headLayers, freezeEpochs: p.freezeEpochs, epochs: p.epochs, baseLrFactor: p.baseLrFactor, batchSize: p.batchSize, seed: p.seed },
    baseLayers: result.baseLayers, headLayers: result.headLayers, head: step(result.head), all: step(result.all),
  };
}

export async function runFineTune(p: FineTunePlan): Promise<number> {
  const backend = (await startBackend(p.backend)).backend;
  const data = await loadData(p.data, { seed: p.seed, ...(p.label ? { label: p.label } : {}), ...(p.task ? { task: p.task } : {}), ...(p.trainSize ? { trainSize: p.trainSize } : {}), ...(p.dataDir ? { dataDir: p.dataDir } : {}) });
  const loaded = await loadModel(p.model, {
    inputShape: data.inputShape, numClasses: data.numClasses, task: data.task, seed: p.seed, optimizer: p.optimizer, lr: 1e-3,
    ...(p.inputs ? { inputs: p.inputs, featureNames: data.featureNames ?? [] } : {}),
  }, p.labels);
  if (!isLayersModel(loaded)) throw new UsageError('--model for fine-tune must build a tf.LayersModel (a training step has no layers to freeze)');
  const split = (xs: tf.Tensor): tf.Tensor | Record<string, tf.Tensor> => (p.inputs ? splitByInputs(xs, data.featureNames ?? [], p.inputs) : xs);
  const [train, validation] = [{ xs: split(data.train.xs), ys: data.train.ys }, { xs: split(data.validation.xs), ys: data.validation.ys }];
  if (!p.json) say(`lrfind fine-tune: ${p.labels.model} on ${p.labels.data} (${data.train.size} examples) · ${loaded.optimizer.getClassName()} · ${backend}`);
  try {
    const result = await fineTune(loaded, train, {
      headLayers: p.headLayers, freezeEpochs: p.freezeEpochs, epochs: p.epochs, baseLrFactor: p.baseLrFactor, batchSize: p.batchSize, seed: p.seed,
      validationData: validation, finder: { seed: p.seed }, onStage: (stage) => (p.json ? undefined : say(`  ${stage}…`)),
    });
    const doc = document(p, result);
    const labels = { model: p.labels.model, data: p.labels.data };
    await writeFilesAtomically(join(p.out, 'head'), await rangeTestFiles(result.head.found, { labels, examples: data.train.size }));
    await writeFilesAtomically(join(p.out, 'all'), await rangeTestFiles(result.all.found, { labels, examples: data.train.size }));
    await writeFilesAtomically(join(p.out, 'model'), await modelFiles(loaded));
    const [json] = await writeFilesAtomically(p.out, [{ name: 'fine-tune.json', content: toJsonText(doc) + '\n' }]);
    if (p.json) process.stdout.write(toJsonText(doc, 0) + '\n');
    else for (const line of [...summary(result), layersLine(result.head.found.rangeTest) ?? '', `fine-tuned model: ${join(p.out, 'model', 'model.json')}`, `report: ${json}`].filter((l) => l !== '')) say(line);
    return EXIT.ok;
  } catch (error) {
    if (!(error instanceof FineTuneError)) throw error;
    process.stderr.write(`lrfind: ${error.message}\n`);
    if (!p.json) say(boundsLine(error.found));
    return EXIT.noBounds;
  } finally {
    // The inputs' columns were split off the data's tensors: those copies are this command's to free.
    if (p.inputs) tf.dispose([...Object.values(train.xs as Record<string, tf.Tensor>), ...Object.values(validation.xs as Record<string, tf.Tensor>)]);
    loaded.dispose();
    data.dispose();
  }
}
