// The browser's initBackend: webgpu on a hardware adapter (when the user's bundle registered the
// webgpu backend), then webgl, then wasm with lrfind's training kernels (when the app imported
// @tensorflow/tfjs-backend-wasm), then cpu. It imports no backend package itself, so an app
// bundles with whichever ones it has.
import * as tf from '@tensorflow/tfjs';
import { checkChoice, checkNoTensorsToMove, engineState, type BackendChoice, type BackendInfo } from './backend-types.js';
import { registerWasmTrainingKernels } from './kernels/register.js';
import { wasmFolderBeside } from './wasm-paths.js';
import { describeAdapter, softwareRefused, type GpuAdapterInfoLike } from './webgpu/adapter.js';

export { EnvironmentError, type BackendChoice, type BackendInfo } from './backend-types.js';

/** The backends `initBackend` offers in a browser. */
export const BACKEND_CHOICES: readonly BackendChoice[] = ['auto', 'webgpu', 'webgl', 'wasm', 'cpu'];

/** What lrfind uses of @tensorflow/tfjs-backend-wasm's module: `import * as wasm from '@tensorflow/tfjs-backend-wasm'`. */
export interface WasmModule {
  setWasmPaths(paths: string | Record<string, string>): void;
  getThreadsCount(): number;
}

/** Options of `initBackend`. */
export interface BackendOptions {
  /**
   * The wasm backend's module, imported by the app: `import * as wasm from
   * '@tensorflow/tfjs-backend-wasm'` then `initBackend('auto', { wasm })`. Importing the package
   * registers wasm, which is then tried; the module also lets lrfind find its .wasm files
   * (`wasmPaths`, or beside the bundle) and report its threads. lrfind never imports it in a
   * browser, so an app without it (webgl only) bundles.
   */
  wasm?: WasmModule;
  /**
   * Where the wasm backend's `.wasm` files are served from (a folder URL ending in '/', or a map of
   * file names to URLs), passed to `setWasmPaths`. Bundlers do not copy these files: copy
   * node_modules/@tensorflow/tfjs-backend-wasm/dist/*.wasm next to your bundle (or your page), or
   * point here.
   * Needs `wasm`.
   * @default the bundle's folder when the .wasm files are there, else the page's folder (tfjs's default)
   */
  wasmPaths?: string | Record<string, string>;
  /**
   * webgpu only: train on a software adapter (SwiftShader, lavapipe) when asked for 'webgpu'
   * explicitly. `auto` never picks one: they train slower than wasm. The same rule as in Node.
   * @default false
   */
  allowSoftwareAdapter?: boolean;
}

interface GpuAdapter { info?: GpuAdapterInfoLike; isFallbackAdapter?: boolean }
interface NavigatorGpu { requestAdapter(options?: unknown): Promise<GpuAdapter | null> }

/** Renderer names of software webgl (SwiftShader draws on the CPU). */
const SOFTWARE = /swiftshader|lavapipe|llvmpipe|software|basic render/i;

/** Why the WebGPU adapter is not used, or null when it will be: a software one only when asked for explicitly and allowed. */
async function webgpuRefusal(allowSoftware: boolean): Promise<string | null> {
  if (tf.findBackendFactory('webgpu') === null) return 'webgpu not registered (import @tensorflow/tfjs-backend-webgpu)';
  const gpu = (globalThis.navigator as { gpu?: NavigatorGpu } | undefined)?.gpu;
  if (gpu === undefined) return 'webgpu: no navigator.gpu';
  const adapter = await gpu.requestAdapter({ powerPreference: 'high-performance' }).catch(() => null);
  if (adapter === null) return 'webgpu: no adapter';
  const description = describeAdapter(adapter.info ?? {}, adapter.isFallbackAdapter);
  return description.software && !allowSoftware ? softwareRefused(description, 'browser') : null;
}

/**
 * " on <renderer>" for the running webgl backend, flagged when it is a software one (SwiftShader
 * draws on the CPU: tens of times slower than wasm), or '' when the context does not say.
 */
function webglRenderer(): string {
  const gl = (tf.backend() as { gpgpu?: { gl?: WebGLRenderingContext } }).gpgpu?.gl;
  if (gl === undefined) return '';
  try {
    const debug = gl.getExtension('WEBGL_debug_renderer_info');
    const name = String(gl.getParameter(debug ? debug.UNMASKED_RENDERER_WEBGL : gl.RENDERER) ?? '');
    if (name === '') return '';
    return SOFTWARE.test(name) ? ` on ${name}, a software renderer: slow (wasm is faster here)` : ` on ${name}`;
  } catch {
    return '';
  }
}

async function trySet(name: string, tried: string[]): Promise<boolean> {
  const ok = await tf.setBackend(name).catch(() => false);
  if (!ok) tried.push(`${name} did not start`);
  return ok;
}

/** The first line of an error or a rejection value (tfjs's wasm init rejects with a plain {message}). */
const firstLine = (error: unknown): string => String((error as Error | undefined)?.message ?? error).split('\n')[0]!;

async function tryWasm(tried: string[], options: BackendOptions): Promise<BackendInfo | null> {
  if (tf.findBackendFactory('wasm') === null) {
    tried.push('wasm not in this app (import the @tensorflow/tfjs-backend-wasm module and pass it: initBackend(choice, { wasm }))');
    return null;
  }
  const trainingKernels = await registerWasmTrainingKernels();
  const module = options.wasm;
  const paths = module === undefined ? null : (options.wasmPaths ?? (await wasmFolderBeside()));
  const where = paths === null ? "the page's folder (or where the app pointed it)" : typeof paths === 'string' ? paths : 'the wasmPaths map';
  try {
    if (module !== undefined && paths !== null) module.setWasmPaths(paths);
  } catch (error) {
    // tfjs refuses new paths once an init has failed: the first failure's reason stands.
    tried.push(`wasm: ${firstLine(error)}`);
    return null;
  }
  const ok = await tf.setBackend('wasm').catch((error: unknown) => {
    tried.push(`wasm did not start: no .wasm files in ${where}? (${firstLine(error)})`);
    return null;
  });
  if (ok === null) return null;
  if (!ok) {
    tried.push(`wasm did not start (looked for the .wasm files in ${where})`);
    return null;
  }
  const simd = Boolean(await tf.env().getAsync('WASM_HAS_SIMD_SUPPORT'));
  // More than one thread only in a cross-origin isolated page (COOP + COEP headers), where tfjs loads its threaded build.
  const threads = module?.getThreadsCount();
  const threadText = threads === undefined ? '' : `, ${threads} thread${threads === 1 ? '' : 's'}`;
  const reason = [...tried, `using wasm with lrfind's training kernels (${simd ? 'SIMD' : 'no SIMD'}${threadText})`].join('; ');
  return { backend: 'wasm', reason, package: '@tensorflow/tfjs-backend-wasm', trainingKernels, simd, ...(threads === undefined ? {} : { threads }) };
}

const info = (backend: string, pkg: string, tried: string[], why: string): BackendInfo => ({
  backend, reason: [...tried, why].join('; '), package: pkg, trainingKernels: [],
});

async function select(choice: BackendChoice, options: BackendOptions): Promise<BackendInfo | null> {
  const tried: string[] = [];
  const wantGpu = choice === 'webgpu' || choice === 'auto';
  if (wantGpu) {
    const refusal = await webgpuRefusal(choice === 'webgpu' && options.allowSoftwareAdapter === true);
    if (refusal === null && (await trySet('webgpu', tried))) return info('webgpu', '@tensorflow/tfjs-backend-webgpu', tried, 'using webgpu');
    if (refusal !== null) tried.push(refusal);
    if (choice === 'webgpu') throw new Error(`backend 'webgpu' could not start: ${tried.join('; ')}`);
  }
  if (choice === 'webgl' || choice === 'auto') {
    if (await trySet('webgl', tried)) return info('webgl', '@tensorflow/tfjs-backend-webgl', tried, `using webgl${webglRenderer()}`);
    if (choice === 'webgl') throw new Error(`backend 'webgl' could not start: ${tried.join('; ')}`);
  }
  if (choice === 'wasm' || choice === 'auto') {
    const wasm = await tryWasm(tried, options);
    if (wasm !== null) return wasm;
    if (choice === 'wasm') throw new Error(`backend 'wasm' could not start: ${tried.join('; ')}`);
  }
  if (!(await trySet('cpu', tried))) return null;
  return info('cpu', '@tensorflow/tfjs-backend-cpu', tried, 'using the cpu backend (pure JS: slow for conv nets)');
}

/**
 * Selects and starts the backend lrfind trains on in a browser. `auto` tries webgpu (when the
 * webgpu backend is registered and a hardware adapter is there), webgl, wasm with lrfind's
 * training kernels, then cpu, and says why in `reason`. A named backend throws when it cannot start.
 * @example
 * const { backend, reason } = await initBackend(); // 'webgl', 'webgpu not registered …; using webgl'
 */
export async function initBackend(choice: BackendChoice = 'auto', options: BackendOptions = {}): Promise<BackendInfo> {
  checkChoice(choice, BACKEND_CHOICES, 'in a browser');
  if (options.wasmPaths !== undefined && options.wasm === undefined) {
    throw new RangeError('wasmPaths needs the wasm module: import @tensorflow/tfjs-backend-wasm as a module and pass it too, initBackend(choice, { wasm, wasmPaths })');
  }
  const { numTensors, active } = engineState(tf.engine());
  checkNoTensorsToMove(choice === 'auto' ? null : choice, numTensors, active);
  const chosen = await select(choice, options);
  if (chosen === null) throw new Error('no tfjs backend could start (not even cpu)');
  await tf.ready();
  return chosen;
}
