// What the peers' rules share: their smoothing, and how they cut the curve before reading it.
import type { Curve, RulePick } from '../../types.js';
import { emaSmooth, pytorchLrFinderSmooth } from '../smoothing.js';

/**
 * The smoothing a peer rule applies to the raw losses first: pytorch-lr-finder's (α = 0.05, not
 * bias-corrected), fastai's recorder EMA (β = 0.98, bias-corrected), or none when the curve given is
 * already smoothed.
 */
export type PeerSmoothing = 'pytorch-lr-finder' | 'fastai' | 'none';

export function checkSmoothing(smoothing: PeerSmoothing | undefined): void {
  if (smoothing !== undefined && !['pytorch-lr-finder', 'fastai', 'none'].includes(smoothing)) {
    throw new RangeError(`smoothing must be 'pytorch-lr-finder', 'fastai' or 'none', got ${String(smoothing)}`);
  }
}

export function checkCount(name: string, value: number | undefined, min: number): void {
  if (value !== undefined && !(Number.isInteger(value) && value >= min)) {
    throw new RangeError(`${name} must be an integer ≥ ${min}, got ${value}`);
  }
}

export function smoothLosses(losses: readonly number[], smoothing: PeerSmoothing): number[] {
  if (smoothing === 'pytorch-lr-finder') return pytorchLrFinderSmooth(losses);
  if (smoothing === 'fastai') return emaSmooth(losses);
  return losses.slice();
}

/** The points a rule reads: indices [start, end) of the curve, lrs and (smoothed) losses. */
export interface Window {
  start: number;
  lrs: number[];
  losses: number[];
}

/**
 * Smooths the whole curve, keeps [start, n - skipEnd) (Python's `[start:-skipEnd]`, or to the end
 * when skipEnd is 0), then stops at the first non-finite value in that window, as fastai's
 * `lr_find` does with NaN. An inconsistent curve (not arrays, lengths differ) gives an empty window.
 */
export function cutWindow(curve: Curve, smoothing: PeerSmoothing, start: number, skipEnd: number): Window {
  const { lrs, losses } = curve ?? {};
  if (!Array.isArray(lrs) || !Array.isArray(losses) || lrs.length !== losses.length) {
    return { start, lrs: [], losses: [] };
  }
  const smoothed = smoothLosses(losses, smoothing);
  const end = lrs.length - skipEnd;
  const window: Window = { start, lrs: [], losses: [] };
  for (let i = start; i < end; i++) {
    const lr = lrs[i]!;
    const loss = smoothed[i]!;
    if (!Number.isFinite(lr) || !Number.isFinite(loss)) break;
    window.lrs.push(lr);
    window.losses.push(loss);
  }
  return window;
}

export const nothing = (rule: string, warning: string): RulePick => ({ rule, lr: null, index: null, warning });
