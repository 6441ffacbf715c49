import { describe, expect, it } from 'vitest';
import { indexHtml } from '../../reports/index.js';
import { allElements, parseXml } from './xml.js';

describe('indexHtml', () => {
  const page = indexHtml({
    title: 'Run <1> & "friends"',
    sections: [
      { heading: 'Range test', svgFile: 'range-test.svg', numbers: { 'max lr': '3e-2', confidence: 0.8123456, points: 100 } },
      { heading: 'Schedule', svgFile: 'my schedule#1.svg', numbers: {} },
    ],
  });

  it('is a well-formed page with one section per report, its picture and its numbers', () => {
    expect(page.startsWith('<!DOCTYPE html>\n')).toBe(true);
    const root = parseXml(page);
    expect(root.name).toBe('html');
    const elements = allElements(root);
    expect(elements.filter((e) => e.name === 'section')).toHaveLength(2);
    expect(elements.filter((e) => e.name === 'img').map((e) => e.attrs.src)).toEqual(['range-test.svg', 'my%20schedule%231.svg']);
    const cells = elements.filter((e) => e.name === 'th' || e.name === 'td').map((e) => e.text);
    expect(cells).toEqual(['max lr', '3e-2', 'confidence', '0.8123', 'points', '100']);
    // A section without numbers has no empty table.
    expect(elements.filter((e) => e.name === 'table')).toHaveLength(1);
  });

  it('escapes every piece of input text', () => {
    expect(page).toContain('<title>Run &lt;1&gt; &amp; &quot;friends&quot;</title>');
    expect(parseXml(page).children.find((e) => e.name === 'body')?.children[0]?.text).toBe('Run <1> & "friends"');
    const evil = indexHtml({ title: 't', sections: [{ heading: '"><script>alert(1)</script>', svgFile: 'x.svg', numbers: { '<b>': '<i>' } }] });
    expect(evil).not.toContain('<script>');
    expect(evil).not.toContain('<b>');
    parseXml(evil);
  });

  it('is self-contained: no scripts, no external stylesheets, fonts or images', () => {
    expect(page).not.toMatch(/<script|<link|@import|https?:|url\(/);
  });
});

describe('indexHtml sections', () => {
  const page = indexHtml({
    title: 'Parts',
    sections: [
      {
        heading: 'Everything',
        warnings: ['no bounds: <why>'],
        notes: ['first note'],
        svgFile: 'chart.svg',
        numbers: { seed: 0 },
        table: { columns: [{ heading: 'run', nowrap: true }, { heading: 'val acc', numeric: true }], rows: [['a & b', '0.970'], ['c', 0.12345678]] },
        footnotes: ['after the tables'],
        code: ["lrfind find --out 'my dir'", 'second <line>'],
      },
      { heading: 'Empty parts', warnings: [], notes: [], table: { columns: [{ heading: 'x' }], rows: [] }, code: [] },
    ],
  });
  const root = parseXml(page);
  const sections = allElements(root).filter((e) => e.name === 'section');

  it('draws the parts in reading order: warnings, notes, picture, numbers, table, footnotes, code', () => {
    const first = sections[0]!;
    expect(first.children.map((e) => e.name)).toEqual(['h2', 'div', 'p', 'img', 'table', 'table', 'p', 'pre']);
    expect(first.children[1]!.attrs.class).toBe('warnings');
    expect(allElements(first.children[1]!).filter((e) => e.name === 'li').map((e) => e.text)).toEqual(['no bounds: <why>']);
    expect(first.children[2]!.text).toBe('first note');
    expect(first.children[6]!.text).toBe('after the tables');
    // One command per line, escaped, inside <pre><code>.
    expect(first.children[7]!.children[0]!.name).toBe('code');
    expect(first.children[7]!.children[0]!.text).toBe("lrfind find --out 'my dir'\nsecond <line>");
  });

  it('heads a table with its columns, right-aligns the numeric ones and keeps nowrap ones on one line', () => {
    const table = sections[0]!.children[5]!;
    const heads = allElements(table).filter((e) => e.name === 'th');
    expect(heads.map((e) => [e.text, e.attrs.scope, e.attrs.class])).toEqual([
      ['run', 'col', 'nowrap'],
      ['val acc', 'col', 'num'],
    ]);
    const rows = allElements(table).filter((e) => e.name === 'tr').slice(1);
    expect(rows.map((r) => r.children.map((c) => [c.text, c.attrs.class]))).toEqual([
      [['a & b', 'nowrap'], ['0.970', 'num']],
      [['c', 'nowrap'], ['0.1235', 'num']],
    ]);
    expect(page).toContain('.num { text-align: right; }');
    expect(page).toContain('td.num, td.nowrap { white-space: nowrap; }');
  });

  it('leaves out empty parts', () => {
    expect(sections[1]!.children.map((e) => e.name)).toEqual(['h2']);
  });

  it('refuses a row that does not fit the columns, naming the row', () => {
    expect(() => indexHtml({ title: 't', sections: [{ heading: 'h', table: { columns: [{ heading: 'a' }, { heading: 'b' }], rows: [['1', '2'], ['3']] } }] })).toThrow(
      'table row 1 must have 2 cells (one per column), got 1',
    );
  });

  it('stays self-contained', () => {
    expect(page).not.toMatch(/<script|<link|@import|https?:|url\(/);
  });
});
