import { describe, expect, it } from 'vitest';
import { isInteractive } from '../../cli/terminal.js';

describe('isInteractive', () => {
  it('draws the live view only on a terminal without NO_COLOR, TERM=dumb or CI', () => {
    expect(isInteractive({ isTTY: true }, {})).toBe(true);
    expect(isInteractive({ isTTY: false }, {})).toBe(false);
    expect(isInteractive({}, {})).toBe(false);
    expect(isInteractive({ isTTY: true }, { NO_COLOR: '1' })).toBe(false);
    expect(isInteractive({ isTTY: true }, { NO_COLOR: '' })).toBe(true);
    expect(isInteractive({ isTTY: true }, { TERM: 'dumb' })).toBe(false);
    expect(isInteractive({ isTTY: true }, { CI: 'true' })).toBe(false);
  });
});
