// The backends `initBackend` accepts, in a file that loads no tfjs: the CLI checks --backend
// against this list before tfjs loads.

import type { BackendChoice } from './backend-types.js';

/** The backends `initBackend` offers in Node. `auto`: the fastest that can train (native, webgpu on a hardware GPU, wasm, cpu). */
export const BACKEND_CHOICES: readonly BackendChoice[] = ['auto', 'tensorflow', 'webgpu', 'wasm', 'cpu'];
