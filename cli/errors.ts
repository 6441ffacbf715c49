// Errors the CLI turns into one line on stderr, and the exit codes it uses.

/**
 * Exit codes: 0 ok, 1 unexpected failure, 2 bad input, 3 the curve has no bounds (the report and
 * JSON are written, with `bounds: null` and the warnings saying why), 130 stopped by Ctrl-C (128 + SIGINT).
 */
export const EXIT = { ok: 0, failure: 1, usage: 2, noBounds: 3, interrupted: 130 } as const;

/** The exit code of an error thrown while handling a command. */
export function exitCodeOf(error: unknown): number {
  if (error instanceof Error && error.name === 'NoBoundsError') return EXIT.noBounds;
  return isInputError(error) ? EXIT.usage : EXIT.failure;
}

/** Bad input from the user (flags, files): printed as `lrfind: <message>`, exit code 2. */
export class UsageError extends Error {
  override name = 'UsageError';
}

/** Library error classes that mean "the input is wrong", not "lrfind is broken". */
const INPUT_ERROR_NAMES = new Set([
  'UsageError',
  'RangeError',
  'RangeTestSettingsError',
  'DatasetNotFoundError',
  'DatasetFormatError',
  'CurveFormatError',
  'AnalysisError',
]);

/**
 * RangeErrors that JavaScript itself throws (a call with too many arguments, an array too long):
 * a bug in lrfind, never the user's input, though they share the class of lrfind's own argument checks.
 */
const ENGINE_RANGE_ERROR = /^(Maximum call stack size exceeded|Invalid (array|string|typed array|count|code point|time|DataView) |Array buffer allocation failed|\S+\(\) (digits )?argument must be between)/;

/** Whether an error thrown while handling a command is the user's input (exit 2) or a bug (exit 1). */
export function isInputError(error: unknown): boolean {
  if (!(error instanceof Error) || !INPUT_ERROR_NAMES.has(error.name)) return false;
  return !(error.name === 'RangeError' && ENGINE_RANGE_ERROR.test(error.message));
}

/** Longest error line printed; past it the line is cut with "…" (a message may quote a file's contents). */
export const MAX_LINE = 300;

/**
 * Text safe to print on a terminal: control characters (ESC, NUL, bell, …) and C1 controls as
 * `\xNN`, so that a message quoting a binary file never drives the terminal.
 */
export function printable(text: string): string {
  return text.replace(/[\u0000-\u001f\u007f-\u009f]/g, (c) => `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}`);
}

/** The first line of an error's message, printable and at most MAX_LINE characters, so that stderr gets exactly one line. */
export function oneLine(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  const first = printable(text.split(/\r?\n/).find((line) => line.trim() !== '')?.trim() ?? 'unknown error');
  return first.length > MAX_LINE ? `${first.slice(0, MAX_LINE - 1)}…` : first;
}
