import { describe, expect, it } from 'vitest';
import { confirmationPart, analysisFile, toJsonText } from '../../src/range-test/file.js';
import type { Analysis } from '../../src/types.js';

const ANALYSIS: Analysis = {
  curve: { lrs: [1e-3, 1e-2, 1e-1], losses: [2, 1, 3] },
  smoothedLosses: [2, 1.5, 2],
  gradient: [0, -1, 1],
  regions: [{ kind: 'good', minLr: 1e-3, maxLr: 1e-2, startIndex: 0, endIndex: 1 }],
  curveBounds: { maxLr: 1e-2, minLr: 1e-3, method: 'lrfind', confidence: 0.5 },
  suggestions: {
    valley: { method: 'valley', lr: 1e-2, index: 1 },
    lrfind: { method: 'lrfind', lr: 1e-2, index: 1 },
    slide: { method: 'slide', lr: null, index: null, warning: 'too short' },
  },
  divergenceIndex: 2,
  minimumIndex: 1,
  warnings: ['short'],
};

describe('analysisFile', () => {
  it('keeps the contract names and fills missing rules with null', () => {
    const doc = analysisFile(ANALYSIS);
    expect(doc.curve).toEqual({ lr: [1e-3, 1e-2, 1e-1], loss: [2, 1, 3], smoothedLoss: [2, 1.5, 2] });
    expect(doc.regions).toEqual([{ kind: 'good', minLr: 1e-3, maxLr: 1e-2 }]);
    expect(doc.bounds).toEqual({ maxLr: 1e-2, minLr: 1e-3, method: 'lrfind', confidence: 0.5 });
    expect(doc.suggestions).toEqual({ steepest: null, valley: 1e-2, minimum: null, slide: null, lrfind: 1e-2 });
    expect(Object.keys(doc.suggestions).slice(0, 4)).toEqual(['steepest', 'valley', 'minimum', 'slide']);
    expect(doc.warnings).toEqual(['short']);
  });

  it('gives a null suggestion when nothing is recommended', () => {
    expect(analysisFile({ ...ANALYSIS, curveBounds: null }).bounds).toBeNull();
  });
});

describe('confirmationPart', () => {
  const probes = [
    { lr: 0.3, losses: [2, 5], endLoss: 5, passed: false },
    { lr: 0.24, losses: [2, 0.5], endLoss: 0.5, passed: true },
  ];

  it('gives the confirmed bounds (curve ratio kept), the edge, the curve\'s own bounds and each probe without its losses', () => {
    const doc = confirmationPart(ANALYSIS.curveBounds, { maxLr: 0.24 / 1.3, edge: 0.24, target: 1, probes, aborted: false });
    expect(doc).toEqual({
      maxLr: 0.24 / 1.3, minLr: 0.24 / 1.3 / 10, edge: 0.24, curve: { maxLr: 1e-2, minLr: 1e-3 }, target: 1,
      probes: [{ lr: 0.3, endLoss: 5, passed: false }, { lr: 0.24, endLoss: 0.5, passed: true }],
    });
    // The document's bounds are then the confirmed ones.
    expect(analysisFile(ANALYSIS, { maxLr: doc.maxLr!, minLr: doc.minLr!, method: 'confirmed', confidence: 0.75 }).bounds).toMatchObject({ maxLr: doc.maxLr, method: 'confirmed' });
  });

  it('has no confirmed bounds when no probe trained, or when the curve gave none', () => {
    const none = confirmationPart(ANALYSIS.curveBounds, { maxLr: null, edge: null, target: 1, probes: probes.slice(0, 1), aborted: false });
    expect(none).toMatchObject({ maxLr: null, minLr: null, edge: null, curve: { maxLr: 1e-2, minLr: 1e-3 } });
    const noCurve = confirmationPart(null, { maxLr: 0.2, edge: 0.26, target: 1, probes, aborted: false });
    expect(noCurve).toMatchObject({ maxLr: null, minLr: null, edge: 0.26, curve: null });
  });
});

describe('toJsonText', () => {
  it('writes non-finite numbers as null so the text stays valid JSON', () => {
    expect(JSON.parse(toJsonText({ a: [1, Number.NaN, Infinity, -Infinity] }, 0))).toEqual({ a: [1, null, null, null] });
  });
});
