import { describe, expect, it } from 'vitest';
import { decades } from '../../reports/format.js';
import { formatLr, formatValue, roundSig } from '../../src/format.js';

describe('format', () => {
  it('writes learning rates the way people do', () => {
    expect([3.2e-3, 0.0658, 0.1, 0.2009, 1.5557, 12, 100, 1e-7, 0].map(formatLr)).toEqual([
      '3.2e-3', '6.6e-2', '0.1', '0.2', '1.6', '12', '1e2', '1e-7', '0',
    ]);
  });

  it('rounds to significant digits without float noise', () => {
    expect(roundSig(1.2045035402587822e-7)).toBe(1.2045e-7);
    expect(roundSig(2.3147292137145996, 4)).toBe(2.315);
    expect(roundSig(0)).toBe(0);
    expect(formatValue(0.98)).toBe('0.98');
    expect(formatValue(0.98123)).toBe('0.981');
  });

  it('lists the decades inside a range', () => {
    expect(decades(1e-7, 10)).toEqual([1e-7, 1e-6, 1e-5, 1e-4, 1e-3, 1e-2, 1e-1, 1, 10]);
    expect(decades(2e-7, 8.3)).toEqual([1e-6, 1e-5, 1e-4, 1e-3, 1e-2, 1e-1, 1]);
  });
});
