// The command line a report names as the one that produced it: `lrfind <command> <argv…>`, every
// word quoted as a POSIX shell needs, so it can be pasted back. "lrfind" rather than node's own
// argv[0] and argv[1]: the binary's name is what the README and the help tell users to type.
import { shellLine } from '../src/text.js';

/** "lrfind find --model mlp --data 'my data.csv'" */
export function commandLine(command: string, argv: readonly string[]): string {
  return shellLine(['lrfind', command, ...argv]);
}
