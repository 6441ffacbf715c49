import { describe, expect, it } from 'vitest';
import { exitCodeOf, isInputError, MAX_LINE, oneLine, printable } from '../../cli/errors.js';

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

describe('isInputError', () => {
  it("counts lrfind's own argument checks as bad input, and JavaScript's own RangeErrors as bugs", () => {
    expect(isInputError(new RangeError('numIter must be an integer ≥ 2, got 1'))).toBe(true);
    let overflow: unknown;
    try {
      Math.max(...new Array<number>(2_000_000).fill(1));
    } catch (error) {
      overflow = error;
    }
    expect(overflow).toBeInstanceOf(RangeError);
    expect(isInputError(overflow)).toBe(false);
    expect(exitCodeOf(overflow)).toBe(1);
    for (const make of [() => new Array(-1), () => 'x'.repeat(-1), () => (1).toFixed(200)]) {
      let error: unknown;
      try {
        make();
      } catch (e) {
        error = e;
      }
      expect(isInputError(error), String(error)).toBe(false);
    }
  });
});
