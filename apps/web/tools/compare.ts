// How far two runs of the same seeded range test are apart: losses step by step, and bounds in
// steps of the sweep's lr grid. Pure numbers.

export interface LossAgreement {
  /** Steps compared: both runs ran them and both losses are finite. */
  steps: number;
  maxAbs: number;
  maxRel: number;
  /** The step with the largest relative difference. */
  worstStep: number;
  /** Largest relative difference over the first `prefix` steps of each length asked for. */
  byPrefix: Record<number, number>;
  /** The first step whose relative difference exceeds 1e-6, 1e-4, 1e-2 (null: none does). */
  firstAbove: Record<'1e-6' | '1e-4' | '1e-2', number | null>;
}

/** Step-by-step agreement of two loss curves (same seed, same lr per step). */
export function lossAgreement(a: readonly number[], b: readonly number[], prefixes: readonly number[] = []): LossAgreement {
  const n = Math.min(a.length, b.length);
  let maxAbs = 0;
  let maxRel = 0;
  let worstStep = -1;
  let steps = 0;
  const rel: number[] = [];
  for (let i = 0; i < n; i++) {
    const x = a[i]!;
    const y = b[i]!;
    if (!Number.isFinite(x) || !Number.isFinite(y)) break;
    steps += 1;
    const abs = Math.abs(x - y);
    const r = abs / Math.max(Math.abs(x), Math.abs(y), 1e-12);
    rel.push(r);
    if (abs > maxAbs) maxAbs = abs;
    if (r > maxRel) {
      maxRel = r;
      worstStep = i;
    }
  }
  const byPrefix: Record<number, number> = {};
  for (const p of prefixes) byPrefix[p] = Math.max(0, ...rel.slice(0, p));
  const first = (t: number): number | null => {
    const i = rel.findIndex((r) => r > t);
    return i < 0 ? null : i;
  };
  return { steps, maxAbs, maxRel, worstStep, byPrefix, firstAbove: { '1e-6': first(1e-6), '1e-4': first(1e-4), '1e-2': first(1e-2) } };
}

/** |log(a / b)| in steps of the exponential lr grid `lrs` (constant ratio between neighbours). */
export function gridSteps(a: number, b: number, lrs: readonly number[]): number {
  const first = lrs[0]!;
  const second = lrs[1]!;
  return Math.abs(Math.log(a / b)) / Math.log(second / first);
}
