// Plain-number types shared by the core (analysis, schedules, reports). Nothing here touches tfjs.

/** A learning-rate range-test curve: one loss per learning rate, in sweep order. */
export interface Curve {
  lrs: number[];
  losses: number[];
}

/** Why a range test ended. */
export type StopReason = 'completed' | 'diverged' | 'non-finite loss' | 'stopped';

/** How the learning rate grows across the sweep. */
export type SweepMode = 'exp' | 'linear';

/** One range-test run (one seed). */
export interface RangeTestRun {
  /** The learning rate used for each step that ran. */
  lrs: number[];
  /** The raw mini-batch training loss of each step. */
  losses: number[];
  /** The stop rule's running average: bias-corrected EMA of `losses` (β = `smoothing`). Never shown: it lags. */
  emaLosses: number[];
  /** Validation loss per step when `validationData` was given (null on steps that skipped it). */
  validationLosses?: (number | null)[];
  stopReason: StopReason;
  /** Seed used to shuffle the data for this run. */
  seed: number;
  /** Index of the lowest smoothed loss. */
  bestIndex: number;
  /** The lowest smoothed loss. */
  bestLoss: number;
}

/** The settings a range test ran with (all defaults filled in). */
export interface RangeTestSettings {
  startLr: number;
  endLr: number;
  numIter: number;
  mode: SweepMode;
  batchSize: number;
  divergeThreshold: number;
  smoothing: number;
  runs: number;
  seed: number;
}

/** What `findLearningRate` returns. The top-level curve is the first run's. */
/** Why a sweep went on past endLr: its loss was still falling there, or had not started to fall. */
export type ExtensionReason = 'still-falling' | 'not-yet-falling';

/** How far a sweep went past its planned endLr because the loss had not turned up there (`extend`). */
export interface SweepExtension {
  reason: ExtensionReason;
  /** Steps taken past the planned numIter (by the first run; later runs follow its lrs). */
  steps: number;
  /** The last lr the extended sweep planned. */
  endLr: number;
}

export interface RangeTestResult extends RangeTestRun {
  runs: RangeTestRun[];
  settings: RangeTestSettings;
  /** The tfjs backend the test ran on ('wasm', 'cpu', 'tensorflow'). */
  backend: string;
  /** The optimizer's class name, e.g. 'SGDOptimizer'. */
  optimizer: string;
  timing: { seconds: number; msPerStep: number; steps: number };
  /** Present when the sweep went on past endLr (`extend`). */
  extension?: SweepExtension;
  /** For a model: the layers the sweep trained, and those it left alone (frozen, or nothing to train). */
  layers?: { trained: string[]; frozen: string[] };
}

/** The three zones of a range-test curve (Smith, 2017). */
export type RegionKind = 'too-small' | 'good' | 'too-large';

export interface Region {
  kind: RegionKind;
  /** Lowest lr in the region (inclusive). */
  minLr: number;
  /** Highest lr in the region (inclusive). */
  maxLr: number;
  /** First curve index in the region. */
  startIndex: number;
  /** Last curve index in the region (inclusive). */
  endIndex: number;
}

/** What one rule picks. `lr` is null when the rule has nothing to say (then `warning` says why). */
export interface RulePick {
  rule: string;
  lr: number | null;
  index: number | null;
  warning?: string;
}

/** A pure suggestion rule of the registry. */
export type Rule = (curve: Curve) => RulePick;

/**
 * Learning-rate bounds to train with: one-cycle peaks at `maxLr` and starts at `minLr`. `source`
 * says where they come from ('confirmed' by probes, 'lrfind' or a peer rule read off the curve).
 */
export interface Bounds {
  maxLr: number;
  minLr: number;
  source: string;
  /** How much to trust the bounds, in [0, 1]. */
  confidence: number;
}

/** Median and spread of several runs' curves on a common lr grid. */
export interface CurveAggregate {
  lrs: number[];
  median: number[];
  lower: number[];
  upper: number[];
}

/** A learning-rate (or momentum) schedule: a pure function of the global step that never throws. */
export type Schedule = (step: number) => number;

/** Everything `analyzeCurve` reads off a curve. */
export interface Analysis {
  /** The curve analysed (the median curve when several runs were given). */
  curve: Curve;
  /** The smoothed loss used for the reading (same length as `curve.losses`). */
  smoothedLosses: number[];
  /** d(smoothed loss)/d(log10 lr), same length. */
  gradient: number[];
  regions: Region[];
  /**
   * The bounds read off the curve alone, unconfirmed by training; null when the curve gives none
   * (`warnings` then says why). `recommendLearningRate` returns the bounds to train with.
   */
  curveBounds: Bounds | null;
  /** Every registered rule's pick, by rule name. */
  picks: Record<string, RulePick>;
  /** Index where the loss starts to diverge (null when it never does). */
  divergenceIndex: number | null;
  /** Index of the lowest smoothed loss. */
  minimumIndex: number;
  /** Present when several runs were aggregated. */
  aggregate?: CurveAggregate;
  /** How the curve reads: 'readable' when it gave bounds, else why not (see `CurveDiagnosis`). */
  diagnosis: CurveDiagnosis;
  warnings: string[];
}

/**
 * How a curve reads. 'readable': it gave bounds. Else why not: 'too-few-points'; 'early-divergence'
 * (the loss rose from the start); 'flat' (it never fell); 'weak' (it fell, but too little to show
 * where); 'noisy' (noise hides whether it fell).
 */
export type CurveDiagnosis = 'readable' | 'too-few-points' | 'early-divergence' | 'flat' | 'weak' | 'noisy';

/**
 * What the finder did beyond the planned sweep because the curve did not answer: 'extend' the sweep
 * past endLr (the loss was still falling), 'lengthen' it (flat or weak: more steps per decade),
 * 'repeat' it (noisy: the median of more runs), 'probe' without the curve's bounds (the loss fell,
 * but the curve could not say where), 'probe-lower' (every probe failed: on down the ladder).
 */
export type EscalationAction = 'extend' | 'lengthen' | 'repeat' | 'probe' | 'probe-lower';

export interface Escalation {
  action: EscalationAction;
  /** Why, as the curve showed it: "the loss was still falling at lr 1". */
  reason: string;
  /** What was done: "swept on to lr 8.5". */
  done: string;
  /** Training steps it cost. */
  steps: number;
}

/** One probe: its candidate lr, the loss of every step it ran, and the verdict. */
export interface LrProbe {
  lr: number;
  losses: number[];
  endLoss: number;
  passed: boolean;
  /** It kept what progress it made (see `judgeProbe`). */
  keptProgress?: boolean;
  /** The check a ladder² below a pass, judged by whether it trained (`checkVerdict`). */
  check?: boolean;
  /** It reached the target, but the check below it did not train: luck, not confirmed (`passed` is false). */
  unbacked?: boolean;
}

export interface Confirmation {
  /** `edge` / margin; null when no probe passed. */
  maxLr: number | null;
  /** The lr confirmed: the largest passing candidate, or one below it that trained clearly better (`steppedDown`); null when none passed. */
  edge: number | null;
  /** The loss a probe had to end below (see `probeTarget`). */
  target: number;
  probes: LrProbe[];
  /** True when `signal` stopped the probes (maxLr and edge are then null). */
  stopped: boolean;
  /** True when no probe reached the target and the edge is the largest lr that trained about as well as the best of them (`relaxedEdge`). */
  relaxed?: boolean;
  /** True when a passing candidate lower than the first one trained clearly better, so the edge is that lower one. */
  steppedDown?: boolean;
}

/** One range test of a weight-decay family: its decay, its sweep, and what it read. */
export interface WeightDecayMember {
  weightDecay: number;
  lrs: number[];
  losses: number[];
  /** The validation loss at each step (null where it was not measured). */
  validationLosses: (number | null)[];
  /** The lowest smoothed validation loss, and the lr where it was. */
  lowest: number;
  lrAtLowest: number;
  /** The curve's max lr; null when it gave no bounds. */
  maxLr: number | null;
}

/** The weight decay the result trains with: given by the caller, or chosen from a family of range tests (`weightDecay: 'auto'`). */
export interface WeightDecayChoice {
  value: number;
  how: 'given' | 'chosen';
  /** Why this one (a chosen one). */
  reason?: string;
  /** The family it was chosen from. */
  family?: WeightDecayMember[];
}

/** Smith's short runs at a few momentum (or β1) values with the found lr, and the one chosen (`momentum: 'auto'`). */
export interface MomentumChoice {
  value: number;
  /** Each value tried and the loss its run ended at. */
  tried: { momentum: number; endLoss: number }[];
  /** Whether it differs from the optimizer's own momentum. */
  changed: boolean;
  reason: string;
}

/**
 * What `recommendLearningRate` returns: the one result every consumer takes (callbacks, schedule
 * builders, reports, the range-test file, the CLI).
 */
export interface LrFinderResult {
  rangeTest: RangeTestResult;
  /** The curve's reading; null only when the sweep stopped before it had two points. */
  analysis: Analysis | null;
  /** The probes; null when confirm was off, the curve gave no bounds or the sweep was stopped. `stopped` when stopped during the probes. */
  confirmation: Confirmation | null;
  /**
   * The bounds to train with: the confirmed ones (source 'confirmed') when a probe passed, else the
   * curve's (`analysis.curveBounds`); null when the curve gave none (`analysis.warnings` says why).
   */
  bounds: Bounds | null;
  /** What the finder did beyond the planned sweep because the curve did not answer, in order; empty when it did. */
  escalations: Escalation[];
  /** The decoupled weight decay the sweep, the probes and the bounds are for (absent without one); `oneCycleCallback(result)` trains with it. */
  weightDecay?: WeightDecayChoice;
  /** With `momentum: 'auto'`: the momentum the short runs chose; `oneCycleCallback(result)` cycles down from it. */
  momentum?: MomentumChoice;
}
