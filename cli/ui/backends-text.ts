// The plain-text view of `lrfind backends`: one line per backend, then what `auto` picks. Pure.
import type { BackendsReport } from '../../src/tfjs/backends-report.js';
import { maxOf } from '../../src/numbers.js';

export function backendsLines(report: BackendsReport): string[] {
  const width = maxOf(report.backends.map((b) => b.name.length));
  const lines = report.backends.map((b) => `  ${b.name.padEnd(width)}  ${b.usable ? 'usable ' : 'not    '}  ${b.why}`);
  return ['lrfind backends: what can train here, in the order auto tries them', ...lines, `auto picks ${report.auto}`];
}
