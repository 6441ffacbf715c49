// The live view on a terminal shorter than its last frame: ink draws such a frame "fullscreen",
// without a newline after its last line, so the shell's prompt (or `echo EXIT=$?`) would start on
// it. startLive and showOnce end that line, and only that one: in CI mode (CI=true, as on the
// project's CI) ink ends it itself.
import { Writable } from 'node:stream';
import { createElement } from 'react';
import { Box, Text } from 'ink';
import { describe, expect, it } from 'vitest';
import { showOnce, startLive } from '../../../cli/output/ink.js';

/** A terminal of `rows` × 40 that keeps what is written to it. */
function terminal(rows: number, isTTY = true): { stdout: NodeJS.WriteStream; text: () => string } {
  let written = '';
  const stream = new Writable({
    write(chunk, _encoding, done) {
      written += String(chunk);
      done();
    },
  });
  Object.assign(stream, { isTTY, rows, columns: 40 });
  return { stdout: stream as unknown as NodeJS.WriteStream, text: () => written };
}

const lines = (n: number) => createElement(Box, { flexDirection: 'column' }, ...Array.from({ length: n }, (_, i) => createElement(Text, { key: i }, `line ${i + 1}`)));
// eslint-disable-next-line no-control-regex
const plain = (text: string): string => text.replace(/\u001b\[[0-9;?]*[A-Za-z]/g, '');

describe('the last frame ends its line', () => {
  it.each([
    ['taller than the terminal', 12, 5],
    ['as tall as the terminal', 5, 5],
    ['shorter than the terminal', 3, 10],
  ])('live view %s', async (_what, height, rows) => {
    const screen = terminal(rows);
    const view = startLive(lines(1), screen);
    view.update(lines(2));
    await view.finish(lines(height));
    const out = plain(screen.text());
    expect(out.endsWith(`line ${height}\n`)).toBe(true);
    expect(out.endsWith('\n\n')).toBe(false);
  });

  it.each([[12, 5], [3, 10]])('showOnce with %i lines on %i rows', async (height, rows) => {
    const screen = terminal(rows);
    await showOnce(lines(height), screen);
    const out = plain(screen.text());
    expect(out.endsWith(`line ${height}\n`)).toBe(true);
    expect(out.endsWith('\n\n')).toBe(false);
  });

  it('showOnce on a pipe', async () => {
    const screen = terminal(5, false);
    await showOnce(lines(12), screen);
    const out = plain(screen.text());
    expect(out.endsWith('line 12\n')).toBe(true);
    expect(out.endsWith('\n\n')).toBe(false);
  });
});
