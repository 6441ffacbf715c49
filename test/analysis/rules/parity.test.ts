import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  minimumRule, slideRule, steepRule, steepestRule, valleyRule,
} from '../../../src/analysis/index.js';
import { PEER_CURVES, PEER_DIR, loadPeerCurve, loadPeerSuggestions } from '../peer-fixtures.js';

const expected = loadPeerSuggestions();
const rules = { valley: valleyRule, slide: slideRule, minimum: minimumRule, steep: steepRule } as const;

describe.each(PEER_CURVES)('peer parity on %s', (name) => {
  const curve = loadPeerCurve(name);
  const want = expected[name];
  const numIter = want.range_test.num_iter;

  it('steepest picks pytorch-lr-finder\'s row, from its smoothed history and from the raw losses', () => {
    const pick = want.pytorch_lr_finder_steepest;
    const onHistory = steepestRule({ smoothing: 'none' })({ lrs: curve.lrs, losses: curve.torch });
    expect(onHistory.index).toBe(pick.index_in_curve);
    expect(onHistory.lr).toBe(pick.lr);
    const onRaw = steepestRule()({ lrs: curve.lrs, losses: curve.raw });
    expect(onRaw.index).toBe(pick.index_in_curve);
  });

  for (const rule of Object.keys(rules) as (keyof typeof rules)[]) {
    it(`fastai ${rule} picks the same row on both smoothings`, () => {
      const onTorch = rules[rule]({ numIter, smoothing: 'none' })({ lrs: curve.lrs, losses: curve.torch });
      expect(onTorch.index).toBe(want.fastai_rules_on_pytorch_lr_finder_history[rule].index_in_curve);
      expect(onTorch.lr).toBeCloseTo(want.fastai_rules_on_pytorch_lr_finder_history[rule].lr, 6);
      const onFastai = rules[rule]({ numIter, smoothing: 'none' })({ lrs: curve.lrs, losses: curve.fastai });
      expect(onFastai.index).toBe(want.fastai_rules_on_fastai_smoothing[rule].index_in_curve);
      // The default smoothing is fastai's recorder EMA, so the raw losses give the same row.
      const onRaw = rules[rule]({ numIter })({ lrs: curve.lrs, losses: curve.raw });
      expect(onRaw.index).toBe(want.fastai_rules_on_fastai_smoothing[rule].index_in_curve);
    });
  }
});

const SHARED = resolve(PEER_DIR, '../../../../shared/fixtures/peer-curves');

describe.skipIf(!existsSync(SHARED))('the copied fixtures', () => {
  it.each([...PEER_CURVES.map((name) => `${name}.csv`), 'suggestions.json'])('%s matches ../shared', (file) => {
    expect(readFileSync(resolve(PEER_DIR, file), 'utf8')).toBe(readFileSync(resolve(SHARED, file), 'utf8'));
  });
});
