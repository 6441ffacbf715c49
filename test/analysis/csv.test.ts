import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CurveFormatError, parseCurveCsv } from '../../src/analysis/index.js';
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

  it('names the missing column and the columns found', () => {
    const text = readFileSync(resolve(PEER_DIR, 'digits_mlp_sgd.csv'), 'utf8');
    expect(() => parseCurveCsv(text)).toThrow(
      new CurveFormatError('missing column "loss" (columns found: iter, lr, raw_loss, torchlrfinder_smoothed_loss, fastai_smoothed_loss)'),
    );
    expect(() => parseCurveCsv('a,b\n1,2', { lrColumn: 'a' })).toThrow(/missing column "loss" \(columns found: a, b\)/);
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
