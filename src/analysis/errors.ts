// Typed errors, so that callers (the CLI, reports) can branch on what went wrong.

/** A curve file (CSV or JSON) could not be read as a curve. The message is one line. */
export class CurveFormatError extends Error {
  override name = 'CurveFormatError';
}

/** Why `analyzeCurve` (or a function it uses) had nothing to analyse. */
export type AnalysisErrorCode =
  /** The input is not a curve: not arrays, or arrays of different lengths. */
  | 'invalid-curve'
  /** Fewer than 2 usable (finite, lr > 0) points. */
  | 'too-few-points'
  /** The learning rates do not strictly increase. */
  | 'lrs-not-increasing'
  /** More points than lrfind reads (MAX_CURVE_POINTS). */
  | 'too-many-points'
  /** An empty list of runs. */
  | 'no-runs';

/** The curve cannot be analysed at all. `code` says why; the message is one line. */
export class AnalysisError extends Error {
  override name = 'AnalysisError';
  readonly code: AnalysisErrorCode;

  constructor(code: AnalysisErrorCode, message: string) {
    super(message);
    this.code = code;
  }
}
