import { describe, expect, it } from 'vitest';
import { curveDocument, toJsonText } from '../../../cli/output/result-json.js';
import type { Analysis } from '../../../src/types.js';

const ANALYSIS: Analysis = {
  curve: { lrs: [1e-3, 1e-2, 1e-1], losses: [2, 1, 3] },
  smoothedLosses: [2, 1.5, 2],
  gradient: [0, -1, 1],
  regions: [{ kind: 'good', minLr: 1e-3, maxLr: 1e-2, startIndex: 0, endIndex: 1 }],
  recommendation: { maxLr: 1e-2, minLr: 1e-3, method: 'lrfind', confidence: 0.5 },
  suggestions: {
    valley: { method: 'valley', lr: 1e-2, index: 1 },
    lrfind: { method: 'lrfind', lr: 1e-2, index: 1 },
    slide: { method: 'slide', lr: null, index: null, warning: 'too short' },
  },
  divergenceIndex: 2,
  minimumIndex: 1,
  warnings: ['short'],
};

describe('curveDocument', () => {
  it('keeps the contract names and fills missing rules with null', () => {
    const doc = curveDocument(ANALYSIS);
    expect(doc.curve).toEqual({ lr: [1e-3, 1e-2, 1e-1], loss: [2, 1, 3], smoothedLoss: [2, 1.5, 2] });
    expect(doc.regions).toEqual([{ kind: 'good', minLr: 1e-3, maxLr: 1e-2 }]);
    expect(doc.suggestion).toEqual({ maxLr: 1e-2, minLr: 1e-3, method: 'lrfind', confidence: 0.5 });
    expect(doc.suggestions).toEqual({ steepest: null, valley: 1e-2, minimum: null, slide: null, lrfind: 1e-2 });
    expect(Object.keys(doc.suggestions).slice(0, 4)).toEqual(['steepest', 'valley', 'minimum', 'slide']);
    expect(doc.warnings).toEqual(['short']);
  });

  it('gives a null suggestion when nothing is recommended', () => {
    expect(curveDocument({ ...ANALYSIS, recommendation: null }).suggestion).toBeNull();
  });
});

describe('toJsonText', () => {
  it('writes non-finite numbers as null so the text stays valid JSON', () => {
    expect(JSON.parse(toJsonText({ a: [1, Number.NaN, Infinity, -Infinity] }, 0))).toEqual({ a: [1, null, null, null] });
  });
});
