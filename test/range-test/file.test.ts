import { describe, expect, it } from 'vitest';
import {
  RangeTestFileError, analysisFile, confirmationPart, parseRangeTestFile, rangeTestFileText, toJsonText,
} from '../../src/range-test/file.js';
import type { Analysis } from '../../src/types.js';

const ANALYSIS: Analysis = {
  curve: { lrs: [1e-3, 1e-2, 1e-1], losses: [2, 1, 3] },
  smoothedLosses: [2, 1.5, 2],
  gradient: [0, -1, 1],
  regions: [{ kind: 'good', minLr: 1e-3, maxLr: 1e-2, startIndex: 0, endIndex: 1 }],
  curveBounds: { maxLr: 1e-2, minLr: 1e-3, source: 'lrfind', confidence: 0.5 },
  picks: {
    valley: { rule: 'valley', lr: 1e-2, index: 1 },
    lrfind: { rule: 'lrfind', lr: 1e-2, index: 1 },
    slide: { rule: 'slide', lr: null, index: null, warning: 'too short' },
  },
  divergenceIndex: 2,
  minimumIndex: 1,
  diagnosis: 'readable',
  warnings: ['short'],
};

describe('analysisFile', () => {
  it('keeps the contract names and fills missing rules with null', () => {
    const doc = analysisFile(ANALYSIS);
    expect(doc.curve).toEqual({ lr: [1e-3, 1e-2, 1e-1], loss: [2, 1, 3], smoothedLoss: [2, 1.5, 2], divergenceIndex: 2 });
    expect(doc.regions).toEqual([{ kind: 'good', minLr: 1e-3, maxLr: 1e-2 }]);
    expect(doc.bounds).toEqual({ maxLr: 1e-2, minLr: 1e-3, source: 'lrfind', confidence: 0.5 });
    expect(doc.rules).toEqual({ steepest: null, valley: 1e-2, minimum: null, slide: null, lrfind: 1e-2 });
    expect(Object.keys(doc.rules).slice(0, 4)).toEqual(['steepest', 'valley', 'minimum', 'slide']);
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
    const confirmed = { maxLr: 0.24 / 1.3, minLr: 0.24 / 1.3 / 10, source: 'confirmed', confidence: 0.5 };
    const doc = confirmationPart(ANALYSIS.curveBounds, { maxLr: 0.24 / 1.3, edge: 0.24, target: 1, probes, stopped: false }, confirmed);
    expect(doc).toEqual({
      maxLr: 0.24 / 1.3, minLr: 0.24 / 1.3 / 10, edge: 0.24, curveBounds: { maxLr: 1e-2, minLr: 1e-3 }, target: 1, stopped: false,
      probes: [{ lr: 0.3, endLoss: 5, passed: false }, { lr: 0.24, endLoss: 0.5, passed: true }],
    });
    // The document's bounds are then the confirmed ones.
    expect(analysisFile(ANALYSIS, { maxLr: doc.maxLr!, minLr: doc.minLr!, source: 'confirmed', confidence: 0.75 }).bounds).toMatchObject({ maxLr: doc.maxLr, source: 'confirmed' });
  });

  it('has no confirmed bounds when no probe trained; without the curve\'s bounds, the ones the probes found', () => {
    const none = confirmationPart(ANALYSIS.curveBounds, { maxLr: null, edge: null, target: 1, probes: probes.slice(0, 1), stopped: false }, null);
    expect(none).toMatchObject({ maxLr: null, minLr: null, edge: null, curveBounds: { maxLr: 1e-2, minLr: 1e-3 }, stopped: false });
    const probed = { maxLr: 0.2, minLr: 0.02, source: 'confirmed', confidence: 0.3 };
    const noCurve = confirmationPart(null, { maxLr: 0.2, edge: 0.26, target: 1, probes, stopped: false }, probed);
    expect(noCurve).toMatchObject({ maxLr: 0.2, minLr: 0.02, edge: 0.26, curveBounds: null });
    const stopped = confirmationPart(ANALYSIS.curveBounds, { maxLr: null, edge: null, target: 1, probes: [], stopped: true }, ANALYSIS.curveBounds);
    expect(stopped).toMatchObject({ stopped: true, maxLr: null });
  });
});

describe('toJsonText', () => {
  it('writes non-finite numbers as null so the text stays valid JSON', () => {
    expect(JSON.parse(toJsonText({ a: [1, Number.NaN, Infinity, -Infinity] }, 0))).toEqual({ a: [1, null, null, null] });
  });
});

describe('the range-test file: serializer and parser', () => {
  const file = { ...analysisFile(ANALYSIS), model: 'mlp', data: 'digits' };

  it('round-trips: parse(text(file)) is the file, non-finite losses included', () => {
    expect(parseRangeTestFile(rangeTestFileText(file))).toEqual(file);
    const diverged = { ...file, curve: { lr: [1e-3, 1e-2, 1e-1], loss: [2, 1, Number.POSITIVE_INFINITY], smoothedLoss: [2, 1.5, Number.NaN], divergenceIndex: 2 } };
    const back = parseRangeTestFile(rangeTestFileText(diverged));
    expect(back.curve.loss.slice(0, 2)).toEqual([2, 1]);
    expect(back.curve.loss[2]).toBeNaN();
    expect(back.curve.smoothedLoss[2]).toBeNaN();
  });

  it('reads a version-1 file, upgraded: suggestions are rules, bounds.method is source, aborted is stopped', () => {
    const v1 = {
      format: 'lrfind/range-test', version: 1,
      curve: { lr: [1e-3, 1e-2, 1e-1], loss: [2, 1, 3], smoothedLoss: [2, 1.5, 2] },
      regions: [{ kind: 'good', minLr: 1e-3, maxLr: 1e-2 }],
      bounds: { maxLr: 1e-2, minLr: 1e-3, method: 'confirmed', confidence: 0.9 },
      suggestions: { steepest: null, valley: 1e-2 },
      warnings: [],
      stopReason: 'aborted',
      runs: [{ lr: [1e-3], loss: [2], emaLoss: [2], stopReason: 'aborted', seed: 0 }],
      confirmation: { maxLr: null, minLr: null, edge: null, curveBounds: null, target: 1, probes: [], stopped: true },
    };
    const read = parseRangeTestFile(JSON.stringify(v1));
    expect(read.version).toBe(3);
    expect(read.bounds).toEqual({ maxLr: 1e-2, minLr: 1e-3, source: 'confirmed', confidence: 0.9 });
    expect(read.rules).toEqual({ steepest: null, valley: 1e-2 });
    expect('suggestions' in read).toBe(false);
    expect(read.stopReason).toBe('stopped');
    expect(read.runs![0]!.stopReason).toBe('stopped');
    expect(read.curve.divergenceIndex).toBeNull();
    expect(read.confirmation!.stopped).toBe(true);
  });

  it('names the file and the problem for everything it refuses', () => {
    const text = (change: Record<string, unknown>): string => JSON.stringify({ ...file, ...change });
    const cases: [string, string][] = [
      ['not json', 'f.json: is not JSON (expected the range-test.json that lrfind find or analyze writes)'],
      ['[1, 2]', 'f.json: is not a range-test file (expected a JSON object)'],
      [text({ format: 'other' }), 'f.json: is not a range-test file: format is "other", expected "lrfind/range-test" (written by an older lrfind? rerun lrfind analyze on it)'],
      [text({ version: 4 }), 'f.json: is version 4; this lrfind reads versions 1 to 3: upgrade lrfind'],
      [text({ version: '1' }), 'f.json: has version "1", expected 1 to 3'],
      [text({ curve: { lr: [1], loss: [1, 2] } }), 'f.json: curve arrays differ in length (lr 1, loss 2, smoothedLoss 2)'],
      [text({ curve: { lr: [1, -1], loss: [1, 2] } }), 'f.json: curve.lr[1] is -1, expected a positive number'],
      [text({ curve: { lr: [1, 2], loss: [1, 'x'] } }), 'f.json: curve.loss[1] is "x", expected a number or null'],
      [text({ bounds: { maxLr: 0.1 } }), 'f.json: has no bounds.maxLr / bounds.minLr (positive numbers, or bounds: null)'],
      [text({ bounds: { maxLr: 0.1, minLr: 0.2, source: 'x', confidence: 1 } }), 'f.json: has bounds.minLr 0.2 ≥ bounds.maxLr 0.1'],
      [text({ warnings: [1] }), 'f.json: has no warnings array of strings'],
    ];
    for (const [input, message] of cases) {
      expect(() => parseRangeTestFile(input, 'f.json'), input).toThrow(new RangeTestFileError(message));
    }
  });
});
