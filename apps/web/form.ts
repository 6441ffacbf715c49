// The page's form as values: read once per run, checked with messages that name the field. URL
// query parameters preset it (?model=mlp&backend=wasm&steps=60&confirm=0), so a setup can be shared.
import type { BackendChoice } from '../../src/index.js';
import type { ModelName } from '../../src/models/index.js';
import type { OptimizerName } from './page-model.js';

export interface PageSettings {
  data: 'digits' | 'csv';
  csvLabel: string;
  model: 'builtin' | 'files' | 'url';
  builtinModel: ModelName;
  modelUrl: string;
  optimizer: OptimizerName;
  numIter: number;
  startLr: number;
  endLr: number;
  batchSize: number;
  seed: number;
  confirm: boolean;
  escalate: boolean;
  backend: BackendChoice;
  epochs: number;
}

const $ = <T extends HTMLElement>(doc: Document, id: string): T => {
  const el = doc.getElementById(id);
  if (el === null) throw new Error(`the page has no #${id}`);
  return el as T;
};

const input = (doc: Document, id: string): HTMLInputElement => $<HTMLInputElement>(doc, id);
const select = (doc: Document, id: string): HTMLSelectElement => $<HTMLSelectElement>(doc, id);
const radio = (doc: Document, name: string): string => doc.querySelector<HTMLInputElement>(`input[name="${name}"]:checked`)?.value ?? '';

function numberField(doc: Document, id: string, what: string, check: (x: number) => boolean, expected: string): number {
  const text = input(doc, id).value.trim();
  const value = Number(text);
  if (text === '' || !Number.isFinite(value) || !check(value)) throw new RangeError(`${what} must be ${expected}, got "${text}"`);
  return value;
}

/** The form's values; a RangeError naming the field when one is off. */
export function readSettings(doc: Document): PageSettings {
  const integer = (min: number, max: number) => (x: number) => Number.isInteger(x) && x >= min && x <= max;
  const startLr = numberField(doc, 'start-lr', 'the start lr', (x) => x > 0, 'a positive number');
  const endLr = numberField(doc, 'end-lr', 'the end lr', (x) => x > startLr, `a number above the start lr ${startLr}`);
  return {
    data: radio(doc, 'data') === 'csv' ? 'csv' : 'digits',
    csvLabel: input(doc, 'csv-label').value,
    model: (['files', 'url'].includes(radio(doc, 'model')) ? radio(doc, 'model') : 'builtin') as PageSettings['model'],
    builtinModel: select(doc, 'builtin-model').value as ModelName,
    modelUrl: input(doc, 'model-url').value.trim(),
    optimizer: select(doc, 'optimizer').value as OptimizerName,
    numIter: numberField(doc, 'steps', 'steps', integer(10, 1000), 'an integer from 10 to 1000'),
    startLr,
    endLr,
    batchSize: numberField(doc, 'batch', 'the batch size', integer(1, 4096), 'an integer from 1 to 4096'),
    seed: numberField(doc, 'seed', 'the seed', Number.isInteger, 'an integer'),
    confirm: input(doc, 'confirm').checked,
    escalate: input(doc, 'escalate').checked,
    backend: select(doc, 'backend').value as BackendChoice,
    epochs: numberField(doc, 'epochs', 'epochs', integer(1, 200), 'an integer from 1 to 200'),
  };
}

/** Presets the form from `?data=…&model=…&backend=…&steps=…&batch=…&seed=…&confirm=0|1&escalate=0|1&epochs=…&optimizer=…&end-lr=…&start-lr=…`. */
export function applyQuery(doc: Document, query: URLSearchParams): void {
  const set = (id: string, value: string | null): void => {
    if (value !== null) input(doc, id).value = value;
  };
  const choose = (id: string, value: string | null): void => {
    const el = select(doc, id);
    if (value !== null && Array.from(el.options).some((o) => o.value === value)) el.value = value;
  };
  const model = query.get('model');
  if (model !== null) {
    if (['cnn', 'mlp', 'vgg-mini'].includes(model)) choose('builtin-model', model);
    else if (/^https?:/.test(model)) {
      set('model-url', model);
      doc.querySelector<HTMLInputElement>('input[name="model"][value="url"]')!.checked = true;
    }
  }
  choose('backend', query.get('backend'));
  choose('optimizer', query.get('optimizer'));
  set('steps', query.get('steps'));
  set('batch', query.get('batch'));
  set('seed', query.get('seed'));
  set('epochs', query.get('epochs'));
  set('start-lr', query.get('start-lr'));
  set('end-lr', query.get('end-lr'));
  const confirm = query.get('confirm');
  if (confirm !== null) input(doc, 'confirm').checked = confirm !== '0' && confirm !== 'false';
  const escalate = query.get('escalate');
  if (escalate !== null) input(doc, 'escalate').checked = escalate !== '0' && escalate !== 'false';
}

export { $ };
