// Every sentence lrfind writes about a result, in one place: the terminal (plain and ink), index.html,
// the charts' subtitles, the live view and the web page all call these, so they cannot disagree.
import type { RangeTestFile } from '../range-test/file.js';
import type { Escalation } from '../types.js';
export { tooFewToRead } from '../range-test/result.js';
import { plural } from '../text.js';
import { formatDuration, formatLoss, formatLr, formatValue } from '../format.js';

export interface RunHeader {
  model: string;
  data: string;
  /** e.g. "1437 examples, 10 classes". */
  dataDetail?: string;
  optimizer: string;
  backend: string;
  startLr: number;
  endLr: number;
  numIter: number;
  runs: number;
}

/** "mlp on digits (1437 examples) · sgd · cpu · lr 1e-7 → 1 over 100 steps" */
export function headerLine(h: RunHeader): string {
  const data = h.dataDetail ? `${h.data} (${h.dataDetail})` : h.data;
  const runs = h.runs > 1 ? ` × ${h.runs} runs` : '';
  return `${h.model} on ${data} · ${h.optimizer} · ${h.backend} · lr ${formatLr(h.startLr)} → ${formatLr(h.endLr)} over ${plural(h.numIter, 'step')}${runs}`;
}

export interface StepStatus {
  run: number;
  runs: number;
  /** Steps done in this run. */
  done: number;
  numIter: number;
  lr: number;
  /** The step's raw mini-batch loss. */
  loss: number;
  /** The smoothed loss at this step: the report's smoothing of the losses so far (`smoothLosses`). */
  smoothed: number;
  /** The lowest smoothed loss so far; once the sweep is over, the lowest of the report's curve. */
  lowest: number;
}

/** "lr 3.2e-3  loss 0.412  smoothed 0.398 (lowest 0.35)": the raw loss, and the report's smoothing. */
export function stepLine(s: StepStatus): string {
  return `lr ${formatLr(s.lr)}  loss ${formatLoss(s.loss)}  smoothed ${formatLoss(s.smoothed)} (lowest ${formatLoss(s.lowest)})`;
}

/**
 * "smoothed loss: 2.303 at the start, lowest 0.412 at lr 3.2e-3": the report's smoothed curve
 * (`curve.smoothedLoss` in range-test.json), in the words the live view uses. Null without finite points.
 */
export function smoothedLine(doc: Pick<RangeTestFile, 'curve'>): string | null {
  const { lr, smoothedLoss } = doc.curve;
  let low = -1;
  smoothedLoss.forEach((v, i) => {
    if (Number.isFinite(v) && (low < 0 || v < smoothedLoss[low]!)) low = i;
  });
  const first = smoothedLoss.find(Number.isFinite);
  if (low < 0 || first === undefined) return null;
  return `smoothed loss: ${formatLoss(first)} at the start, lowest ${formatLoss(smoothedLoss[low]!)} at lr ${formatLr(lr[low]!)}`;
}

const STOP_WORDS: Record<string, string> = {
  completed: 'completed the sweep',
  diverged: 'stopped: the loss diverged',
  'non-finite loss': 'stopped: the loss became non-finite',
  stopped: 'stopped by Ctrl-C (partial curve)',
};

/** "completed the sweep: 100 steps in 2.1s" */
export function stopLine(stopReason: string, steps: number, seconds: number): string {
  return `${STOP_WORDS[stopReason] ?? stopReason}: ${plural(steps, 'step')} in ${formatDuration(seconds)}`;
}

/** "bounds: max lr 0.1 · min lr 0.01 (valley, confidence 0.82)" or why there are none. */
export function boundsLine(doc: Pick<RangeTestFile, 'bounds'>): string {
  return `bounds: ${boundsText(doc.bounds)}`;
}

/** "max lr 0.1 · min lr 1e-2 (confirmed, confidence 0.82)", or "none (see the warnings)": the bounds sentence without its label. */
export function boundsText(bounds: RangeTestFile['bounds']): string {
  if (bounds === null) return 'none (see the warnings)';
  return `max lr ${formatLr(bounds.maxLr)} · min lr ${formatLr(bounds.minLr)} (${bounds.source}, confidence ${bounds.confidence.toFixed(2)})`;
}

const REGION_WORDS: Record<string, string> = { 'too-small': 'too small', good: 'good', 'too-large': 'too large' };

/** A region's name as people read it: "too small", "good", "too large". */
export function regionName(kind: string): string {
  return REGION_WORDS[kind] ?? kind;
}

/** "1e-3 … 0.3": the lrs a region spans. */
export function regionSpan(region: { minLr: number; maxLr: number }): string {
  return `${formatLr(region.minLr)} … ${formatLr(region.maxLr)}`;
}

/** One line per region: "good       1e-3 … 0.3". */
export function regionLines(doc: Pick<RangeTestFile, 'regions'>): string[] {
  return doc.regions.map((r) => `${regionName(r.kind).padEnd(10)} ${regionSpan(r)}`);
}

/** "steepest 1e-3 · valley 3e-3 · minimum 0.1 · slide –": every rule's pick, '–' where it has none. */
export function rulePicks(doc: Pick<RangeTestFile, 'rules'>): string {
  return Object.entries(doc.rules).map(([name, lr]) => `${name} ${lr === null ? '–' : formatLr(lr)}`).join(' · ');
}

/** "rules: steepest 1e-3 · valley 3e-3 · minimum 0.1 · slide –" */
export function rulesLine(doc: Pick<RangeTestFile, 'rules'>): string {
  return `rules: ${rulePicks(doc)}`;
}

/**
 * "confirmed by training: 0.19 trained (7 probes); the curve alone said max lr 0.3", the same for
 * probes stopped by Ctrl-C, or null when no probes ran (--no-confirm).
 */
export function confirmationLine(doc: Pick<RangeTestFile, 'confirmation'> & Partial<Pick<RangeTestFile, 'bounds'>>): string | null {
  const c = doc.confirmation;
  if (c === undefined) return null;
  const probes = plural(c.probes.length, 'probe');
  if (c.stopped) return `confirmation stopped (Ctrl-C) after ${plural(c.probes.length, 'finished probe')}: the bounds are the curve's, unconfirmed`;
  if (c.maxLr === null || c.edge === null) {
    const lowest = c.probes.at(-1);
    const tried = lowest ? `, down to ${formatLr(lowest.lr)}` : '';
    // Files written before lrfind refused to answer when every probe failed kept the curve's bounds.
    const then = c.curveBounds !== null && c.maxLr === null && c.minLr === null && 'bounds' in doc && doc.bounds !== null
      ? "the bounds are the curve's: lower them if training diverges" : 'so there are no bounds';
    return `confirmed by training: no probe trained (${probes}${tried}); ${then}`;
  }
  const curve = c.curveBounds ? `; the curve alone said max lr ${formatLr(c.curveBounds.maxLr)}` : "; the curve alone gave no bounds";
  if (c.relaxed) return `confirmed by training, loosely: no probe reached the target; ${formatLr(c.edge)} trained about as well as the best of them (${probes})${curve}`;
  if (c.steppedDown) {
    const passed = c.probes.filter((p) => p.passed && p.lr > c.edge!).map((p) => p.lr);
    return `confirmed by training: ${formatLr(c.edge)} trained, clearly better than ${formatLr(Math.max(...passed))} above it (${probes})${curve}`;
  }
  return `confirmed by training: ${formatLr(c.edge)} trained (${probes})${curve}`;
}

/** "The loss was still falling at endLr 1, so lrfind swept on to lr 8.5 (+23 steps).": one thing the finder did beyond the plan. */
export function escalationLine(e: Pick<Escalation, 'reason' | 'done' | 'steps'>): string {
  return `${e.reason.charAt(0).toUpperCase()}${e.reason.slice(1)}, so lrfind ${e.done} (+${plural(e.steps, 'step')}).`;
}

/** Every escalation of a result or its file, in order; none when the curve answered as planned. */
export function escalationLines(doc: { escalations?: readonly Pick<Escalation, 'reason' | 'done' | 'steps'>[] }): string[] {
  return (doc.escalations ?? []).map(escalationLine);
}

/** "trained 1 of 3 layers with weights: dense_2 (frozen: conv2d_1, dense_1)", for a model with frozen layers; null otherwise. */
export function layersLine(doc: Pick<RangeTestFile, 'layers'>): string | null {
  const l = doc.layers;
  if (l === undefined || l.frozen.length === 0) return null;
  return `trained ${l.trained.length} of ${l.trained.length + l.frozen.length} layers with weights: ${l.trained.join(', ')} (frozen: ${l.frozen.join(', ')})`;
}

/** "weight decay 1e-4 (chosen from 0, 1e-5, 1e-4, 1e-3, 1e-2): it gave the lowest validation loss…", or "(given)"; null without one. */
export function weightDecayLine(doc: Pick<RangeTestFile, 'weightDecay'>): string | null {
  const wd = doc.weightDecay;
  if (wd === undefined) return null;
  const value = wd.value === 0 ? 'none' : formatLr(wd.value);
  if (wd.how === 'given') return `weight decay ${value} (given; decoupled, AdamW's rule)`;
  const tried = (wd.family ?? []).map((m) => (m.weightDecay === 0 ? '0' : formatLr(m.weightDecay))).join(', ');
  return `weight decay ${value} (chosen from a range test at each of ${tried}): ${wd.reason ?? ''}`.replace(/: $/, '');
}

/** "momentum 0.95 (short runs at the max lr with 0.8, 0.85, 0.9, 0.95, 0.99): …"; null without momentum runs. */
export function momentumLine(doc: Pick<RangeTestFile, 'momentum'>): string | null {
  const m = doc.momentum;
  if (m === undefined) return null;
  return `momentum ${m.value} (short runs at the max lr with ${m.tried.map((t) => t.momentum).join(', ')}): ${m.reason}`;
}

/** What a confirmation probe step reports. */
export interface ProbeStatus {
  /** 1-based. */
  probe: number;
  maxProbes: number;
  lr: number;
  /** Steps done in this probe. */
  done: number;
  steps: number;
  loss: number;
}

/** "confirming max lr: probe 3 of ≤ 8 at lr 0.47": which probe is running. */
export function probeStartLine(p: ProbeStatus): string {
  return `confirming max lr: probe ${p.probe} of ≤ ${p.maxProbes} at lr ${formatLr(p.lr)}`;
}

/** "confirming max lr: probe 3 of ≤ 8 at lr 0.47 · step 40/60 · loss 0.52" */
export function probeLine(p: ProbeStatus): string {
  return `${probeStartLine(p)} · step ${p.done}/${p.steps} · loss ${formatLoss(p.loss)}`;
}

/** The warning that says why a curve has no bounds: the one naming "no bounds", else the last. */
export function noBoundsWarning(warnings: readonly string[]): string | undefined {
  return warnings.find((w) => /no bounds/.test(w)) ?? warnings.at(-1);
}

/**
 * Why a curve has no bounds, in the words of its warnings: the one that says "no bounds" (its
 * "so there are no bounds" folded into a dash), else the last one.
 */
export function noBoundsReason(warnings: readonly string[]): string {
  const why = noBoundsWarning(warnings);
  if (why === undefined) return 'the curve has no good region';
  return why.replace(/,? so there are no bounds:\s*/, ' — ').replace(/,? so there are no bounds$/, '');
}

/** The part of a document that says how the sweep and the probes went. */
export type RunStatus = Pick<RangeTestFile, 'bounds' | 'warnings' | 'curve'> &
  Partial<Pick<RangeTestFile, 'stopReason' | 'confirmation' | 'settings' | 'runs'>>;

/** Steps the sweep took (over every run), and the steps it was set to take when the document says (none once it went on past them). */
function stepCounts(doc: RunStatus): { done: number; planned: number | null } {
  const done = doc.runs ? doc.runs.reduce((n, r) => n + r.lr.length, 0) : doc.curve.lr.length;
  const planned = doc.settings ? doc.settings.numIter * doc.settings.runs : null;
  return { done, planned: planned !== null && planned >= done ? planned : null };
}

/** " of 100" when the document knows what was planned, else ''. */
const ofPlanned = (planned: number | null): string => (planned === null ? '' : ` of ${planned}`);

/** " (lr 0.3)": where the sweep ended, or '' for an empty curve. */
function atLastLr(doc: RunStatus): string {
  const lastLr = doc.curve.lr.at(-1);
  return lastLr === undefined ? '' : ` (lr ${formatLr(lastLr)})`;
}

/**
 * The warnings to read before anything else: no bounds and why, a sweep or probes stopped by
 * Ctrl-C, probes that all failed, then the curve's own warnings.
 */
export function runWarnings(doc: RunStatus): string[] {
  const out: string[] = [];
  let rest = [...doc.warnings];
  if (doc.bounds === null) {
    const why = noBoundsWarning(doc.warnings);
    out.push(`no bounds: ${noBoundsReason(doc.warnings)}`);
    rest = rest.filter((w) => w !== why);
  }
  if (doc.stopReason === 'stopped') {
    const { done, planned } = stepCounts(doc);
    const at = atLastLr(doc);
    out.push(`The sweep was stopped by Ctrl-C after ${planned === null ? plural(done, 'step') : `${done} of ${plural(planned, 'step')}`}${at}: the curve is partial.`);
  }
  const c = doc.confirmation;
  if (c?.stopped) {
    out.push(`The confirmation probes were stopped by Ctrl-C after ${plural(c.probes.length, 'finished probe')}: the bounds are the curve's, unconfirmed.`);
  } else if (c && c.maxLr === null && doc.bounds !== null) {
    const lowest = c.probes.at(-1);
    out.push(`No confirmation probe trained (${plural(c.probes.length, 'probe')}${lowest ? `, down to lr ${formatLr(lowest.lr)}` : ''}): the bounds are the curve's; lower them if training diverges.`);
  }
  return [...out, ...rest];
}

/** How the sweep ended, in a sentence; null for a curve read from elsewhere (no run settings) and for Ctrl-C (a warning says it). */
export function sweepNote(doc: RunStatus & { seconds?: number }): string | null {
  const s = doc.settings;
  if (s === undefined || doc.stopReason === undefined) return null;
  const { done, planned } = stepCounts(doc);
  const at = atLastLr(doc);
  const time = doc.seconds === undefined ? '' : ` in ${formatValue(doc.seconds, 2)} s`;
  const runs = s.runs > 1 ? ` over ${s.runs} runs` : '';
  switch (doc.stopReason) {
    case 'completed':
      return `The sweep ran all ${plural(planned ?? done, 'step')}${runs}, lr ${formatLr(s.startLr)} → ${formatLr(Math.max(s.endLr, doc.curve.lr.at(-1) ?? s.endLr))}${time}.`;
    case 'diverged':
      return `The sweep stopped at step ${done}${ofPlanned(planned)}${runs}${at}: the loss diverged (its running average rose past ${formatValue(s.divergeThreshold)} × its lowest), the usual end of a range test.`;
    case 'non-finite loss':
      return `The sweep stopped at step ${done}${ofPlanned(planned)}${runs}${at}: the loss became non-finite.`;
    case 'stopped':
      return null; // the warnings say it, first
  }
}

/** What the probes found, in a sentence (the warnings say when none trained or they were stopped). */
export function confirmationNote(doc: RunStatus): string | null {
  const c = doc.confirmation;
  if (c === undefined) {
    return doc.bounds !== null && doc.settings !== undefined ? "No confirmation probes ran: the bounds are the curve's alone." : null;
  }
  if (c.stopped || c.edge === null) return null;
  // The terminal's line, as a sentence.
  const line = confirmationLine(doc)!;
  return `${line.charAt(0).toUpperCase()}${line.slice(1)}.`;
}

/** Why a probe failed, from what the file records: its check did not train, a non-finite loss, an end loss not below the target, or progress given back. */
export function probeFailure(probe: { endLoss: number | null; passed: boolean; check?: boolean; unbacked?: boolean }, target: number): string {
  if (probe.passed) return '';
  if (probe.unbacked) return 'reached the target, but the check below it did not train: luck, not an edge';
  const end = probe.endLoss;
  if (end === null || !Number.isFinite(end)) return 'the loss became non-finite';
  if (probe.check) return 'the check did not train: it lowered the loss too little, or gave the progress back';
  if (!(end < target)) return `end loss ${formatValue(end, 4)} not below the target ${formatValue(target, 4)}`;
  return 'gave back its progress: the loss rose again before the end';
}

