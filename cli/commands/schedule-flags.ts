// The flags of `lrfind schedule`: PyTorch's parameter names in kebab case.
import type { FlagSpecs } from '../args.js';

export const SCHEDULE_NAMES = [
  'onecycle',
  'fastai-onecycle',
  'warmup-cosine-tail',
  'cosine',
  'sgdr',
  'exponential',
  'linear',
  'step',
  'cyclic',
] as const;
export type ScheduleName = (typeof SCHEDULE_NAMES)[number];

export const SCHEDULE_FLAGS = {
  'max-lr': { type: 'number', option: 'maxLr', description: 'peak lr (one-cycle, warmup-cosine-tail, cyclic)' },
  'base-lr': { type: 'number', option: 'baseLr', description: 'starting lr of the decays; lower bound of cyclic' },
  'min-lr': { type: 'number', option: 'minLr', description: 'one-cycle: the start lr (instead of --div-factor); warmup-cosine-tail: lr at the start and the end of the cosine' },
  'total-steps': { type: 'integer', option: 'totalSteps', description: 'steps in the whole run' },
  epochs: { type: 'integer', option: 'epochs', description: 'with --steps-per-epoch, instead of --total-steps' },
  'steps-per-epoch': { type: 'integer', option: 'stepsPerEpoch', description: 'batches per epoch' },
  'pct-start': { type: 'number', option: 'pctStart', description: 'one-cycle: fraction of the run spent warming up', default: '0.3; fastai-onecycle 0.25' },
  'anneal-strategy': { type: 'string', option: 'annealStrategy', choices: ['cos', 'linear'], description: 'one-cycle: shape of the phases', default: 'cos' },
  'div-factor': { type: 'number', option: 'divFactor', description: 'one-cycle: start lr = max-lr / div-factor', default: '25' },
  'final-div-factor': { type: 'number', option: 'finalDivFactor', description: 'one-cycle: final lr = start lr / final-div-factor', default: '1e4' },
  'three-phase': { type: 'boolean', option: 'threePhase', description: 'one-cycle: up, down to the start lr, then annihilate' },
  'base-momentum': { type: 'number', option: 'baseMomentum', description: 'one-cycle: momentum at the lr peak', default: '0.85' },
  'max-momentum': { type: 'number', option: 'maxMomentum', description: 'one-cycle: momentum at the start and end', default: '0.95' },
  'no-cycle-momentum': { type: 'boolean', description: 'one-cycle: keep momentum out of the schedule' },
  'warmup-steps': { type: 'integer', option: 'warmupSteps', description: 'warmup-cosine-tail: linear warm-up steps', default: '45% of the run' },
  'anneal-steps': { type: 'integer', option: 'annealSteps', description: 'warmup-cosine-tail: cosine steps', default: '45% of the run' },
  'tail-steps': { type: 'integer', option: 'tailSteps', description: 'warmup-cosine-tail: exponential tail steps', default: 'the rest' },
  'tail-lr': { type: 'number', option: 'tailLr', description: 'warmup-cosine-tail: lr at the last step', default: 'min-lr / 100' },
  t0: { type: 'number', option: 't0', description: 'sgdr: steps in the first cycle' },
  't-mult': { type: 'integer', option: 'tMult', description: 'sgdr: growth of each cycle', default: '1' },
  'eta-min': { type: 'number', option: 'etaMin', description: 'cosine, sgdr: lowest lr', default: '0' },
  't-max': { type: 'number', option: 'tMax', description: 'cosine: steps of the half cosine', default: 'total steps' },
  gamma: { type: 'number', option: 'gamma', description: 'exponential, step: decay factor; cyclic exp_range: amplitude factor' },
  'step-size': { type: 'integer', option: 'stepSize', description: 'step: steps between decays' },
  'step-size-up': { type: 'number', option: 'stepSizeUp', description: 'cyclic: steps from base-lr up to max-lr', default: '2000' },
  'step-size-down': { type: 'number', option: 'stepSizeDown', description: 'cyclic: steps back down', default: 'step-size-up' },
  mode: { type: 'string', option: 'mode', choices: ['triangular', 'triangular2', 'exp_range'], description: 'cyclic: amplitude policy', default: 'triangular' },
  'start-factor': { type: 'number', option: 'startFactor', description: 'linear: lr at step 0 = base-lr × start-factor', default: '1/3' },
  'end-factor': { type: 'number', option: 'endFactor', description: 'linear: final lr = base-lr × end-factor', default: '1' },
  'total-iters': { type: 'integer', option: 'totalIters', description: 'linear: steps of the ramp', default: 'total steps' },
  from: { type: 'string', placeholder: '<range-test.json>', description: 'take max-lr / min-lr (base-lr) from a finder result' },
  format: { type: 'string', choices: ['json', 'csv'], description: 'print the per-step table to stdout' },
  json: { type: 'boolean', description: 'same as --format json' },
  out: { type: 'string', placeholder: '<dir>', description: 'write schedule.json, schedule.csv, schedule.svg (+ .vl.json) there' },
  help: { type: 'boolean', description: 'show this help' },
} as const satisfies FlagSpecs;

export type ScheduleFlagName = keyof typeof SCHEDULE_FLAGS;

const ONE_CYCLE: ScheduleFlagName[] = [
  'max-lr', 'min-lr', 'pct-start', 'anneal-strategy', 'div-factor', 'final-div-factor', 'three-phase',
  'base-momentum', 'max-momentum', 'no-cycle-momentum',
];

/** The schedule-specific flags each schedule reads; any other one given is an error. */
export const FLAGS_OF: Record<ScheduleName, readonly ScheduleFlagName[]> = {
  onecycle: ONE_CYCLE,
  'fastai-onecycle': ONE_CYCLE,
  'warmup-cosine-tail': ['max-lr', 'min-lr', 'warmup-steps', 'anneal-steps', 'tail-steps', 'tail-lr'],
  cosine: ['base-lr', 't-max', 'eta-min'],
  sgdr: ['base-lr', 't0', 't-mult', 'eta-min'],
  exponential: ['base-lr', 'gamma'],
  linear: ['base-lr', 'start-factor', 'end-factor', 'total-iters'],
  step: ['base-lr', 'step-size', 'gamma'],
  cyclic: ['base-lr', 'max-lr', 'step-size-up', 'step-size-down', 'mode', 'gamma'],
};

/** Flags every schedule takes. */
export const COMMON_FLAGS: readonly ScheduleFlagName[] = ['total-steps', 'epochs', 'steps-per-epoch', 'from', 'format', 'json', 'out', 'help'];
