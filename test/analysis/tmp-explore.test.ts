import { it } from 'vitest';
import { analyzeCurve } from '../../src/analysis/index.js';
import { PEER_CURVES, loadPeerCurve } from './peer-fixtures.js';
it('explore', () => {
  for (const name of PEER_CURVES) {
    const c = loadPeerCurve(name);
    const a = analyzeCurve({ lrs: c.lrs, losses: c.raw }, { numIter: 100 });
    console.log(name, JSON.stringify(a.recommendation), a.warnings, a.minimumIndex, a.divergenceIndex);
    console.log(Object.values(a.suggestions).map((s) => `${s.method}:${s.lr?.toPrecision(3)}@${s.index}`).join(' '));
  }
});
