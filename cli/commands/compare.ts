// `lrfind compare`: reserved for the study (compare schedules by training). Not built yet.
import { say, warn } from '../terminal.js';
import { EXIT } from '../errors.js';

export async function compareCommand(argv: readonly string[]): Promise<number> {
  if (argv.includes('--help')) {
    say('Usage: lrfind compare [options]\n\nTrains with several schedules and compares them. Not yet available.');
    return EXIT.ok;
  }
  warn('lrfind: compare is not yet available');
  return EXIT.usage;
}
