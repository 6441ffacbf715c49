import { describe, expect, it } from 'vitest';
import { MAX_LINE, oneLine, printable } from '../../cli/errors.js';

describe('printable and oneLine', () => {
  it('write control characters as \\xNN, so a message quoting a binary file never drives the terminal', () => {
    expect(printable('a\u001b[2Jb\u0000c\u0007\u009b')).toBe('a\\x1b[2Jb\\x00c\\x07\\x9b');
    expect(printable('lr 1e-3 · loss 2.3 → ok ✓')).toBe('lr 1e-3 · loss 2.3 → ok ✓');
  });

  it('keep the first non-empty line, printable and cut at MAX_LINE characters', () => {
    expect(oneLine(new Error('\n  first\u001b[31m  \nsecond'))).toBe('first\\x1b[31m');
    const long = oneLine(new Error('x'.repeat(1000)));
    expect(long).toHaveLength(MAX_LINE);
    expect(long.endsWith('…')).toBe(true);
  });
});
