// The page "lrfind in your browser", driven as a user would in headless Chromium: the bundled
// digits and a built-in model end in bounds and a range-test.json that the Node CLI's
// `schedule --from` accepts; one-cycle trains in the page; a model of your own, picked as files,
// trains too; bad files get a message and the page keeps working.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import type { Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT } from '../../apps/web/build.js';
import { open, skipReason, startSite, type Site } from './site.js';
import { escalationLines } from '../../src/present/words.js';

const files = mkdtempSync(join(tmpdir(), 'lrfind-page-files-'));

/** Waits for the page to leave `running`/`training`; returns the state and the message shown, if any. */
async function settle(page: Page, states: string[]): Promise<{ state: string; message: string }> {
  await page.waitForFunction((wanted: string[]) => wanted.includes(document.body.dataset['state'] ?? ''), { timeout: 120_000 }, states);
  return page.evaluate(() => ({
    state: document.body.dataset['state'] ?? '',
    message: document.getElementById('message')!.hidden ? '' : document.getElementById('message')!.textContent ?? '',
  }));
}

/** The page is idle already (the last message stays up): waits until a message starting with `prefix` replaces it. */
async function messageStarting(page: Page, prefix: string, states = ['idle']): Promise<string> {
  let message = '';
  for (let tries = 0; tries < 100 && !message.startsWith(prefix); tries++) {
    message = (await settle(page, states)).message;
    if (!message.startsWith(prefix)) await new Promise((done) => setTimeout(done, 100));
  }
  return message;
}

/** The text behind a download link (a blob: URL made by the page). */
const download = (page: Page, id: string): Promise<string> =>
  page.$eval(`#${id}`, async (a) => {
    const href = (a as HTMLAnchorElement).getAttribute('href');
    if (href === null) return '';
    return (await fetch(href)).text();
  });

/** Drops files made in the page on the document, as a drag from the desktop does. */
const drop = (page: Page, made: { name: string; text: string }[]): Promise<void> =>
  page.evaluate((list) => {
    const transfer = new DataTransfer();
    for (const f of list) transfer.items.add(new File([f.text], f.name));
    document.dispatchEvent(new DragEvent('drop', { dataTransfer: transfer, bubbles: true, cancelable: true }));
  }, made);

describe.skipIf(skipReason !== null)(`the page in headless Chromium${skipReason ? ` (skipped: ${skipReason})` : ''}`, () => {
  let site: Site;
  let page: Page;
  let errors: string[];

  beforeAll(async () => {
    site = await startSite();
    ({ page, errors } = await open(site, '?model=mlp&backend=wasm&steps=60&epochs=2', 'body[data-state="idle"]'));
  });

  afterAll(async () => {
    await site?.close();
    rmSync(files, { recursive: true, force: true });
  });

  it('finds bounds on the bundled digits and offers a range-test.json the CLI reads', async () => {
    await page.click('#run');
    const { state, message } = await settle(page, ['done', 'error']);
    expect(message).toBe('');
    expect(state).toBe('done');
    expect(await page.$eval('#bounds', (e) => e.textContent)).toMatch(/^bounds: max lr \S+ · min lr \S+ \(confirmed, confidence [\d.]+\)$/);
    expect(await page.$eval('#backend-info', (e) => e.textContent)).toMatch(/backend: wasm/);
    const json = await download(page, 'dl-json');
    const doc = JSON.parse(json) as { format: string; bounds: { maxLr: number }; curve: { lr: number[] }; model: string; data: string; escalations?: { reason: string; done: string; steps: number }[] };
    expect(doc).toMatchObject({ format: 'lrfind/range-test', model: 'mlp', data: 'digits' });
    // What lrfind did beyond the 60 planned steps, the page says in the terminal's words.
    if (doc.escalations === undefined) expect(doc.curve.lr).toHaveLength(60);
    else expect(doc.curve.lr.length).toBeGreaterThan(60);
    expect(await page.$$eval('#escalations li', (items) => items.map((li) => li.textContent))).toEqual(escalationLines(doc));
    const path = join(files, 'range-test.json');
    writeFileSync(path, json);
    const out = execFileSync(process.execPath, [join(ROOT, 'bin/lrfind.js'), 'schedule', 'onecycle', '--from', path, '--total-steps', '100', '--format', 'json'], { encoding: 'utf8' });
    const schedule = JSON.parse(out) as { lr: number[]; momentum: number[] };
    expect(schedule.lr).toHaveLength(100);
    expect(Math.max(...schedule.lr)).toBeCloseTo(doc.bounds.maxLr, 12);
    // The page's own schedule and SVGs are there too.
    expect((await download(page, 'dl-schedule-csv')).split('\n')[0]).toBe('step,lr,momentum');
    expect(JSON.parse(await download(page, 'dl-schedule-json')).lr).toHaveLength(2 * Math.ceil(1438 / 64)); // 2 epochs at the default batch of 64
    expect(await download(page, 'dl-svg')).toMatch(/^<svg/);
    expect(await download(page, 'dl-schedule-svg')).toMatch(/^<svg/);
  });

  it('trains one-cycle in the page with live accuracy', async () => {
    await page.click('#train');
    const { state, message } = await settle(page, ['trained', 'error', 'done']);
    expect(message).toBe('');
    expect(state).toBe('trained');
    const status = await page.$eval('#train-status', (e) => e.textContent ?? '');
    const accuracy = Number(/validation accuracy (\d\.\d+) after 2 epochs/.exec(status)?.[1]);
    expect(accuracy).toBeGreaterThan(0.8);
    expect(await page.$$eval('#training svg', (svgs) => svgs.length)).toBeGreaterThan(0);
  });

  it('says what is wrong with a bad file, and keeps working', async () => {
    await drop(page, [{ name: 'model.json', text: 'not json at all' }]);
    expect((await settle(page, ['idle'])).message).toBe('model.json: not JSON (expected the model.json of a tfjs Layers model)');
    await drop(page, [{ name: 'model.json', text: '{"modelTopology": {}, "weightsManifest": [{"paths": ["weights.bin"], "weights": []}]}' }]);
    expect((await settle(page, ['idle'])).message).toMatch(/^model\.json needs the weight file weights\.bin/);
    await drop(page, [{ name: 'holiday.png', text: '\x89PNG' }]);
    expect((await settle(page, ['idle'])).message).toMatch(/^holiday\.png: not a file this page reads/);
    const csv = join(files, 'bad.csv');
    writeFileSync(csv, 'a,b,label\n1,2,0\n3,oops,1\n');
    const picker = await page.$('#csv-file');
    await (picker as unknown as { uploadFile(path: string): Promise<void> }).uploadFile(csv);
    expect(await messageStarting(page, 'bad.csv')).toMatch(/^bad\.csv: row 3/);
    expect(await page.$eval('#run', (b) => (b as HTMLButtonElement).disabled)).toBe(false);
  });

  it('runs the range test on a Layers model of your own, picked as model.json + weights', async () => {
    // A model saved the way tfjs saves one (model.json + one weights file), made here in Node.
    const model = tf.sequential({ layers: [tf.layers.flatten({ inputShape: [8, 8, 1] }), tf.layers.dense({ units: 32, activation: 'relu' }), tf.layers.dense({ units: 10, activation: 'softmax' })] });
    await model.save(tf.io.withSaveHandler(async (artifacts) => {
      const { weightData, weightSpecs, ...rest } = artifacts;
      writeFileSync(join(files, 'model.json'), JSON.stringify({ ...rest, weightsManifest: [{ paths: ['./weights.bin'], weights: weightSpecs }] }));
      writeFileSync(join(files, 'weights.bin'), Buffer.from(weightData as ArrayBuffer));
      return { modelArtifactsInfo: { dateSaved: new Date(), modelTopologyType: 'JSON' } };
    }));
    model.dispose();
    const picker = await page.$('#model-files');
    await (picker as unknown as { uploadFile(...paths: string[]): Promise<void> }).uploadFile(join(files, 'model.json'), join(files, 'weights.bin'));
    expect(await messageStarting(page, 'model:')).toMatch(/^model: model\.json \(\w+\), 1 weight file$/);
    await page.evaluate(() => {
      document.querySelector<HTMLInputElement>('input[name="data"][value="digits"]')!.checked = true;
      document.querySelector<HTMLInputElement>('#steps')!.value = '40';
      document.querySelector<HTMLInputElement>('#confirm')!.checked = false;
      document.querySelector<HTMLInputElement>('#escalate')!.checked = false;
    });
    await page.click('#run');
    const { state, message } = await settle(page, ['done', 'error']);
    expect(message).toBe('');
    expect(state).toBe('done');
    expect(JSON.parse(await download(page, 'dl-json')).curve.lr).toHaveLength(40);
  });

  it('reads a CSV whose label is a number as a regression, trains on it and says so', async () => {
    const picker = await page.$('#csv-file');
    await page.evaluate(() => {
      document.querySelector<HTMLInputElement>('#csv-label')!.value = 'mpg';
    });
    await (picker as unknown as { uploadFile(path: string): Promise<void> }).uploadFile(join(ROOT, 'test/fixtures/cars.csv'));
    expect(await messageStarting(page, 'data: cars.csv', ['idle', 'done'])).toBe('data: cars.csv, 300 rows of 2 features, regression on mpg');
    await page.evaluate(() => {
      document.querySelector<HTMLInputElement>('input[name="model"][value="builtin"]')!.checked = true;
      document.querySelector<HTMLSelectElement>('#builtin-model')!.value = 'mlp';
      document.querySelector<HTMLInputElement>('#steps')!.value = '60';
      document.querySelector<HTMLInputElement>('#confirm')!.checked = false;
    });
    await page.click('#run');
    expect(await settle(page, ['done', 'error'])).toEqual({ state: 'done', message: '' });
    const doc = JSON.parse(await download(page, 'dl-json')) as { loss: string; data: string };
    expect(doc.loss).toBe('mean squared error of mpg (min-max scaled)');
  });

  it('left no error in the page', () => {
    expect(errors).toEqual([]);
  });
});
