import { describe, expect, it } from 'vitest';
import { savitzkyGolay } from '../../src/analysis/index.js';
import { defaultWindowSize, savitzkyGolayDerivative } from '../../src/analysis/savitzky-golay.js';

const closeAll = (got: number[], want: number[], digits = 10): void => {
  expect(got).toHaveLength(want.length);
  got.forEach((v, i) => expect(v, `index ${i}`).toBeCloseTo(want[i]!, digits));
};

// scipy.signal.savgol_filter([2, 2, 5, 2, 1, 0, 1, 4, 9], 5, 2), computed with scipy 1.17.
const X = [2, 2, 5, 2, 1, 0, 1, 4, 9];
const INTERP = [1.6571428571428526, 3.171428571428569, 3.542857142857141, 2.857142857142856, 0.6571428571428564, 0.17142857142857082, 0.9999999999999987, 3.9999999999999973, 9.0];
const NEAREST = [1.7428571428571416, 3.0285714285714276, 3.542857142857141, 2.857142857142856, 0.6571428571428564, 0.17142857142857082, 0.9999999999999987, 4.599999999999998, 7.971428571428567];
const INTERP_D1 = [2.0857142857142885, 0.9428571428571442, -0.199999999999999, -0.7999999999999992, -1.0, 0.4000000000000002, 2.000000000000001, 4.000000000000002, 6.0000000000000036];

// A smooth curve: sin(t) + 0.1·t², t = linspace(0, 3, 30); scipy's window 11, order 3 (value and
// derivative with delta 0.1), interp mode.
const T = Array.from({ length: 30 }, (_, i) => (3 * i) / 29);
const Z = T.map((t) => Math.sin(t) + 0.1 * t * t);
const Z_SG = [-0.0001572984788118139, 0.10448084687508583, 0.209868710191178, 0.315060245719671, 0.4191094077107709, 0.5210701504146893, 0.6199243095876295, 0.7147024592857021, 0.8045399782858087, 0.8886479548133657, 0.9663216215914106, 1.0369478912162688, 1.1000119112915034, 1.1551025692326138, 1.2019168878850923, 1.2402632649578518, 1.2700635216359948, 1.2913537384691385, 1.3042838695979777, 1.3091161394437736, 1.3062222390033742, 1.2960793517269986, 1.279265051470118, 1.2564511270705632, 1.2283963995785137, 1.1959916209031314, 1.160181157796108, 1.121825636279337, 1.0817856823747136, 1.0409219221041333];
const Z_D1 = [1.0394793778953573, 1.0517067862662721, 1.0544737371392487, 1.0477802305142871, 1.031626266391387, 1.0060118447705486, 0.9697952971224076, 0.9245827445817387, 0.8710864419877821, 0.810107214081672, 0.7425258930838297, 0.6692939008309331, 0.5914230761683228, 0.5099748563634016, 0.42604892821244233, 0.34077147018321163, 0.255283111308491, 0.17072673557408147, 0.08823526219683575, 0.00891953244605681, -0.06614356747756711, -0.13592262051524195, -0.1994427066670298, -0.2557958268419358, -0.3041506111892728, -0.3425105856151786, -0.37226429982213133, -0.393411753810131, -0.4059529475791775, -0.40988788112927094];

describe('savitzkyGolay', () => {
  it("reproduces scipy's documented interp-mode vector exactly", () => {
    closeAll(savitzkyGolay(X, { windowSize: 5, polynomial: 2 }), INTERP, 12);
  });

  it("agrees with scipy's nearest mode on every interior point (only the edge rule differs)", () => {
    const ours = savitzkyGolay(X, { windowSize: 5, polynomial: 2 });
    closeAll(ours.slice(2, 7), NEAREST.slice(2, 7), 12);
    expect(ours[0]).not.toBeCloseTo(NEAREST[0]!, 2);
  });

  it("reproduces scipy's first derivative, edges included", () => {
    closeAll(savitzkyGolay(X, { windowSize: 5, polynomial: 2, derivative: 1 }), INTERP_D1, 12);
  });

  it('reproduces scipy for window 11, order 3, with delta, on a smooth curve', () => {
    closeAll(savitzkyGolay(Z, { windowSize: 11, polynomial: 3 }), Z_SG, 9);
    closeAll(savitzkyGolay(Z, { windowSize: 11, polynomial: 3, derivative: 1, delta: 0.1 }), Z_D1, 8);
  });

  it('reproduces a polynomial of its degree exactly, and its derivatives', () => {
    const x = Array.from({ length: 40 }, (_, i) => i * 0.5);
    const quad = x.map((t) => 3 - 2 * t + 0.25 * t * t);
    closeAll(savitzkyGolay(quad, { windowSize: 9 }), quad, 9);
    closeAll(savitzkyGolay(quad, { windowSize: 9, derivative: 1, delta: 0.5 }), x.map((t) => -2 + 0.5 * t), 9);
    closeAll(savitzkyGolay(quad, { windowSize: 9, derivative: 2, delta: 0.5 }), x.map(() => 0.5), 8);
    expect(savitzkyGolay(quad, { windowSize: 9, derivative: 3 })).toEqual(x.map(() => 0));
  });

  it('shrinks the window for short curves and fits one polynomial below 5 points', () => {
    expect(savitzkyGolay([], {})).toEqual([]);
    expect(savitzkyGolay([7])).toEqual([7]);
    closeAll(savitzkyGolay([1, 3]), [1, 3]);
    closeAll(savitzkyGolay([1, 3], { derivative: 1 }), [2, 2]);
    closeAll(savitzkyGolay([1, 2, 4]), [1, 2, 4]);
    // 4 points, degree 2: a least-squares parabola (scipy interp with window 3 differs; ours is documented).
    const four = savitzkyGolay([1, 2, 4, 3]);
    expect(four).toHaveLength(4);
    four.forEach((v) => expect(Number.isFinite(v)).toBe(true));
    // A window of 11 on 7 points shrinks to 7: one parabola over the whole curve.
    const seven = [5, 3, 2, 1.5, 2, 3, 5.5];
    closeAll(savitzkyGolay(seven, { windowSize: 11 }), savitzkyGolay(seven, { windowSize: 7 }), 12);
    closeAll(savitzkyGolay(seven, { windowSize: 11, polynomial: 4 }).slice(0, 1), savitzkyGolay(seven, { windowSize: 7, polynomial: 4 }).slice(0, 1), 12);
  });

  it('validates its options eagerly', () => {
    expect(() => savitzkyGolay(X, { windowSize: 4 })).toThrow(/windowSize must be an odd integer ≥ 5, got 4/);
    expect(() => savitzkyGolay(X, { windowSize: 3 })).toThrow(RangeError);
    expect(() => savitzkyGolay(X, { polynomial: 0 })).toThrow(/polynomial must be an integer ≥ 1, got 0/);
    expect(() => savitzkyGolay(X, { windowSize: 5, polynomial: 5 })).toThrow(/polynomial must be < windowSize \(5\), got 5/);
    expect(() => savitzkyGolay(X, { derivative: -1 })).toThrow(/derivative must be an integer ≥ 0, got -1/);
    expect(() => savitzkyGolay(X, { delta: 0 })).toThrow(/delta must be a finite non-zero number, got 0/);
  });
});

describe('defaultWindowSize', () => {
  it('is an odd tenth of the curve between 5 and 101', () => {
    expect(defaultWindowSize(100)).toBe(11);
    expect(defaultWindowSize(130)).toBe(13);
    expect(defaultWindowSize(10)).toBe(5);
    expect(defaultWindowSize(10_000)).toBe(101);
  });
});

describe('savitzkyGolayDerivative (per decade of lr)', () => {
  const line = (lrs: number[]): number[] => lrs.map((lr) => 4 - 0.5 * Math.log10(lr));

  it('uses the even log spacing of an exponential sweep', () => {
    const lrs = Array.from({ length: 50 }, (_, i) => 1e-6 * Math.pow(10, (7 * i) / 49));
    closeAll(savitzkyGolayDerivative(lrs, line(lrs)), lrs.map(() => -0.5), 9);
  });

  it('differentiates on the actual log10 lr of an uneven (linear) sweep', () => {
    const lrs = Array.from({ length: 50 }, (_, i) => 0.01 + i * 0.02);
    closeAll(savitzkyGolayDerivative(lrs, line(lrs)), lrs.map(() => -0.5), 9);
  });

  it('handles short curves and checks lengths', () => {
    expect(savitzkyGolayDerivative([1], [2])).toEqual([0]);
    closeAll(savitzkyGolayDerivative([0.1, 1], [3, 2]), [-1, -1]);
    expect(() => savitzkyGolayDerivative([1, 2], [1])).toThrow(/lrs must have 1 values like values, got 2/);
  });
});
