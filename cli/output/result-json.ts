// The JSON document `--json` prints and range-test.json holds: one stable shape for scripts.
import { confirmedRecommendation } from '../../src/range-test/confirm.js';
import type { Confirmation } from '../../src/tfjs/confirm.js';
import type { Analysis, RangeTestResult, Recommendation, RegionKind, StopReason } from '../../src/types.js';

/** The suggestion rules every document lists (null when a rule has nothing to say); other registered rules follow. */
export const SUGGESTION_NAMES = ['steepest', 'valley', 'minimum', 'slide'] as const;

export interface CurveDocument {
  curve: { lr: number[]; loss: number[]; smoothedLoss: number[] };
  regions: { kind: RegionKind; minLr: number; maxLr: number }[];
  /** The bounds to train with: confirmed by probes (method 'confirmed') when they ran and one trained, else the curve's. */
  suggestion: { maxLr: number; minLr: number; method: string; confidence: number } | null;
  suggestions: Record<(typeof SUGGESTION_NAMES)[number], number | null> & Record<string, number | null>;
  warnings: string[];
}

export interface FindDocument extends CurveDocument {
  backend: string;
  stopReason: StopReason;
  seconds: number;
  optimizer: string;
  model: string;
  data: string;
  settings: RangeTestResult['settings'];
  /** Unless --no-confirm (or Ctrl-C during the probes). */
  confirmation?: ConfirmationDocument;
  /** Every run's curve, when --runs > 1 (the document's curve is then their median). */
  runs?: { lr: number[]; loss: number[]; smoothedLoss: number[]; stopReason: StopReason; seed: number }[];
}

/**
 * What the confirmation probes found: the confirmed max lr (null when none trained) and its min lr,
 * the largest lr that trained (`edge`), the curve's own bounds, and every probe's lr, final loss and verdict.
 */
export interface ConfirmationDocument {
  maxLr: number | null;
  minLr: number | null;
  edge: number | null;
  /** The curve's bounds before the probes (null when it gave none). */
  curve: { maxLr: number; minLr: number } | null;
  target: number;
  probes: { lr: number; endLoss: number; passed: boolean }[];
}

/** The probes' part of a document, given the curve's recommendation they started from. */
export function confirmationDocument(curve: Recommendation | null, confirmation: Confirmation): ConfirmationDocument {
  const confirmed = curve !== null && confirmation.maxLr !== null ? confirmedRecommendation(curve, confirmation.maxLr) : null;
  return {
    maxLr: confirmed?.maxLr ?? null,
    minLr: confirmed?.minLr ?? null,
    edge: confirmation.edge,
    curve: curve ? { maxLr: curve.maxLr, minLr: curve.minLr } : null,
    target: confirmation.target,
    probes: confirmation.probes.map(({ lr, endLoss, passed }) => ({ lr, endLoss, passed })),
  };
}

/** The analysis part shared by `find` and `analyze`; `r` replaces the curve's recommendation (e.g. confirmed bounds). */
export function curveDocument(analysis: Analysis, r: Recommendation | null = analysis.recommendation): CurveDocument {
  const suggestions: Record<string, number | null> = {};
  for (const name of SUGGESTION_NAMES) suggestions[name] = null;
  for (const [method, s] of Object.entries(analysis.suggestions)) suggestions[method] = s.lr;
  return {
    curve: { lr: [...analysis.curve.lrs], loss: [...analysis.curve.losses], smoothedLoss: [...analysis.smoothedLosses] },
    regions: analysis.regions.map(({ kind, minLr, maxLr }) => ({ kind, minLr, maxLr })),
    suggestion: r ? { maxLr: r.maxLr, minLr: r.minLr, method: r.method, confidence: r.confidence } : null,
    suggestions: suggestions as CurveDocument['suggestions'],
    warnings: [...analysis.warnings],
  };
}

/** The `find` document: the analysis plus how the test ran. */
export function findDocument(
  result: RangeTestResult, analysis: Analysis, labels: { model: string; data: string }, confirmation?: Confirmation,
): FindDocument {
  const curve = analysis.recommendation;
  const final = curve && confirmation ? confirmedRecommendation(curve, confirmation.maxLr) : curve;
  const doc: FindDocument = {
    ...curveDocument(analysis, final),
    backend: result.backend,
    // The first run's reason, unless Ctrl-C cut a later run short.
    stopReason: result.runs.some((r) => r.stopReason === 'aborted') ? 'aborted' : result.stopReason,
    seconds: result.timing.seconds,
    optimizer: result.optimizer,
    model: labels.model,
    data: labels.data,
    settings: result.settings,
  };
  if (confirmation) doc.confirmation = confirmationDocument(curve, confirmation);
  if (result.runs.length > 1) {
    doc.runs = result.runs.map((run) => ({
      lr: run.lrs,
      loss: run.losses,
      smoothedLoss: run.smoothedLosses,
      stopReason: run.stopReason,
      seed: run.seed,
    }));
  }
  return doc;
}

/**
 * JSON text with non-finite numbers written as null (JSON has no NaN/Infinity; a diverging
 * curve can hold them).
 */
export function toJsonText(doc: unknown, indent = 2): string {
  return JSON.stringify(doc, (_key, value: unknown) => (typeof value === 'number' && !Number.isFinite(value) ? null : value), indent);
}
