// `lrfind demo`: reserved for the end-to-end demo (find → schedule → train). Not built yet.
import { say, warn } from '../terminal.js';
import { EXIT } from '../errors.js';

export async function demoCommand(argv: readonly string[]): Promise<number> {
  if (argv.includes('--help')) {
    say('Usage: lrfind demo [options]\n\nRuns the whole workflow on a small dataset. Not yet available.');
    return EXIT.ok;
  }
  warn('lrfind: demo is not yet available');
  return EXIT.usage;
}
