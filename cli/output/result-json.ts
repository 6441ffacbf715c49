// The JSON document `--json` prints and range-test.json holds: one stable shape for scripts.
import type { Confirmation } from '../../src/tfjs/confirm.js';
import type { Analysis, RangeTestResult, RegionKind, StopReason } from '../../src/types.js';

/** The suggestion rules every document lists (null when a rule has nothing to say); other registered rules follow. */
export const SUGGESTION_NAMES = ['steepest', 'valley', 'minimum', 'slide'] as const;

export interface CurveDocument {
  curve: { lr: number[]; loss: number[]; smoothedLoss: number[] };
  regions: { kind: RegionKind; minLr: number; maxLr: number }[];
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
  /**
   * With --confirm: the max lr that short sustained probes confirmed (null when none trained), its
   * min lr (max/10), and every probe's lr, final loss and verdict.
   */
  confirmation?: {
    maxLr: number | null;
    minLr: number | null;
    edge: number | null;
    target: number;
    probes: { lr: number; endLoss: number; passed: boolean }[];
  };
  /** Every run's curve, when --runs > 1 (the document's curve is then their median). */
  runs?: { lr: number[]; loss: number[]; smoothedLoss: number[]; stopReason: StopReason; seed: number }[];
}

/** The analysis part shared by `find` and `analyze`. */
export function curveDocument(analysis: Analysis): CurveDocument {
  const suggestions: Record<string, number | null> = {};
  for (const name of SUGGESTION_NAMES) suggestions[name] = null;
  for (const [method, s] of Object.entries(analysis.suggestions)) suggestions[method] = s.lr;
  const r = analysis.recommendation;
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
  const doc: FindDocument = {
    ...curveDocument(analysis),
    backend: result.backend,
    // The first run's reason, unless Ctrl-C cut a later run short.
    stopReason: result.runs.some((r) => r.stopReason === 'aborted') ? 'aborted' : result.stopReason,
    seconds: result.timing.seconds,
    optimizer: result.optimizer,
    model: labels.model,
    data: labels.data,
    settings: result.settings,
  };
  if (confirmation) {
    const { maxLr, edge, target, probes } = confirmation;
    doc.confirmation = { maxLr, minLr: maxLr === null ? null : maxLr / 10, edge, target, probes: probes.map(({ lr, endLoss, passed }) => ({ lr, endLoss, passed })) };
  }
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
