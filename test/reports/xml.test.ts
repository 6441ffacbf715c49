import { describe, expect, it } from 'vitest';
import { parseXml } from './xml.js';

// The checker the SVG tests rely on must itself reject broken documents.
describe('parseXml', () => {
  it('accepts a well-formed document and decodes text', () => {
    const root = parseXml('<?xml version="1.0"?><svg a="1" b=\'x &amp; y\'><g><text>a &lt; b</text></g><rect/></svg>');
    expect(root.attrs).toEqual({ a: '1', b: 'x & y' });
    expect(root.children[0]?.children[0]?.text).toBe('a < b');
  });

  it.each([
    ['<svg><g></svg>', /closes <g>/],
    ['<svg><g></g>', /unclosed <svg>/],
    ['<svg a=1></svg>', /malformed attributes/],
    ['<svg a="1" a="2"></svg>', /duplicate attribute/],
    ['<svg>a & b</svg>', /bare '&'/],
    ['<svg>&nbsp;</svg>', /unknown entity/],
    ['<svg></svg><svg></svg>', /second root/],
    ['<svg a="<"></svg>', /'<' inside an attribute/],
  ])('rejects %s', (xml, message) => {
    expect(() => parseXml(xml)).toThrow(message);
  });
});
