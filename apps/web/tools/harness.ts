// The browser tests' entry: the library, its views and the seeded run on `globalThis.lrfindTest`,
// bundled like the page (tfjs, lrfind, vega-embed) and served beside it.
import * as tf from '@tensorflow/tfjs';
import * as wasm from '@tensorflow/tfjs-backend-wasm';
import * as lrfind from '../../../src/index.js';
import * as views from '../../../reports/views/index.js';
import { words } from '../../../reports/index.js';
import { loadDigits } from '../page-data.js';
import { seededRunChecked } from './range-run.js';

const harness = { tf, wasm, lrfind, views, words, loadDigits, seededRunChecked };
export type Harness = typeof harness;
(globalThis as unknown as { lrfindTest: Harness }).lrfindTest = harness;
