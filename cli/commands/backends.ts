// `lrfind backends`: each backend, whether it can train here and why (packages, webgpu's adapter,
// wasm's threads), and what --backend auto picks. One library call (probeBackends) → text or JSON.
import { parseFlags, type FlagSpecs } from '../args.js';
import { EXIT } from '../errors.js';
import { formatHelp, type HelpPage } from '../help.js';
import { say } from '../terminal.js';

export const BACKENDS_FLAGS = {
  'allow-software': { type: 'boolean', description: 'count a software webgpu adapter (lavapipe, SwiftShader) as usable for --backend webgpu' },
  json: { type: 'boolean', description: 'print one JSON document on stdout and nothing else' },
  help: { type: 'boolean', description: 'show this help' },
} as const satisfies FlagSpecs;

export const BACKENDS_HELP: HelpPage = {
  usage: 'lrfind backends [options]',
  summary:
    'Lists the tfjs backends lrfind can train on (tensorflow, webgpu, wasm, cpu), whether each is usable\n' +
    "here and why: packages installed or not, webgpu's adapter, wasm's SIMD and threads (what 'auto'\n" +
    'measured). The last line names the backend --backend auto picks.',
  flags: BACKENDS_FLAGS,
  notes: [
    'auto never picks a software webgpu adapter. Measuring wasm threads takes about a second (skipped when',
    'LRFIND_WASM_THREADS is set or no core is idle).',
  ],
  examples: ['lrfind backends', 'lrfind backends --json | jq .auto', 'lrfind backends --allow-software'],
};

export async function backendsCommand(argv: readonly string[]): Promise<number> {
  const { flags } = parseFlags(argv, BACKENDS_FLAGS, 'backends');
  if (flags.help) {
    process.stdout.write(formatHelp(BACKENDS_HELP));
    return EXIT.ok;
  }
  const tf = await import('@tensorflow/tfjs');
  tf.enableProdMode(); // tfjs's "install tfjs-node" banner would land in the middle of the output
  const { probeBackends } = await import('../../src/tfjs/backends-report.js');
  const report = await probeBackends(flags['allow-software'] ? { allowSoftwareAdapter: true } : {});
  if (flags.json) process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
  else {
    const { backendsLines } = await import('../ui/backends-text.js');
    for (const line of backendsLines(report)) say(line);
  }
  return EXIT.ok;
}
