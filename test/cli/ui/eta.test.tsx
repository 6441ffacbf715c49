// The ETA of `lrfind find` paces itself on the steps after the first, so a warm-up step or a
// first step that compiles shaders (webgpu: ~10 s against 0.3 s per later step) does not fool it.
import { render } from 'ink-testing-library';
import { describe, expect, it } from 'vitest';
import { FindView } from '../../../cli/ui/find-view.js';
import { etaAfterFirstStep } from '../../../cli/ui/format.js';
import type { RunHeader } from '../../../src/present/words.js';

const HEADER: RunHeader = { model: 'cnn', data: 'digits', optimizer: 'sgd', backend: 'webgpu', startLr: 1e-7, endLr: 1, numIter: 100, runs: 1 };

describe('etaAfterFirstStep', () => {
  it('is the pace since the first step times the steps left, and null before a second step ends', () => {
    expect(etaAfterFirstStep(9, 2.7, 90)).toBeCloseTo(27, 10);
    expect(etaAfterFirstStep(0, 0, 99)).toBeNull();
    expect(etaAfterFirstStep(5, 1, -3)).toBe(0);
  });
});

describe('FindView with a pace', () => {
  it('ignores the 10 s spent before the first step ended', () => {
    const status = { run: 0, runs: 1, done: 10, numIter: 100, lr: 1e-6, loss: 2.3, smoothed: 2.3, lowest: 2.3 };
    // 10 s warm-up + first step, then 9 steps of 0.3 s: 12.7 s elapsed, 90 steps left at 0.3 s.
    const { lastFrame, unmount } = render(<FindView header={HEADER} status={status} points={[]} elapsed={12.7} pace={{ steps: 9, seconds: 2.7 }} />);
    const text = lastFrame() ?? '';
    unmount();
    expect(text).toContain('eta 27s');
    expect(text).not.toContain('eta 1m');
  });
});
