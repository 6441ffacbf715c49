// What `lrfind demo` runs: its flags and the plan checked from them (demo.ts), run by demo-run.ts.
import type { BackendChoice } from '../../src/tfjs/backend.js';
import type { FlagSpecs, Flags } from '../args.js';
import { FIND_FLAGS } from './find-flags.js';

export const DEMO_FLAGS = {
  epochs: { type: 'integer', description: 'one-cycle training epochs after the range test', default: '8' },
  'train-size': { ...FIND_FLAGS['train-size'], description: 'use a seeded subset of this many of the 1438 training digits' },
  seed: FIND_FLAGS.seed,
  'no-confirm': FIND_FLAGS['no-confirm'],
  backend: FIND_FLAGS.backend,
  out: { type: 'string', placeholder: '<dir>', description: 'where index.html, demo.json and the charts go', default: './lrfind-out/demo' },
  json: { type: 'boolean', description: 'print demo.json on stdout and nothing else' },
  help: FIND_FLAGS.help,
} as const satisfies FlagSpecs;

export type DemoFlags = Flags<typeof DEMO_FLAGS>;

/** What `demo` runs, checked before anything is loaded or written. */
export interface DemoPlan {
  epochs: number;
  seed: number;
  trainSize?: number;
  backend: BackendChoice;
  out: string;
  json: boolean;
  /** Confirm the max lr by probes before training. */
  confirm: boolean;
}
