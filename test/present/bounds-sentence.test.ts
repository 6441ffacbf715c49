// One sentence for the bounds, wherever a result is shown: the CLI's summary (plain and ink), the
// report's index.html and the chart's subtitle print boundsLine's words (the live view in the
// browser too: test/web/engine.test.ts), from a finder result as from its file.
import { describe, expect, it } from 'vitest';
import { analyzeCurve } from '../../src/analysis/index.js';
import { boundsLine } from '../../src/present/words.js';
import { analysisFile, parseRangeTestFile, rangeTestFileText } from '../../src/range-test/file.js';
import { rangeTestFiles } from '../../reports/range-test-files.js';
import { rangeTestSpec } from '../../reports/range-test-spec.js';
import { summaryLines } from '../../cli/commands/find-progress.js';
import { readDigitsCurve } from '../reports/fixture.js';

describe('the bounds sentence', () => {
  const { lrs, raw } = readDigitsCurve();
  const doc = analysisFile(analyzeCurve({ lrs, losses: raw }));
  const sentence = boundsLine(doc);

  it('is "bounds: max lr … · min lr … (rule, confidence …)"', () => {
    expect(sentence).toMatch(/^bounds: max lr \S+ · min lr \S+ \(\w+, confidence [\d.]+\)$/);
  });

  it('is what the CLI summary, index.html and the chart print', async () => {
    expect(summaryLines({ doc, paths: [] })).toContain(sentence);
    const [html, , , spec] = await rangeTestFiles(doc);
    expect(html!.content as string).toContain(`<p>${sentence}</p>`);
    expect((JSON.parse(spec!.content as string) as { title: { subtitle: string[] } }).title.subtitle[0]).toContain(sentence);
  });

  it('is the same drawn from the file read back', () => {
    const read = parseRangeTestFile(rangeTestFileText(doc));
    expect(boundsLine(read)).toBe(sentence);
    expect((rangeTestSpec(read) as unknown as { title: { subtitle: string[] } }).title.subtitle[0]).toContain(sentence);
  });
});
