// Typed errors, so that the CLI can tell "install this" apart from "this file is broken".

/** A dataset's files are not where lrfind looked; the message says how to get them. */
export class DatasetNotFoundError extends Error {
  override readonly name = 'DatasetNotFoundError';
  constructor(
    message: string,
    /** The paths that were tried. */
    readonly paths: readonly string[] = [],
  ) {
    super(message);
  }
}

/** A dataset file exists but does not hold what its format promises. */
export class DatasetFormatError extends Error {
  override readonly name = 'DatasetFormatError';
  constructor(
    message: string,
    /** The file (or a label such as "<csv text>") the error is about. */
    readonly source: string,
  ) {
    super(message);
  }
}
