// PyTorch 1.13's own per-step values (test/fixtures/torch-schedules, copied from ../shared) must be
// reproduced to 1e-9 relative error at every step.
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { Schedule } from '../../src/types.js';
import {
  cosineAnnealing,
  cyclic,
  exponentialDecay,
  oneCycle,
  sgdr,
  stepDecay,
  type CyclicMode,
} from '../../src/schedules/index.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const dir = path.resolve(here, '../fixtures/torch-schedules');

/** PyTorch's constructor arguments, as recorded in the fixtures. */
interface TorchParams {
  step_size?: number;
  gamma?: number;
  T_max?: number;
  eta_min?: number;
  T_0?: number;
  T_mult?: number;
  base_lr?: number;
  max_lr?: number;
  step_size_up?: number;
  step_size_down?: number;
  mode?: CyclicMode;
  total_steps?: number;
  epochs?: number;
  steps_per_epoch?: number;
  pct_start?: number;
  anneal_strategy?: 'cos' | 'linear';
  div_factor?: number;
  final_div_factor?: number;
  three_phase?: boolean;
  cycle_momentum?: boolean;
  base_momentum?: number;
  max_momentum?: number;
}

interface Fixture {
  scheduler: string;
  params: TorchParams;
  initial_optimizer: { lr: number; momentum?: number; betas?: number[] };
  steps: number;
  lr: number[];
  momentum?: number[];
  beta1?: number[];
}

function load(name: string): Fixture {
  return JSON.parse(readFileSync(path.join(dir, name), 'utf8')) as Fixture;
}

/** Largest relative error over all steps (absolute below 1e-300, for PyTorch's exact zeros). */
function maxRelError(schedule: Schedule, expected: number[]): number {
  let worst = 0;
  expected.forEach((want, step) => {
    const got = schedule(step);
    const err = Math.abs(got - want) / Math.max(Math.abs(want), 1e-300);
    worst = Math.max(worst, want === 0 ? Math.abs(got) : err);
  });
  return worst;
}

/** Builds our equivalent of each fixture from PyTorch's parameters. */
function build(f: Fixture): { lr: Schedule; momentum: Schedule | null } {
  const p = f.params;
  const baseLr = f.initial_optimizer.lr;
  switch (f.scheduler.split('.').pop()) {
    case 'StepLR':
      return { lr: stepDecay({ baseLr, stepSize: p.step_size as number, gamma: p.gamma }), momentum: null };
    case 'ExponentialLR':
      return { lr: exponentialDecay({ baseLr, gamma: p.gamma as number }), momentum: null };
    case 'CosineAnnealingLR':
      return { lr: cosineAnnealing({ baseLr, tMax: p.T_max as number, etaMin: p.eta_min }), momentum: null };
    case 'CosineAnnealingWarmRestarts':
      return { lr: sgdr({ baseLr, t0: p.T_0 as number, tMult: p.T_mult, etaMin: p.eta_min }), momentum: null };
    case 'CyclicLR':
      return {
        lr: cyclic({
          baseLr: p.base_lr as number,
          maxLr: p.max_lr as number,
          stepSizeUp: p.step_size_up,
          stepSizeDown: p.step_size_down,
          mode: p.mode,
          gamma: p.gamma,
        }),
        momentum: null,
      };
    case 'OneCycleLR': {
      const s = oneCycle({
        maxLr: p.max_lr as number,
        totalSteps: p.total_steps,
        epochs: p.epochs,
        stepsPerEpoch: p.steps_per_epoch,
        pctStart: p.pct_start,
        annealStrategy: p.anneal_strategy,
        divFactor: p.div_factor,
        finalDivFactor: p.final_div_factor,
        threePhase: p.three_phase,
        cycleMomentum: p.cycle_momentum,
        baseMomentum: p.base_momentum,
        maxMomentum: p.max_momentum,
      });
      return { lr: s.lr, momentum: s.momentum };
    }
    default:
      throw new Error(`no equivalent for ${f.scheduler}`);
  }
}

const files = readdirSync(dir).filter((n) => n.endsWith('.json')).sort();

describe('PyTorch 1.13 parity', () => {
  it('has all 13 reference configurations', () => {
    expect(files).toHaveLength(13);
  });

  it.each(files)('%s: lr matches at every step to 1e-9', (name) => {
    const f = load(name);
    expect(f.lr).toHaveLength(f.steps);
    const { lr } = build(f);
    expect(maxRelError(lr, f.lr)).toBeLessThan(1e-9);
  });

  it.each(files.filter((n) => n.startsWith('onecycle')))('%s: momentum / beta1 matches (or is off)', (name) => {
    const f = load(name);
    const { momentum } = build(f);
    const expected = f.momentum ?? f.beta1;
    if (expected === undefined) {
      expect(momentum).toBeNull();
      return;
    }
    expect(momentum).not.toBeNull();
    expect(maxRelError(momentum as Schedule, expected)).toBeLessThan(1e-9);
  });

  it('the parity check can fail: a one-step shift is far outside tolerance', () => {
    const f = load('onecycle_default.json');
    const { lr } = build(f);
    expect(maxRelError((s) => lr(s + 1), f.lr)).toBeGreaterThan(1e-3);
  });

  it("closed-form cosine annealing stays within 1e-12 of PyTorch's recursive form", () => {
    // PyTorch 1.13 runs lr_t = (1 + cos(πt/T)) / (1 + cos(π(t−1)/T)) · (lr_{t−1} − η) + η.
    const baseLr = 0.1, tMax = 40, etaMin = 0.001;
    const closed = cosineAnnealing({ baseLr, tMax, etaMin });
    let lr = baseLr;
    for (let t = 1; t <= tMax; t++) {
      lr = ((1 + Math.cos((Math.PI * t) / tMax)) / (1 + Math.cos((Math.PI * (t - 1)) / tMax))) * (lr - etaMin) + etaMin;
      expect(Math.abs(closed(t) - lr) / lr).toBeLessThan(1e-12);
    }
  });
});
