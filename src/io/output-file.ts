// A file of a report, built in memory before anything is written.
export interface OutputFile {
  /** File name inside the output folder. */
  name: string;
  content: string | Uint8Array;
}
