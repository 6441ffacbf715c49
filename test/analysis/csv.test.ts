import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CURVE_LOSS_COLUMNS, CURVE_LR_COLUMNS, CurveFormatError, parseCurveCsv } from '../../src/analysis/index.js';
import { PEER_DIR, loadPeerCurve } from './peer-fixtures.js';

describe('parseCurveCsv', () => {
  it('reads the lr and loss columns by header, ignoring others', () => {
    expect(parseCurveCsv('step,lr,loss\n0,0.001,2.3\n1,0.01,2.1\n')).toEqual({ lrs: [0.001, 0.01], losses: [2.3, 2.1] });
  });

  it('takes other column names, e.g. a peer file with raw_loss', () => {
    const text = readFileSync(resolve(PEER_DIR, 'digits_mlp_sgd.csv'), 'utf8');
    const curve = parseCurveCsv(text, { lossColumn: 'raw_loss' });
    const want = loadPeerCurve('digits_mlp_sgd');
    expect(curve).toEqual({ lrs: want.lrs, losses: want.raw });
  });

  it('names the missing column, the names it looked for, and the columns found', () => {
    const text = readFileSync(resolve(PEER_DIR, 'digits_mlp_sgd.csv'), 'utf8');
    expect(() => parseCurveCsv(text)).toThrow(
      new CurveFormatError('no loss column: none of loss, losses, train_loss, training_loss (name it with lossColumn; columns found: iter, lr, raw_loss, torchlrfinder_smoothed_loss, fastai_smoothed_loss)'),
    );
    expect(() => parseCurveCsv('a,b\n1,2', { lrColumn: 'a' })).toThrow('no loss column: none of loss, losses, train_loss, training_loss (name it with lossColumn; columns found: a, b)');
    expect(() => parseCurveCsv('step,loss\n1,2')).toThrow('no learning-rate column: none of lr, learning_rate, lrs (name it with lrColumn; columns found: step, loss)');
    expect(() => parseCurveCsv('a,b\n1,2', { lrColumn: 'a', lossColumn: 'val_loss' })).toThrow('missing column "val_loss" (columns found: a, b)');
  });

  it('reads the column names pytorch-lr-finder, Lightning, Keras and fastai export, in a fixed order of preference', () => {
    const curve = { lrs: [0.001, 0.01], losses: [2.3, 2.1] };
    for (const [lr, loss] of [['lr', 'loss'], ['learning_rate', 'loss'], ['lrs', 'losses'], ['learning_rate', 'train_loss'], ['Learning Rate', 'Training-Loss'], ['LR', 'Loss']]) {
      expect(parseCurveCsv(`epoch,${lr},${loss}\n0,0.001,2.3\n1,0.01,2.1\n`), `${lr},${loss}`).toEqual(curve);
    }
    // loss before train_loss, never val_loss or a smoothed loss; lr before learning_rate.
    expect(parseCurveCsv('val_loss,train_loss,smooth_loss,loss,learning_rate,lr\n9,8,7,2.3,5,0.001\n')).toEqual({ lrs: [0.001], losses: [2.3] });
    expect(CURVE_LR_COLUMNS).toEqual(['lr', 'learning_rate', 'lrs']);
    expect(CURVE_LOSS_COLUMNS).toEqual(['loss', 'losses', 'train_loss', 'training_loss']);
  });

  it('reads semicolon-, tab- and bar-separated files, or the delimiter given', () => {
    const curve = { lrs: [0.001, 0.01], losses: [2.3, 2.1] };
    for (const sep of [';', '\t', '|']) expect(parseCurveCsv(`lr${sep}loss\n0.001${sep}2.3\n0.01${sep}2.1\n`)).toEqual(curve);
    expect(parseCurveCsv('lr;x,y;loss\n0.001;4,5;2.3\n', { delimiter: ';' })).toEqual({ lrs: [0.001], losses: [2.3] });
    expect(() => parseCurveCsv('lr,loss\n', { delimiter: ';;' })).toThrow(RangeError);
  });

  it('says which separators it reads when the header is one column, and what a decimal comma should be', () => {
    expect(() => parseCurveCsv('lr loss\n0.001 2.3\n')).toThrow('the header has one column ("lr loss"): expected columns separated by comma, semicolon, tab, bar');
    expect(() => parseCurveCsv('lr;loss\n0,001;2,3\n')).toThrow('line 2: lr "0,001" is not a number; write the decimal point as "." (0.001)');
    expect(() => parseCurveCsv('step;loss\n1;2\n')).toThrow('no learning-rate column: none of lr, learning_rate, lrs (name it with lrColumn; semicolon-separated columns found: step, loss)');
  });

  it('refuses binary data without echoing it', () => {
    const elf = '\u007fELF\u0002\u0001\u0001\u0000\u001b[2J';
    expect(() => parseCurveCsv(elf)).toThrow(new CurveFormatError('not a text CSV: binary data (byte 0x7f) on line 1'));
    expect(() => parseCurveCsv('lr,loss\n0.1,2\n\u001b[31m')).toThrow('not a text CSV: binary data (byte 0x1b) on line 3');
  });

  it('accepts CRLF, a BOM, quoted headers, blank lines and nan/inf cells', () => {
    const curve = parseCurveCsv('\uFEFF"lr","loss"\r\n1e-3,nan\r\n\r\n1e-2,inf\r\n0.1,-Infinity\r\n');
    expect(curve.lrs).toEqual([1e-3, 1e-2, 0.1]);
    expect(curve.losses).toEqual([NaN, Infinity, -Infinity]);
  });

  it('rejects bad cells, ragged rows and empty input with one-line messages', () => {
    expect(() => parseCurveCsv('lr,loss\n0.1,abc')).toThrow(/^line 2: loss "abc" is not a number$/);
    expect(() => parseCurveCsv('lr,loss\n0.1,')).toThrow(/line 2: loss "" is not a number/);
    expect(() => parseCurveCsv('lr,loss\n0.1,2,3')).toThrow(/line 2: expected 2 cells like the header, got 3/);
    expect(() => parseCurveCsv('')).toThrow(CurveFormatError);
    expect(() => parseCurveCsv('lr,loss\n')).toThrow(/no data rows/);
    try {
      parseCurveCsv('x');
    } catch (error) {
      expect(error).toBeInstanceOf(Error);
      expect((error as Error).name).toBe('CurveFormatError');
      expect((error as Error).message).not.toContain('\n');
    }
  });
});
