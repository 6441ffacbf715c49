// Every training command starts the same way: quiet tfjs, pick the backend, and report a backend
// that cannot start as a usage error naming --backend.
import * as tf from '@tensorflow/tfjs';
import { EnvironmentError, initBackend, type BackendChoice, type BackendInfo } from '../../src/tfjs/backend.js';
import { UsageError } from '../errors.js';

export async function startBackend(choice: BackendChoice): Promise<BackendInfo> {
  tf.enableProdMode(); // tfjs's "install tfjs-node" banner would land in the middle of the output
  try {
    return await initBackend(choice); // cached: the library's own initBackend call gets this backend
  } catch (error) {
    const message = (error as Error).message;
    // A bad environment variable (LRFIND_WASM_THREADS) is not --backend's fault.
    throw new UsageError(error instanceof EnvironmentError ? message : `--backend ${choice}: ${message}`);
  }
}
