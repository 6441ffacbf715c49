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
