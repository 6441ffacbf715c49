// The training half of `find`, in a worker thread: tfjs keeps the main thread's event loop busy
// for the whole sweep (its promises never yield to it), so Ctrl-C and the live view would only be
// seen at the end. Here the main thread stays free; Ctrl-C reaches the sweep through a shared flag.
import { parentPort, workerData } from 'node:worker_threads';
import * as tf from '@tensorflow/tfjs';
import type { Trainable } from '../../src/tfjs/learner.js';
import { isLayersModel } from '../../src/tfjs/learner.js';
import { splitByInputs } from '../model/input-columns.js';
import { recommendLearningRate } from '../../src/index.js';
import { type Dataset } from '../../src/data/index.js';
import { loadData } from '../data-source.js';
import { loadModel } from '../model/load-model.js';
import { checkModelName } from '../model/source.js';
import type { WorkerInput, WorkerMessage } from './find-messages.js';
import { mostProbes, probeCounter } from './find-progress.js';
import { startBackend } from './start-backend.js';
import { withFlagNames } from '../args.js';
import { checkBatchSize } from '../../src/tfjs/check-inputs.js';
import { isInputError } from '../errors.js';
import { FIND_FLAGS } from './find-flags.js';

const { plan: p, stop } = workerData as WorkerInput;
const post = (message: WorkerMessage): void => parentPort!.postMessage(message);
const stopped = (): boolean => Atomics.load(stop, 0) === 1;

async function run(): Promise<void> {
  checkModelName(p.model);
  const backend = (await startBackend(p.backend)).backend;
  let dataset: Dataset | null = null;
  let model: Trainable | null = null;
  let inputs: Record<string, tf.Tensor> | null = null;
  const extra: tf.Tensor[] = [];
  try {
    dataset = await loadData(p.data, {
      seed: p.settings.seed,
      ...(p.label !== undefined ? { label: p.label } : {}),
      ...(p.task !== undefined ? { task: p.task } : {}),
      ...(p.trainSize !== undefined ? { trainSize: p.trainSize } : {}),
      ...(p.dataDir !== undefined ? { dataDir: p.dataDir } : {}),
    });
    model = await loadModel(
      p.model,
      {
        inputShape: dataset.inputShape, numClasses: dataset.numClasses, task: dataset.task, seed: p.settings.seed, optimizer: p.optimizer, lr: p.settings.startLr,
        ...(p.inputs ? { inputs: p.inputs, featureNames: dataset.featureNames ?? [] } : {}),
      },
      p.labels,
    );
    checkBatchSize(p.settings.batchSize, dataset.train.size); // before the header: bad input prints one line
    post({
      type: 'ready',
      backend,
      examples: dataset.train.size,
      numClasses: dataset.numClasses,
      ...(dataset.target ? { target: dataset.target.name } : {}),
      optimizer: p.model.kind === 'module' ? model.optimizer.getClassName() : p.optimizer,
      ...(isLayersModel(model) ? {} : { step: true }),
    });
    const controller = new AbortController();
    if (stopped()) controller.abort();
    // Several inputs: each gets its columns of the CSV, by the model's input names.
    inputs = p.inputs ? splitByInputs(dataset.train.xs, dataset.featureNames ?? [], p.inputs) : null;
    const splitXs = (xs: tf.Tensor): tf.Tensor | Record<string, tf.Tensor> => {
      if (!p.inputs) return xs;
      const parts = splitByInputs(xs, dataset!.featureNames ?? [], p.inputs);
      extra.push(...Object.values(parts));
      return parts;
    };
    const train = { xs: inputs ?? dataset.train.xs, ys: dataset.train.ys };
    const probeStatus = probeCounter(mostProbes(p.escalate, p.weightDecay !== undefined && typeof p.weightDecay !== 'number'));
    const { mode, divergeThreshold, smoothing, ...sweep } = p.settings;
    const found = await recommendLearningRate(model, train, {
      ...sweep,
      tuning: { sweep: { mode, divergeThreshold, smoothing } },
      confirm: p.confirm,
      escalate: p.escalate,
      // Choosing a weight decay reads validation losses: the data's validation split, two batches a step.
      ...(p.weightDecay !== undefined ? { weightDecay: p.weightDecay } : {}),
      ...(p.momentumRuns ? { momentum: 'auto' as const } : {}),
      ...(p.weightDecay !== undefined && typeof p.weightDecay !== 'number'
        ? { validationData: { xs: splitXs(dataset.validation.xs), ys: dataset.validation.ys }, validationBatches: 2 }
        : {}),
      onEscalation: (escalation) => post({ type: 'escalation', escalation }),
      onWeightDecay: (member) => post({ type: 'weight-decay', member }),
      signal: controller.signal,
      onAnalysis: (rangeTest, analysis) => post({ type: 'analysis', rangeTest, analysis }),
      onStep: (step) => {
        post({ type: 'step', step });
        if (stopped()) controller.abort();
      },
      onProbeStep: (step) => {
        post({ type: 'probe', probe: probeStatus(step) });
        if (stopped()) controller.abort();
      },
    });
    post({ type: 'result', found });
  } finally {
    if (model !== null && isLayersModel(model)) model.dispose();
    if (inputs !== null) tf.dispose(Object.values(inputs));
    tf.dispose(extra);
    dataset?.dispose();
  }
}

run().catch((error: unknown) => {
  const e = error instanceof Error ? error : new Error(String(error));
  // The library names its options (batchSize); the user typed flags (--batch-size).
  const message = isInputError(e) ? withFlagNames(e.message, FIND_FLAGS) : e.message;
  post({ type: 'error', name: e.name, message, ...(e.stack !== undefined ? { stack: e.stack } : {}) });
});
