// "lrfind in your browser": the page's controller. It uses the library exactly as a user's app
// would, through the browser barrel and lrfind/views, and reports every failure on the page.
// body[data-state] says where it is (idle, running, done, training, trained, error), for people
// styling it and for the tests that drive it.
import * as tf from '@tensorflow/tfjs';
// The page trains on wasm too: imported here, handed to initBackend (lrfind never imports it in a browser).
import * as wasm from '@tensorflow/tfjs-backend-wasm';
import { formatLr } from '../../src/format.js';
import { initBackend, oneCycleCallback, oneCycleFromBounds, rangeTestFile, rangeTestFileText, recommendLearningRate, type BackendChoice, type LrFinderResult } from '../../src/index.js';
import { scheduleTable, scheduleToCsv, scheduleToJson, stepsPerEpoch } from '../../src/schedules/index.js';
import { toDataset, type Dataset, type DatasetArrays } from '../../src/data/index.js';
import { liveRangeTest, liveTraining, showSchedule, type RangeTestView, type ScheduleView } from '../../reports/views/index.js';
import { words } from '../../reports/index.js';
import { offer, withdraw } from './downloads.js';
import { $, applyQuery, readSettings, type PageSettings } from './form.js';
import { loadCsvFile, loadDigits } from './page-data.js';
import { makeModel, orderModelFiles, type ModelSource } from './page-model.js';
import { classifyFiles, describeModelFiles } from './page-files.js';

type State = 'idle' | 'running' | 'done' | 'training' | 'trained' | 'error';

const doc = document;
const el = <T extends HTMLElement = HTMLElement>(id: string): T => $<T>(doc, id);

/** What the page holds between clicks; every tensor in here is disposed before it is replaced. */
const page = {
  backend: null as { choice: BackendChoice; name: string } | null,
  dataset: null as Dataset | null,
  model: null as tf.LayersModel | null,
  found: null as LrFinderResult | null,
  settings: null as PageSettings | null,
  labels: { model: '', data: '' } as { model: string; data: string; loss?: string },
  csvFile: null as File | null,
  modelFiles: [] as File[],
  controller: null as AbortController | null,
  rangeView: null as RangeTestView | null,
  scheduleView: null as ScheduleView | null,
};

function setState(state: State): void {
  doc.body.dataset['state'] = state;
  doc.body.dataset['tensors'] = String(tf.memory().numTensors);
  const busy = state === 'running' || state === 'training';
  el<HTMLButtonElement>('run').disabled = busy;
  el<HTMLButtonElement>('stop').disabled = !busy;
  el<HTMLButtonElement>('train').disabled = busy || page.found?.bounds == null;
}

function say(text: string, kind: 'error' | 'info' = 'error'): void {
  const box = el('message');
  box.textContent = text;
  box.className = kind;
  box.hidden = text === '';
}

const messageOf = (error: unknown): string => {
  const message = (error as Error)?.message ?? String(error);
  return message === '' ? String(error) : message;
};

/** Runs `task`, turning any failure into a message on the page (never a dead page). */
async function guarded(task: () => Promise<void>, after: State = 'error'): Promise<void> {
  try {
    await task();
  } catch (error) {
    say(messageOf(error));
    setState(after);
  }
}

async function ensureBackend(choice: BackendChoice): Promise<void> {
  if (page.backend?.choice === choice) return;
  const info = await initBackend(choice, { wasm });
  page.backend = { choice, name: info.backend };
  el('backend-info').textContent = `backend: ${info.backend} (${info.reason})`;
}

async function loadData(settings: PageSettings): Promise<DatasetArrays> {
  if (settings.data === 'digits') return loadDigits(doc.baseURI, settings.seed);
  if (page.csvFile === null) throw new Error('your CSV: pick or drop a .csv file first (or choose the bundled digits)');
  return loadCsvFile(page.csvFile, settings.csvLabel, settings.seed);
}

function modelSource(settings: PageSettings): ModelSource {
  if (settings.model === 'builtin') return { kind: 'builtin', name: settings.builtinModel };
  if (settings.model === 'url') {
    if (!/^https?:\/\/\S+$/.test(settings.modelUrl)) throw new Error(`the model URL must be an http(s) URL of a model.json, got "${settings.modelUrl}"`);
    return { kind: 'url', url: settings.modelUrl };
  }
  if (page.modelFiles.length === 0) throw new Error('your model: pick or drop model.json and its weight files first (or choose a built-in model)');
  return { kind: 'files', files: page.modelFiles };
}

function release(): void {
  page.dataset?.dispose();
  page.model?.dispose();
  page.dataset = null;
  page.model = null;
  page.found = null;
  page.rangeView?.finalize();
  page.scheduleView?.finalize();
  for (const id of ['dl-json', 'dl-svg', 'dl-schedule-csv', 'dl-schedule-json', 'dl-schedule-svg']) withdraw(el<HTMLAnchorElement>(id));
}

async function findLr(): Promise<void> {
  say('');
  const settings = readSettings(doc);
  release();
  setState('running');
  el('result-card').hidden = true;
  el('training').replaceChildren();
  el('train-status').textContent = '';
  await ensureBackend(settings.backend);
  const arrays = await loadData(settings);
  const source = modelSource(settings);
  page.dataset = toDataset(arrays);
  const { model, label } = await makeModel(source, arrays, settings.optimizer, settings.seed);
  page.model = model;
  page.settings = settings;
  // A regression's loss is the mean squared error of its scaled target: the file and chart say so.
  page.labels = { model: label, data: arrays.name, ...(arrays.target ? { loss: `mean squared error of ${arrays.target.name} (min-max scaled)` } : {}) };
  el('live-card').hidden = false;
  const live = await liveRangeTest(el('live'), { startLr: settings.startLr, endLr: settings.endLr });
  page.controller = new AbortController();
  const found = await recommendLearningRate(model, { xs: page.dataset.train.xs, ys: page.dataset.train.ys }, {
    numIter: settings.numIter, startLr: settings.startLr, endLr: settings.endLr, batchSize: settings.batchSize, seed: settings.seed,
    confirm: settings.confirm, escalate: settings.escalate, signal: page.controller.signal, onStep: live.onStep, onProbeStep: live.onProbeStep,
  });
  page.found = found;
  if (found.analysis === null) {
    await live.flush();
    throw new Error(words.tooFewToRead(found.rangeTest));
  }
  page.rangeView = await live.finish(found, { meta: { model: label, data: arrays.name } });
  await showResult(found, settings);
  setState('done');
}

function pageStepsPerEpoch(settings: PageSettings): number {
  return stepsPerEpoch(page.dataset?.train.size ?? 0, settings.batchSize);
}

async function showResult(found: LrFinderResult, settings: PageSettings): Promise<void> {
  el('result-card').hidden = false;
  const stopped = found.rangeTest.stopReason === 'stopped' ? ' (the sweep was stopped early)' : '';
  // The bounds sentence of the CLI's summary, index.html and the live view.
  el('bounds').textContent = `${words.boundsLine(found)}${stopped}`;
  // What lrfind did beyond the plan, in the words of the CLI's summary and index.html.
  el('escalations').replaceChildren(...words.escalationLines(found).map((line) => Object.assign(doc.createElement('li'), { textContent: line })));
  const warnings = el('warnings');
  warnings.replaceChildren(...(found.analysis?.warnings ?? []).map((w) => Object.assign(doc.createElement('li'), { textContent: w })));
  const file = rangeTestFile(found, page.labels);
  offer(el<HTMLAnchorElement>('dl-json'), rangeTestFileText(file) + '\n', 'application/json');
  if (page.rangeView) offer(el<HTMLAnchorElement>('dl-svg'), await page.rangeView.toSvg(), 'image/svg+xml');
  await drawSchedule(settings);
}

async function drawSchedule(settings: PageSettings): Promise<void> {
  const found = page.found;
  if (found?.bounds == null) {
    el('schedule').replaceChildren();
    return;
  }
  const perEpoch = pageStepsPerEpoch(settings);
  const totalSteps = settings.epochs * perEpoch;
  const cycle = oneCycleFromBounds(found, { totalSteps });
  const rows = scheduleTable(cycle.lr, cycle.momentum, totalSteps);
  // The same schedule from the CLI: the hint follows the epochs and batch of this page.
  el('cli-hint').textContent = `lrfind schedule onecycle --from range-test.json --epochs ${settings.epochs} --steps-per-epoch ${perEpoch}`;
  offer(el<HTMLAnchorElement>('dl-schedule-csv'), scheduleToCsv(rows), 'text/csv');
  offer(el<HTMLAnchorElement>('dl-schedule-json'), scheduleToJson(rows) + '\n', 'application/json');
  page.scheduleView?.finalize();
  page.scheduleView = await showSchedule(el('schedule'), cycle, totalSteps, { stepsPerEpoch: perEpoch, title: `one-cycle over ${settings.epochs} epochs of ${perEpoch} steps` });
  offer(el<HTMLAnchorElement>('dl-schedule-svg'), await page.scheduleView.toSvg(), 'image/svg+xml');
}

async function train(): Promise<void> {
  say('');
  const { found, model, dataset } = page;
  if (found?.bounds == null || model === null || dataset === null || page.settings === null) throw new Error('find the learning rate first');
  const settings = { ...page.settings, epochs: readSettings(doc).epochs };
  page.settings = settings;
  await drawSchedule(settings);
  setState('training');
  const live = await liveTraining(el('training'));
  const status = el('train-status');
  const started = performance.now();
  status.textContent = `training ${settings.epochs} epochs…`;
  page.controller = new AbortController();
  page.controller.signal.addEventListener('abort', () => (model.stopTraining = true));
  const history = await model.fit(dataset.train.xs, dataset.train.ys, {
    epochs: settings.epochs,
    batchSize: settings.batchSize,
    validationData: [dataset.validation.xs, dataset.validation.ys],
    callbacks: [oneCycleCallback(found), new tf.CustomCallback({
      ...live.callbacks,
      onEpochEnd: (epoch, logs) => {
        live.callbacks.onEpochEnd(epoch, logs);
        status.textContent = `epoch ${epoch + 1}/${settings.epochs}: ${validationScore(logs)}`;
      },
    })],
  });
  await live.flush();
  const epochs = history.epoch.length;
  const last = { val_loss: history.history['val_loss']?.at(-1) as number | undefined, val_acc: live.lastValAccuracy() };
  status.textContent = `${validationScore(last)} after ${epochs} epoch${epochs === 1 ? '' : 's'} of one-cycle (max lr ${formatLr(found.bounds.maxLr)}), ${((performance.now() - started) / 1000).toFixed(1)} s`;
  setState('trained');
}

/** Files picked or dropped: a CSV becomes the data, model.json and .bin files the model; anything else is refused with a message. */
async function takeFiles(files: File[]): Promise<void> {
  if (files.length === 0) return;
  const { csv, model, refused } = classifyFiles(files);
  if (refused.length > 0) throw new Error(refused.join('\n'));
  if (csv !== null) {
    const arrays = await loadCsvFile(csv, el<HTMLInputElement>('csv-label').value, 0);
    page.csvFile = csv;
    doc.querySelector<HTMLInputElement>('input[name="data"][value="csv"]')!.checked = true;
    const label = arrays.task === 'regression' ? `regression on ${arrays.target?.name ?? 'the label'}` : `${arrays.numClasses} classes`;
    say(`data: ${csv.name}, ${arrays.train.size + arrays.validation.size} rows of ${arrays.inputShape[0]} features, ${label}`, 'info');
  }
  if (model.length > 0) {
    const ordered = orderModelFiles(model);
    const described = await describeModelFiles(ordered);
    page.modelFiles = ordered;
    doc.querySelector<HTMLInputElement>('input[name="model"][value="files"]')!.checked = true;
    say(`model: ${described}`, 'info');
  }
}

function wire(): void {
  applyQuery(doc, new URLSearchParams(location.search));
  el('setup').addEventListener('submit', (event) => {
    event.preventDefault();
    void guarded(findLr).finally(() => {
      page.controller = null;
      doc.body.dataset['tensors'] = String(tf.memory().numTensors);
    });
  });
  el('stop').addEventListener('click', () => page.controller?.abort());
  el('train').addEventListener('click', () => void guarded(train, 'done'));
  el('epochs').addEventListener('change', () => void guarded(async () => (page.settings ? drawSchedule({ ...page.settings, epochs: readSettings(doc).epochs }) : undefined), doc.body.dataset['state'] as State));
  for (const id of ['csv-file', 'model-files']) {
    const picker = el<HTMLInputElement>(id);
    picker.addEventListener('change', () => void guarded(() => takeFiles(Array.from(picker.files ?? [])), 'idle'));
  }
  doc.addEventListener('dragover', (event) => {
    event.preventDefault();
    doc.body.classList.add('dragging');
  });
  doc.addEventListener('dragleave', () => doc.body.classList.remove('dragging'));
  doc.addEventListener('drop', (event) => {
    event.preventDefault();
    doc.body.classList.remove('dragging');
    void guarded(() => takeFiles(Array.from(event.dataTransfer?.files ?? [])), 'idle');
  });
  // Whatever escapes a handler still reaches the page, not only the console.
  window.addEventListener('unhandledrejection', (event) => say(messageOf(event.reason)));
  window.addEventListener('error', (event) => say(messageOf(event.error ?? event.message)));
  setState('idle');
}

wire();

/** "validation accuracy 0.981", or for a regression (no accuracy) "validation loss (MSE) 0.0042". */
function validationScore(logs: { val_loss?: number; val_acc?: number; val_accuracy?: number } | undefined): string {
  const accuracy = logs?.val_acc ?? logs?.val_accuracy;
  if (accuracy !== undefined && Number.isFinite(accuracy)) return `validation accuracy ${accuracy.toFixed(3)}`;
  return `validation loss (MSE) ${(logs?.val_loss ?? NaN).toPrecision(3)}`;
}
