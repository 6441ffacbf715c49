// The probes' sentence: which lr trained, and when a lower one trained clearly better (the edge
// stepped down), which passing lr above it was passed over; the same from the file read back.
import { describe, expect, it } from 'vitest';
import { analyzeCurve } from '../../src/analysis/index.js';
import { confirmationLine } from '../../src/present/words.js';
import { analysisFile, confirmationPart, parseRangeTestFile, rangeTestFileText } from '../../src/range-test/file.js';
import type { Confirmation } from '../../src/types.js';
import { readDigitsCurve } from '../reports/fixture.js';

describe('the confirmation line', () => {
  const { lrs, raw } = readDigitsCurve();
  const analysis = analyzeCurve({ lrs, losses: raw });
  const curve = analysis.curveBounds!;
  const probe = (lr: number, endLoss: number, passed: boolean) => ({ lr, losses: [endLoss], endLoss, passed });
  const docOf = (c: Confirmation) => {
    const bounds = { maxLr: c.maxLr!, minLr: c.maxLr! / 10, source: 'confirmed' as const, confidence: curve.confidence };
    return { ...analysisFile(analysis, bounds), confirmation: confirmationPart(curve, c, bounds) };
  };

  it('names the lr that trained', () => {
    const doc = docOf({ maxLr: 0.2 / 1.3, edge: 0.2, target: 1, probes: [probe(0.25, 2, false), probe(0.2, 0.5, true), probe(0.128, 0.55, true)], stopped: false });
    expect(confirmationLine(doc)).toMatch(/^confirmed by training: 0\.2 trained \(3 probes\); the curve alone said max lr /);
  });

  it('says when a lower lr trained clearly better than the pass above it, from the file read back too', () => {
    const c: Confirmation = { maxLr: 0.17 / 1.3, edge: 0.17, target: 1.7, probes: [probe(0.27, 1.39, true), probe(0.17, 0.77, true)], stopped: false, steppedDown: true };
    const doc = docOf(c);
    expect(confirmationLine(doc)).toMatch(/^confirmed by training: 0\.17 trained, clearly better than 0\.27 above it \(2 probes\)/);
    const read = parseRangeTestFile(rangeTestFileText(doc));
    expect(read.confirmation!.steppedDown).toBe(true);
    expect(confirmationLine(read)).toBe(confirmationLine(doc));
  });

  it('keeps which probe was a check and which pass its check did not back, through the file', () => {
    const c: Confirmation = {
      maxLr: 0.41 / 1.3, edge: 0.41, target: 0.5, stopped: false,
      probes: [{ ...probe(0.8, 0.2, false), unbacked: true }, { ...probe(0.512, 1.1, false), check: true }, probe(0.41, 0.3, true), { ...probe(0.262, 0.35, true), check: true }],
    };
    const read = parseRangeTestFile(rangeTestFileText(docOf(c)));
    expect(read.confirmation!.probes.map((p) => [p.check ?? false, p.unbacked ?? false])).toEqual([[false, true], [true, false], [false, false], [true, false]]);
    expect(confirmationLine(read)).toMatch(/^confirmed by training: 0\.41 trained \(4 probes\)/);
  });
});
