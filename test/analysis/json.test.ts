import { describe, expect, it } from 'vitest';
import { CurveFormatError, parseCurveJson, parseRunsJson } from '../../src/analysis/index.js';

const curve = { lrs: [0.001, 0.01, 0.1], losses: [2.3, 1.5, 4] };

describe('parseCurveJson', () => {
  it.each([
    ['{lrs, losses}', { lrs: curve.lrs, losses: curve.losses }],
    ['a RangeTestResult', { ...curve, smoothedLosses: [1, 2, 3], stopReason: 'diverged', runs: [], settings: {} }],
    ["pytorch-lr-finder's history {lr, loss}", { lr: curve.lrs, loss: curve.losses }],
    ['rows of {lr, loss}', curve.lrs.map((lr, i) => ({ lr, loss: curve.losses[i], step: i }))],
    ["lrfind's CLI output {curve: {lr, loss}}", { curve: { lr: curve.lrs, loss: curve.losses }, recommendation: {} }],
  ])('reads %s', (_, value) => {
    expect(parseCurveJson(JSON.stringify(value))).toEqual(curve);
  });

  it("reads JSON's null (how NaN and Infinity are written) as NaN", () => {
    expect(parseCurveJson('{"lrs": [1, 2], "losses": [1, null]}').losses).toEqual([1, NaN]);
  });

  it('says what is wrong, in one line', () => {
    expect(() => parseCurveJson('{')).toThrow(/^not valid JSON: /);
    expect(() => parseCurveJson('{"lrs": [1, 2]}')).toThrow(new CurveFormatError('losses must be an array of numbers'));
    expect(() => parseCurveJson('{"lr": [1, 2], "loss": [1]}')).toThrow('lr has 2 values but loss has 1');
    expect(() => parseCurveJson('{"lrs": [1, "2"], "losses": [1, 2]}')).toThrow('lrs[1] must be a number, got "2"');
    expect(() => parseCurveJson('[{"lr": 1}]')).toThrow('row 0 must be an object with lr and loss');
    expect(() => parseCurveJson('{"x": 1, "y": 2}')).toThrow(
      'no curve found: expected an lr array (lr, learning_rate, lrs) and a loss array (loss, losses, train_loss, training_loss), or curve.lr/curve.loss; keys found: x, y',
    );
    expect(() => parseCurveJson('{"lr": [1, 2], "loss": \u001b[1, 2]}')).toThrow(/^not a text JSON file: binary data \(byte 0x1b\) on line 1$/);
    expect(() => parseCurveJson('3')).toThrow(CurveFormatError);
  });
});

describe('parseCurveJson: the names other tools use', () => {
  it('reads Keras history ({loss, learning_rate}), fastai-style {lrs, losses} and rows with any of the CSV names', () => {
    expect(parseCurveJson('{"loss": [2.3, 2.1], "learning_rate": [0.001, 0.01]}')).toEqual({ lrs: [0.001, 0.01], losses: [2.3, 2.1] });
    expect(parseCurveJson('{"lrs": [1, 2], "losses": [3, 4]}')).toEqual({ lrs: [1, 2], losses: [3, 4] });
    expect(parseCurveJson('{"Learning Rate": [1, 2], "train_loss": [3, 4]}')).toEqual({ lrs: [1, 2], losses: [3, 4] });
    expect(parseCurveJson('[{"learning_rate": 1, "loss": 3}, {"learning_rate": 2, "loss": 4}]')).toEqual({ lrs: [1, 2], losses: [3, 4] });
    expect(() => parseCurveJson('{"learning_rate": [1, 2]}')).toThrow('loss must be an array of numbers');
  });
});

describe('parseRunsJson', () => {
  it("reads every run of a RangeTestResult, and one curve otherwise", () => {
    const result = { ...curve, runs: [curve, { lrs: [1, 2], losses: [3, 4] }] };
    expect(parseRunsJson(JSON.stringify(result))).toEqual([curve, { lrs: [1, 2], losses: [3, 4] }]);
    expect(parseRunsJson(JSON.stringify({ lr: curve.lrs, loss: curve.losses }))).toEqual([curve]);
  });

  it('names the broken run', () => {
    expect(() => parseRunsJson('{"runs": [{"lrs": [1]}]}')).toThrow('runs[0]: losses must be an array of numbers');
  });
});
