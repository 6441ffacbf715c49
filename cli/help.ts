// --help text: usage, one line per flag with its default, and examples.
import type { FlagSpecs } from './args.js';
import { maxOf } from '../src/numbers.js';

export interface HelpPage {
  usage: string;
  summary: string;
  flags: FlagSpecs;
  /** Lines of extra explanation after the flags. */
  notes?: readonly string[];
  examples: readonly string[];
}

function flagColumn(name: string, spec: FlagSpecs[string]): string {
  if (name === 'help') return '-h, --help'; // parseFlags takes -h for every command
  if (spec.type === 'boolean') return `--${name}`;
  const value = spec.placeholder ?? (spec.choices ? `<${spec.choices.join('|')}>` : spec.type === 'string' ? '<text>' : '<n>');
  return `--${name} ${value}`;
}

/**
 * The help page. A flag's default is shown as "(default …)"; a default that needs its own
 * parentheses must say it another way (a test checks every page for nested parentheses).
 */
export function formatHelp(page: HelpPage): string {
  const rows = Object.entries(page.flags).map(([name, spec]) => {
    const shown = spec.default !== undefined ? ` (default ${spec.default})` : '';
    return [flagColumn(name, spec), `${spec.description}${shown}`] as const;
  });
  const width = Math.min(40, maxOf(rows.map(([left]) => left.length)));
  const lines = [`Usage: ${page.usage}`, '', page.summary, '', 'Options:'];
  for (const [left, right] of rows) {
    lines.push(left.length > width ? `  ${left}\n  ${' '.repeat(width)}  ${right}` : `  ${left.padEnd(width)}  ${right}`);
  }
  if (page.notes?.length) lines.push('', ...page.notes);
  lines.push('', 'Examples:', ...page.examples.map((e) => `  ${e}`));
  return lines.join('\n') + '\n';
}
