// How to talk to the terminal: a live ink view, or plain lines for pipes, CI logs and NO_COLOR.

/** Whether to draw the live view: stdout is a terminal, NO_COLOR is unset and TERM is not dumb. */
export function isInteractive(stream: { isTTY?: boolean } = process.stdout, env: NodeJS.ProcessEnv = process.env): boolean {
  return stream.isTTY === true && (env.NO_COLOR ?? '') === '' && env.TERM !== 'dumb' && (env.CI ?? '') === '';
}

/** Writes one line to stdout. */
export function say(line = ''): void {
  process.stdout.write(`${line}\n`);
}

/** Writes one line to stderr. */
export function warn(line: string): void {
  process.stderr.write(`${line}\n`);
}

/** Columns available for the view (80 when unknown). */
export function columns(): number {
  return process.stdout.columns ?? 80;
}
