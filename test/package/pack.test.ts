// lrfind as other projects get it: `npm pack`, then an install into a scratch project beside an
// older tfjs 4.x. Needs the npm registry (CI has it); skips with a message when it is out of reach.
import { execFile, execFileSync, spawnSync } from 'node:child_process';
import { promisify } from 'node:util';
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const root = resolve(fileURLToPath(new URL('.', import.meta.url)), '../..');
/** The oldest tfjs the peer range admits; the repository itself tests the newest. */
export const OLDEST_TFJS = '4.10.0';
/** What lrfind may add to a project that already has tfjs. */
const MAX_ADDED_MB = 30;

const npm = (args: string[], cwd: string): string => execFileSync('npm', args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], timeout: 240_000 });
/** The long installs run asynchronously, so that vitest's worker keeps answering meanwhile. */
const npmAsync = async (args: string[], cwd: string): Promise<string> =>
  (await promisify(execFile)('npm', args, { cwd, encoding: 'utf8', timeout: 300_000, maxBuffer: 16 * 1024 * 1024 })).stdout;
const megabytes = (dir: string): number => Number(execFileSync('du', ['-sm', dir], { encoding: 'utf8' }).split('\t')[0]);

function registryReachable(): boolean {
  const r = spawnSync('npm', ['view', '@tensorflow/tfjs-core@' + OLDEST_TFJS, 'version'], { encoding: 'utf8', timeout: 30_000 });
  return r.status === 0 && r.stdout.trim() === OLDEST_TFJS;
}

const online = registryReachable();
if (!online) console.warn('skipping the packed-tarball test: the npm registry is out of reach');

describe.skipIf(!online)(`the packed tarball in a project on tfjs ${OLDEST_TFJS}`, () => {
  let project = '';
  let baseline = 0;
  let withLrfind = 0;

  beforeAll(async () => {
    project = mkdtempSync(join(tmpdir(), 'lrfind-pack-'));
    const [packed] = JSON.parse(await npmAsync(['pack', '--json', '--ignore-scripts', '--pack-destination', project], root)) as { filename: string }[];
    writeFileSync(join(project, 'package.json'), JSON.stringify({ name: 'scratch', version: '1.0.0', type: 'module', private: true }));
    const quiet = ['--no-audit', '--no-fund', '--loglevel=error'];
    await npmAsync(['install', ...quiet, '--save-exact', `@tensorflow/tfjs@${OLDEST_TFJS}`, `@tensorflow/tfjs-backend-wasm@${OLDEST_TFJS}`], project);
    baseline = megabytes(join(project, 'node_modules'));
    await npmAsync(['install', ...quiet, join(project, packed!.filename)], project);
    withLrfind = megabytes(join(project, 'node_modules'));
  }, 480_000);

  afterAll(() => {
    if (project) rmSync(project, { recursive: true, force: true });
  });

  const run = async (source: string): Promise<{ status: number | null; stdout: string; stderr: string }> => {
    const file = join(project, `script-${readdirSync(project).length}.mjs`);
    writeFileSync(file, source);
    return new Promise((done) => {
      execFile(process.execPath, [file], { cwd: project, encoding: 'utf8', timeout: 240_000 }, (error, stdout, stderr) => {
        done({ status: error ? ((error as { code?: number }).code ?? 1) : 0, stdout, stderr });
      });
    });
  };

  it('has exactly one @tensorflow/tfjs-core, the project\'s own', () => {
    const paths = npm(['ls', '@tensorflow/tfjs-core', '--all', '--parseable'], project).trim().split('\n').filter(Boolean);
    expect(paths).toEqual([join(project, 'node_modules/@tensorflow/tfjs-core')]);
    expect(JSON.parse(npm(['ls', '@tensorflow/tfjs-core', '--json'], project)).dependencies['@tensorflow/tfjs'].version).toBe(OLDEST_TFJS);
  });

  it(`adds at most ${MAX_ADDED_MB} MB to the project`, () => {
    console.info(`lrfind adds ${withLrfind - baseline} MB (${baseline} → ${withLrfind} MB of node_modules)`);
    expect(withLrfind - baseline).toBeLessThanOrEqual(MAX_ADDED_MB);
  });

  it("leaves the user's tfjs as it was on import, then runs the README's find → bounds → one-cycle flow", async () => {
    const r = await run(`
      import * as tf from '@tensorflow/tfjs';
      const factories = () => Object.keys(tf.engine().registryFactory).sort().join();
      const before = { factories: factories(), flags: JSON.stringify(tf.env().flags) };
      const lrfind = await import('lrfind');
      await import('lrfind/schedules'); await import('lrfind/analysis'); await import('lrfind/reports');
      const after = { factories: factories(), flags: JSON.stringify(tf.env().flags) };
      await tf.ready();
      const untouched = tf.getBackend();
      const info = await lrfind.initBackend();
      const xs = tf.randomNormal([256, 8], 0, 1, 'float32', 1);
      const ys = tf.oneHot(tf.argMax(xs.slice([0, 0], [256, 4]), 1), 4).toFloat();
      const model = tf.sequential({ layers: [tf.layers.dense({ units: 16, activation: 'relu', inputShape: [8] }), tf.layers.dense({ units: 4, activation: 'softmax' })] });
      model.compile({ optimizer: tf.train.sgd(0.01), loss: 'categoricalCrossentropy' });
      const weights = model.getWeights().map((w) => Array.from(w.dataSync()));
      const tensors = tf.memory().numTensors;
      const found = await lrfind.recommendLearningRate(model, { xs, ys }, { numIter: 60, endLr: 10, batchSize: 32 });
      const leaked = tf.memory().numTensors - tensors;
      const restored = model.getWeights().every((w, i) => Array.from(w.dataSync()).every((v, j) => v === weights[i][j]));
      const history = await model.fit(xs, ys, { epochs: 3, batchSize: 32, verbose: 0, callbacks: [lrfind.oneCycleCallback(found)] });
      console.log(JSON.stringify({ before, after, untouched, backend: info.backend, bounds: found.bounds, leaked, restored, losses: history.history.loss, lrs: history.history.lr }));
    `);
    expect(r.status, r.stderr).toBe(0);
    const out = JSON.parse(r.stdout.trim().split('\n').at(-1)!);
    expect(out.after).toEqual(out.before);
    expect(out.untouched).toBe('cpu');
    expect(out.backend).toBe('wasm');
    expect(out.bounds.maxLr).toBeGreaterThan(out.bounds.minLr);
    expect(out.leaked).toBe(0);
    expect(out.restored).toBe(true);
    expect(out.losses).toHaveLength(3);
    expect(out.losses.every(Number.isFinite)).toBe(true);
    expect(out.losses.at(-1)).toBeLessThan(out.losses[0]);
    expect(Math.max(...out.lrs)).toBeLessThanOrEqual(out.bounds.maxLr * (1 + 1e-6));
  });

  it("runs the README's library example as it is", async () => {
    const readme = readFileSync(join(root, 'README.md'), 'utf8');
    const section = readme.slice(readme.indexOf('## Find → read bounds → train with one-cycle'));
    const example = /```ts\n([\s\S]*?)```/.exec(section)?.[1];
    expect(example, 'the README has a ts block under its library example heading').toBeDefined();
    const r = await run(example!);
    expect(r.status, r.stderr).toBe(0);
    const lines = r.stdout.trim().split('\n');
    expect(r.stdout).toMatch(/maxLr: [\d.e-]+,\s+minLr: [\d.e-]+,\s+source: '(confirmed|lrfind)'/);
    expect(Number(lines.at(-1))).toBeGreaterThan(0.8);
  });

  it("runs every block of the README's 'Any training code' section as it is", async () => {
    const readme = readFileSync(join(root, 'README.md'), 'utf8');
    const start = readme.indexOf('## Any training code');
    const section = readme.slice(start, readme.indexOf('\n## ', start + 3));
    const blocks = [...section.matchAll(/```ts\n([\s\S]*?)```/g)].map((m) => m[1]!);
    expect(blocks.length).toBe(4);
    for (const block of blocks) {
      const r = await run(block);
      expect(r.status, `${block.split('\n').find((l) => l.startsWith('const'))}\n${r.stderr}`).toBe(0);
    }
  });

  it("runs the README's weight-decay example as it is", async () => {
    const readme = readFileSync(join(root, 'README.md'), 'utf8');
    const section = readme.slice(readme.indexOf('## Weight decay: decoupled, and found with the lr'));
    const example = /```ts\n([\s\S]*?)```/.exec(section)?.[1];
    const r = await run(example!);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/validation loss/);
  });

  it("prints Node's own stack for the user's error after initBackend and exits with 1", async () => {
    const r = await run(`
      import { initBackend } from 'lrfind';
      const info = await initBackend();
      if (info.backend !== 'wasm') throw new Error('expected wasm, got ' + info.backend);
      function usersCode() { throw new Error('boom in user code'); }
      usersCode();
    `);
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('boom in user code');
    expect(r.stderr).toMatch(/at usersCode \(file:/);
    expect(r.stderr.length).toBeLessThan(4096);
  });
});
