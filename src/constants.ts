// The numbers lrfind was tuned with, in one place. Each has a one-line why; how it was measured
// is told in docs/constants.md (the section named after its group). They are defaults: the expert
// options (`RecommendLrOptions.tuning`, `analyzeCurve`'s options) can set each of them.

/** The confirmation probes (`confirmMaxLr`). @see docs/constants.md#probes */
export const PROBES = {
  /** Steps of the linear warm-up from lr/10 to the candidate: a probe starts as one-cycle does. */
  warmupSteps: 20,
  /** Steps held at the candidate: long enough for an instability that one sweep step cannot show. */
  holdSteps: 40,
  /** Candidates go down by this factor each: fine enough that the margin below covers the step. */
  ladder: 1.25,
  /** At most this many probes: the ladder then spans 1.25^7 ≈ 4.8× below its top. */
  maxProbes: 8,
  /** maxLr = the confirmed edge / margin: one-cycle holds its peak for longer than a probe. */
  margin: 1.3,
  /** The ladder's top is at most this many times the lr of the sweep's best loss (late bumps fooled it). */
  ceiling: 3,
  /** A passing probe cuts the loss by at least this share of the sweep's starting level. */
  minDrop: 0.25,
  /** A probe that gave back more than this share of its progress was diverging slowly. */
  giveBack: 0.1,
  /** A probe ending below this share of the starting level has trained: a sweep that reached ~0 asks too much. */
  floor: 0.05,
  /** After a pass, one probe a ladder² lower: when it trains clearly better, the pass was at the edge; when it does not train, the pass was luck. */
  checkBelow: true,
  /** Clearly better: the lower probe's progress exceeds the upper's by this share of its own (the noise of two end means). */
  betterBy: 0.1,
} as const;

/** lrfind's rule on the curve alone. @see docs/constants.md#rule */
export const RULE = {
  /** maxLr = the lr where the loss starts to rise / safetyDivisor: the safest divisor over the benchmark. */
  safetyDivisor: 4,
  /** Without a rise, maxLr = the minimum's lr / minimumDivisor: a margin for the unseen cliff. */
  minimumDivisor: 2,
  /** Where between the minimum (0) and the rise (1) the reference point lies, on a log scale. */
  divergencePosition: 1,
} as const;

/** Reading a curve: smoothing and where it diverges. @see docs/constants.md#reading */
export const READING = {
  /** Odd window of the running median that removes isolated spikes before smoothing. */
  medianWindow: 5,
  /** Savitzky-Golay degree: a parabola follows a curve's bend without lag. */
  polynomial: 2,
  /** The loss diverged once it rose this many loss scales above its running minimum. */
  divergenceMargin: 0.5,
} as const;

/** The too-small / good / too-large regions. @see docs/constants.md#regions */
export const REGIONS = {
  /** Falling = steeper than this share of the steepest slope before the minimum. */
  slopeFraction: 0.1,
  /** Falling stretches this share of the points apart are one descent. */
  mergeGap: 0.1,
  /** Regions shorter than this share of the points (at least 2) are absorbed by the good one. */
  minRegionFraction: 0.03,
  /** A loss that fell without a steady stretch counts when it fell by this share of its level (and 3σ). */
  coarseDrop: 0.05,
} as const;

/** From a reading to bounds and a confidence. @see docs/constants.md#recommendation */
export const RECOMMENDATION = {
  /** minLr = maxLr / divFactor (PyTorch's `div_factor` is 25; Smith suggests 3–10). */
  divFactor: 10,
  /** Fewer points than this are no curve to read. */
  minPoints: 10,
  /** A loss that never fell and diverged within this share of the sweep started too high. */
  earlyDivergence: 0.2,
  /** Noise above this share of the starting loss hides whether a loss that did not clearly fall fell at all. */
  noisyLevel: 0.05,
  /** Noise above this share of the loss's drop makes the curve "too noisy". */
  noisyRatio: 0.3,
  /** Runs whose lrfind maxLr spread more than this factor "disagree". */
  disagreementRatio: 3,
} as const;

/** What the finder does when a curve does not answer (`recommendLearningRate`'s escalation). @see docs/constants.md#escalation */
export const ESCALATION = {
  /** A sweep whose loss still falls at endLr (or has not started to) goes on at the same rate, up to this many times endLr… */
  extendFactor: 100,
  /** …and at least to this lr: fastai and pytorch-lr-finder sweep to 10. */
  extendAtLeastTo: 10,
  /** Extension steps run in chunks of this share of numIter, the curve read again after each. */
  extendChunk: 0.1,
  /** A flat or weak curve is swept again with this many times the steps (a slow learner needs more per decade). */
  lengthenFactor: 3,
  /** A noisy curve is read as the median of this many runs. */
  repeatRuns: 3,
  /** When every probe failed, this many more go on down the ladder. */
  extraProbes: 8,
  /** Bounds a probe confirmed without the curve's reading carry this confidence. */
  probedConfidence: 0.3,
} as const;

/** Reading the probes when none reached the target (`relaxedEdge`). @see docs/constants.md#escalation */
export const RELAXED = {
  /** A probe trained when it ended this share of the starting level below it. */
  minDrop: 0.05,
  /** Among those, lrs whose probe ended within this share of the best one's progress are as good. */
  nearBest: 0.25,
} as const;

/** Choosing a weight decay from a family of range tests (`weightDecay: 'auto'`). @see docs/weight-decay.md */
export const WEIGHT_DECAY = {
  /** Smith's family: no decay and four decades of it. */
  family: [0, 1e-5, 1e-4, 1e-3, 1e-2],
  /** Validation losses within this share of the lowest are a tie, broken by the larger max lr. */
  tie: 0.01,
  /** A decay must lower the validation loss by this share of no decay's, or none is chosen. */
  margin: 0.02,
  /** Share of tensor data held out for the validation loss when none is given. */
  holdOut: 0.2,
  /** Validation batches measured at each step of a family sweep. */
  validationBatches: 2,
} as const;

/** wasm's thread choice under 'auto'. @see docs/constants.md#wasm-threads */
export const WASM_THREADS = {
  /** N threads must take at most this share of one thread's time: ties and noise go to one thread. */
  margin: 0.9,
} as const;
