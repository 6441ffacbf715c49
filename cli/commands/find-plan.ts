// What `lrfind find` runs, checked from its flags (find.ts) before anything loads, and run by
// find-run.ts and its worker.
import type { BackendChoice } from '../../src/tfjs/backend.js';
import type { RangeTestSettings } from '../../src/types.js';
import type { DataSource } from '../data-source.js';
import type { ModelSource } from '../model/source.js';
import type { OptimizerName } from '../model/optimizer-names.js';
import type { InputColumns } from '../model/input-columns.js';

/** Everything `find` needs, checked before anything is loaded or written. */
export interface FindPlan {
  settings: RangeTestSettings;
  model: ModelSource;
  data: DataSource;
  optimizer: OptimizerName;
  backend: BackendChoice;
  out: string;
  labels: { model: string; data: string };
  json: boolean;
  /** Confirm the max lr by probes after the sweep (`recommendLearningRate`'s default). */
  confirm: boolean;
  /** Escalate when the curve does not answer (`recommendLearningRate`'s `escalate`). */
  escalate: boolean;
  /** `--momentum-runs`: Smith's short momentum runs after the bounds. */
  momentumRuns?: boolean;
  /** `--weight-decay`: a decay, 'auto', or the decays to choose from. */
  weightDecay?: number | 'auto' | number[];
  label?: string;
  /** `--inputs`: the CSV columns of each model input. */
  inputs?: InputColumns[];
  task?: 'auto' | 'classification' | 'regression';
  trainSize?: number;
  dataDir?: string;
  /** The command line as typed, for the report (see `commandLine`). */
  commandLine?: string;
}
