import { describe, expect, it } from 'vitest';
import { parseCsv } from '../../src/data/csv.js';
import { DatasetFormatError } from '../../src/data/errors.js';

const IRIS_LIKE = `sepal,petal,species
5.1,1.4,setosa
7.0,4.7,versicolor
6.3,6.0,virginica
4.9,1.4,setosa
`;

describe('parseCsv: layout', () => {
  it('detects a header, takes the last column as the label and sorts class names', () => {
    const t = parseCsv(IRIS_LIKE);
    expect(t.count).toBe(4);
    expect(t.numFeatures).toBe(2);
    expect([...t.features]).toEqual([5.1, 1.4, 7.0, 4.7, 6.3, 6.0, 4.9, 1.4].map(Math.fround));
    expect(t.classNames).toEqual(['setosa', 'versicolor', 'virginica']);
    expect([...t.labels]).toEqual([0, 1, 2, 0]);
    expect(t.featureNames).toEqual(['sepal', 'petal']);
    expect(t.labelName).toBe('species');
  });

  it('reads a file without header, naming columns by position', () => {
    const t = parseCsv('1,2,0\n3,4,1\n');
    expect(t.count).toBe(2);
    expect(t.featureNames).toEqual(['column 1', 'column 2']);
    expect(t.labelName).toBe('column 3');
  });

  it('finds the label by name or index (negative from the end), anywhere in the row', () => {
    const text = 'y,a,b\nno,1,2\nyes,3,4\n';
    for (const label of ['y', 0, -3]) {
      const t = parseCsv(text, { label });
      expect(t.classNames).toEqual(['no', 'yes']);
      expect([...t.features]).toEqual([1, 2, 3, 4]);
      expect(t.featureNames).toEqual(['a', 'b']);
    }
  });

  it('sorts numeric labels by value and merges equal numbers written differently', () => {
    const t = parseCsv('1,10\n2,9\n3,10.0\n4,2\n');
    expect(t.classNames).toEqual(['2', '9', '10']);
    expect([...t.labels]).toEqual([2, 1, 2, 0]);
  });

  it('skips blank lines, accepts CRLF, quotes, spaces and another delimiter', () => {
    const t = parseCsv('"x" ; "y"\r\n\r\n 1 ; "a"\r\n2;b\r\n', { delimiter: ';' });
    expect(t.count).toBe(2);
    expect(t.featureNames).toEqual(['x']);
    expect(t.classNames).toEqual(['a', 'b']);
  });

  it('obeys header: false and header: true', () => {
    expect(() => parseCsv('a,b\n1,0\n2,1\n', { header: false })).toThrow('row 1, column 1 is not a number: "a"');
    // An all-numeric first row is data under 'auto', a header when told so.
    expect(parseCsv('9,8\n1,0\n2,1\n').count).toBe(3);
    expect(parseCsv('9,8\n1,0\n2,1\n', { header: true }).count).toBe(2);
  });
});

describe('parseCsv: errors', () => {
  const fails = (text: string, message: string, options = {}) =>
    expect(() => parseCsv(text, options, 'f.csv')).toThrow(new DatasetFormatError(message, 'f.csv'));

  it('names the row, the column and its header for a non-number', () => {
    fails('a,b,c\n1,2,x\n1,oops,y\n', 'f.csv: row 3, column 2 ("b") is not a number: "oops"');
    fails('1,2,x\n1,,y\n', 'f.csv: row 2, column 2 is not a number: ""');
  });

  it('rejects an empty file and a header with no data', () => {
    fails('', 'f.csv: the file is empty');
    fails('\n  \n', 'f.csv: the file is empty');
    fails('a,b\n', 'f.csv: has a header but no data rows');
  });

  it('needs at least 2 classes', () => {
    fails('1,a\n2,a\n', 'f.csv: the label column "column 2" must hold at least 2 classes, got 1 (a)');
  });

  it('rejects ragged rows, an empty label and a single column', () => {
    fails('1,2,a\n1,b\n', 'f.csv: row 2 has 2 columns, expected 3');
    fails('1,a\n2,\n', 'f.csv: row 2, column 2 (the label) is empty');
    fails('1\n2\n', 'f.csv: needs at least 2 columns (features and a label), got 1');
  });

  it('rejects an unknown label name, listing the columns', () => {
    fails(IRIS_LIKE, 'f.csv: no column named "kind"; columns are sepal, petal, species', { label: 'kind' });
    fails('1,a\n2,b\n', 'f.csv: no column named "kind"; the file has no header row', { label: 'kind', header: false });
  });

  it('validates options eagerly with RangeErrors', () => {
    expect(() => parseCsv('1,a\n2,b\n', { label: 2 })).toThrow(
      new RangeError('label must be a column index in [-2, 1], got 2'),
    );
    expect(() => parseCsv('1,a\n', { label: 0.5 })).toThrow(RangeError);
    expect(() => parseCsv('1,a\n', { delimiter: ',,' })).toThrow('delimiter must be one character, got ",,"');
    expect(() => parseCsv('1,a\n', { label: ' ' })).toThrow(RangeError);
  });
});
