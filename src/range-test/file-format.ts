// The finder's file format (range-test.json): what `lrfind find --json` prints, what `find` and
// `analyze` write and what `schedule --from`, the reports and the web page read. Versioned: this
// lrfind writes version 3 and reads 1 to 3 (see file-parse.ts). Types only.
import type { Bounds, Escalation, MomentumChoice, RangeTestSettings, RegionKind, StopReason, WeightDecayChoice } from '../types.js';

export const RANGE_TEST_FORMAT = 'lrfind/range-test';
export const RANGE_TEST_VERSION = 3;

/** The rules every file lists (null when a rule has nothing to say); other registered rules follow. */
export const RULE_NAMES = ['steepest', 'valley', 'minimum', 'slide'] as const;

export interface CurvePart {
  lr: number[];
  /** Raw losses (null in the JSON where one was not finite). */
  loss: number[];
  /** The report's smoothing (running median, then Savitzky-Golay): the curve everything is read off. */
  smoothedLoss: number[];
  /** Where the loss starts to rise, as an index of `lr`; null when it never does (or a version-1 file). */
  divergenceIndex: number | null;
  /** The spread of several runs around their median (`curve` is then the median), on the same lrs. */
  spread?: { lower: number[]; upper: number[] };
}

/**
 * What the probes found: the confirmed max lr (null when none trained or they were stopped), the
 * lr that trained (`edge`), the curve's own bounds, and every probe's lr, end loss and verdict.
 */
export interface ConfirmationPart {
  maxLr: number | null;
  minLr: number | null;
  edge: number | null;
  /** The bounds read off the curve before the probes (null when it gave none). */
  curveBounds: { maxLr: number; minLr: number } | null;
  target: number;
  /** `check`: the probe a ladder² below a pass (trained = lowered the loss and kept it); `unbacked`: it reached the target but its check did not train. */
  probes: { lr: number; endLoss: number; passed: boolean; check?: boolean; unbacked?: boolean }[];
  /** True when Ctrl-C (or the signal) stopped the probes: the bounds are then the curve's. */
  stopped: boolean;
  /** True when no probe reached the target and `edge` is the largest lr that trained about as well as the best of them. */
  relaxed?: boolean;
  /** True when `edge` is a candidate below the first that passed, because it trained clearly better. */
  steppedDown?: boolean;
}

/** How the range test ran; absent from a file made by analysing a curve from elsewhere. */
export interface RunPart {
  /** The tfjs backend, e.g. 'wasm'. */
  backend: string;
  stopReason: StopReason;
  seconds: number;
  /** The optimizer's class name, e.g. 'SGDOptimizer'. */
  optimizer: string;
  settings: RangeTestSettings;
}

/** One run's curve, when there were several. */
export interface RunCurvePart {
  lr: number[];
  loss: number[];
  /** The stop rule's running average (bias-corrected EMA). */
  emaLoss: number[];
  stopReason: StopReason;
  seed: number;
}

export interface RangeTestFile extends Partial<RunPart> {
  format: typeof RANGE_TEST_FORMAT;
  version: typeof RANGE_TEST_VERSION;
  curve: CurvePart;
  /** The regions, agreeing with the probes when they ran. */
  regions: { kind: RegionKind; minLr: number; maxLr: number }[];
  /** The bounds to train with: confirmed by probes (source 'confirmed') when one trained, else the curve's; null when there are none. */
  bounds: Bounds | null;
  /** Every rule's pick (null when it had nothing to say), by rule name. */
  rules: Record<string, number | null>;
  warnings: string[];
  /** Labels of what was tested, e.g. {model: 'cnn', data: 'digits'}. */
  model?: string;
  data?: string;
  /** What the loss is when it is not a classifier's cross-entropy, e.g. 'mean squared error of mpg (min-max scaled)'. */
  loss?: string;
  /** Present when probes ran. */
  confirmation?: ConfirmationPart;
  /** Every run's curve when there were several (`curve` is then their median). */
  runs?: RunCurvePart[];
  /** What the finder did beyond the planned sweep because the curve did not answer (absent when nothing). */
  escalations?: Escalation[];
  /** A model with frozen layers: the layers the sweep trained and those it left alone. */
  layers?: { trained: string[]; frozen: string[] };
  /** The decoupled weight decay it ran with (version 3): given, or chosen from a family of range tests. */
  weightDecay?: WeightDecayChoice;
  /** The momentum short runs at the max lr chose (version 3, `momentum: 'auto'`). */
  momentum?: MomentumChoice;
}
