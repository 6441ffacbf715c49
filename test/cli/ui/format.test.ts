import { describe, expect, it } from 'vitest';
import { etaSeconds, percent } from '../../../cli/ui/format.js';
import { plural } from '../../../src/text.js';
import { formatDuration, formatLoss } from '../../../src/format.js';

describe('plural', () => {
  it('puts the noun in the number of the count', () => {
    expect(plural(1, 'epoch')).toBe('1 epoch');
    expect(plural(0, 'epoch')).toBe('0 epochs');
    expect(plural(8, 'epoch')).toBe('8 epochs');
    expect(plural(1, 'class', 'classes')).toBe('1 class');
    expect(plural(10, 'class', 'classes')).toBe('10 classes');
  });
});

describe('formatLoss, formatDuration, percent, etaSeconds', () => {
  it('write short, locale-free numbers', () => {
    expect(formatLoss(2.302585)).toBe('2.303');
    expect(formatLoss(Number.NaN)).toBe('nan');
    expect(formatDuration(4.04)).toBe('4.0s');
    expect(formatDuration(185)).toBe('3m05s');
    expect(percent(999, 1000)).toBe('99%');
    expect(etaSeconds(0, 10, 1)).toBeNull();
    expect(etaSeconds(4, 10, 2)).toBe(3);
  });
});
