import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  chiSquareGoodnessOfFit,
  chiSquareSurvival,
  ewmaStep,
  ewmaUpperLimit,
  median,
  medianAbsoluteDeviation,
  poissonZ,
  populationStabilityIndex,
  robustZ,
  twoProportionZ,
} from '../../../electron/core/alerts/statistics';

/** |actual − expected| within `relative` of expected. */
function expectRelative(actual: number, expected: number, relative: number): void {
  expect(Math.abs(actual - expected)).toBeLessThanOrEqual(relative * Math.abs(expected));
}

describe('poissonZ', () => {
  it('is (observed − expected) / √expected', () => {
    expect(poissonZ(130, 100)).toBe(3);
    expect(poissonZ(70, 100)).toBe(-3);
    expect(poissonZ(4, 4)).toBe(0);
    expect(poissonZ(0, 0.25)).toBe(-0.5);
  });

  it('is null without a positive, finite expectation', () => {
    expect(poissonZ(5, 0)).toBeNull();
    expect(poissonZ(5, -1)).toBeNull();
    expect(poissonZ(5, Number.NaN)).toBeNull();
    expect(poissonZ(5, Number.POSITIVE_INFINITY)).toBeNull();
    expect(poissonZ(Number.NaN, 5)).toBeNull();
  });

  it('scales as √k when observed and expected are both multiplied by k', () => {
    fc.assert(
      fc.property(
        fc.double({ min: 0, max: 1e6, noNaN: true }),
        fc.double({ min: 1e-3, max: 1e6, noNaN: true }),
        fc.double({ min: 1e-3, max: 1e3, noNaN: true }),
        (observed, expected, k) => {
          const base = poissonZ(observed, expected);
          const scaled = poissonZ(k * observed, k * expected);
          expect(base).not.toBeNull();
          expect(scaled).not.toBeNull();
          expect(Math.abs((scaled ?? 0) - Math.sqrt(k) * (base ?? 0))).toBeLessThanOrEqual(1e-9 * Math.max(1, Math.abs(scaled ?? 0)));
        },
      ),
    );
  });
});

describe('twoProportionZ', () => {
  it('is the pooled z, positive when the first proportion is higher', () => {
    // p1 0.2, p2 0.1, pooled 0.15: z = 0.1 / √(0.15·0.85·(1/100 + 1/100)).
    const z = 0.1 / Math.sqrt(0.15 * 0.85 * 0.02);
    expect(twoProportionZ(20, 100, 10, 100)).toBeCloseTo(z, 12);
    expect(twoProportionZ(10, 100, 20, 100)).toBeCloseTo(-z, 12);
    expect(twoProportionZ(5, 50, 50, 500)).toBeCloseTo(0, 12);
    // Unequal sizes: p1 = 30/200, p2 = 40/1000, pooled 70/1200.
    const pooled = 70 / 1200;
    expect(twoProportionZ(30, 200, 40, 1000)).toBeCloseTo((0.15 - 0.04) / Math.sqrt(pooled * (1 - pooled) * (1 / 200 + 1 / 1000)), 12);
  });

  it('is null for an empty sample, a pooled proportion of 0 or 1, or counts that are not proportions', () => {
    expect(twoProportionZ(0, 0, 5, 100)).toBeNull();
    expect(twoProportionZ(5, 100, 0, 0)).toBeNull();
    expect(twoProportionZ(0, 100, 0, 50)).toBeNull();
    expect(twoProportionZ(100, 100, 50, 50)).toBeNull();
    expect(twoProportionZ(101, 100, 5, 50)).toBeNull();
    expect(twoProportionZ(-1, 100, 5, 50)).toBeNull();
    expect(twoProportionZ(Number.NaN, 100, 5, 50)).toBeNull();
  });

  it('swapping the samples flips the sign', () => {
    fc.assert(
      fc.property(fc.nat(1000), fc.nat(1000), fc.nat(1000), fc.nat(1000), (a, b, c, d) => {
        const [x1, n1, x2, n2] = [Math.min(a, b), Math.max(a, b), Math.min(c, d), Math.max(c, d)];
        const forward = twoProportionZ(x1, n1, x2, n2);
        const backward = twoProportionZ(x2, n2, x1, n1);
        if (forward === null) expect(backward).toBeNull();
        else expect(backward).toBeCloseTo(-forward, 9);
      }),
    );
  });
});

describe('chiSquareSurvival', () => {
  it('matches the critical values of the printed tables', () => {
    // The tables give x to 6 decimals, hence the looser tolerance.
    expectRelative(chiSquareSurvival(3.841459, 1), 0.05, 1e-6);
    expectRelative(chiSquareSurvival(10.827566, 1), 0.001, 1e-6);
    expectRelative(chiSquareSurvival(5.991465, 2), 0.05, 1e-6);
    expectRelative(chiSquareSurvival(16.266236, 3), 0.001, 1e-6);
    expectRelative(chiSquareSurvival(9.487729, 4), 0.05, 1e-6);
    expectRelative(chiSquareSurvival(18.307038, 10), 0.05, 1e-6);
  });

  it('matches reference values to 1e-10, down to p ≈ 1e-300', () => {
    // mpmath at 40 digits, rounded to the nearest double: gammainc(df/2, x/2, inf, regularized=True).
    const cases: [x: number, df: number, p: number][] = [
      [3.841459, 1, 0.04999999465319577],
      [10.827566, 1, 0.0010000000921737463],
      [16.266236, 3, 0.0010000000927189944],
      [1, 1, 0.3173105078629141],
      [1e-8, 1, 0.9999202115440526],
      [0.5, 5, 0.9921232932326296],
      [20, 10, 0.029252688076961072],
      [29, 30, 0.5175966978958985],
      [31, 30, 0.4154071101477917],
      [60, 30, 0.0009206823961486663],
      [100, 50, 3.454931382984864e-5],
      [150, 100, 0.0009039320423540091],
      [500, 499, 0.4789716044812014],
      [0.001, 0.5, 0.8350402492315872],
      [0.02, 0.01, 0.020007060982619368],
      [1300, 1, 1.1303728441492743e-284],
      [1370, 1, 6.942937364643268e-300],
      [1400, 10, 9.920391479800145e-295],
      [2000, 400, 1.6065441803414137e-210],
    ];
    for (const [x, df, p] of cases) expectRelative(chiSquareSurvival(x, df), p, 1e-10);
  });

  it('with 2 degrees of freedom is exp(−x/2), and with 4 exp(−x/2)·(1 + x/2)', () => {
    for (const x of [0.01, 0.5, 1, 2, 5.991465, 10, 50, 200, 700, 1380]) {
      expectRelative(chiSquareSurvival(x, 2), Math.exp(-x / 2), 1e-10);
      expectRelative(chiSquareSurvival(x, 4), Math.exp(-x / 2) * (1 + x / 2), 1e-10);
    }
  });

  it('is 1 at 0 and below, 0 at infinity, and 0 past the doubles', () => {
    expect(chiSquareSurvival(0, 1)).toBe(1);
    expect(chiSquareSurvival(0, 7)).toBe(1);
    expect(chiSquareSurvival(-3, 2)).toBe(1);
    expect(chiSquareSurvival(Number.POSITIVE_INFINITY, 3)).toBe(0);
    expect(chiSquareSurvival(3000, 3)).toBe(0); // 1.6e-650
  });

  it('refuses degrees of freedom that are not positive, and NaN', () => {
    expect(() => chiSquareSurvival(1, 0)).toThrow(RangeError);
    expect(() => chiSquareSurvival(1, -2)).toThrow(RangeError);
    expect(() => chiSquareSurvival(1, Number.NaN)).toThrow(RangeError);
    expect(() => chiSquareSurvival(Number.NaN, 1)).toThrow(RangeError);
  });

  it('is in [0, 1] and does not increase with x', () => {
    fc.assert(
      fc.property(
        fc.double({ min: 0, max: 3000, noNaN: true }),
        fc.double({ min: 0, max: 3000, noNaN: true }),
        fc.oneof(fc.integer({ min: 1, max: 500 }), fc.double({ min: 0.01, max: 50, noNaN: true })),
        (a, b, df) => {
          const low = chiSquareSurvival(Math.min(a, b), df);
          const high = chiSquareSurvival(Math.max(a, b), df);
          for (const p of [low, high]) {
            expect(p).toBeGreaterThanOrEqual(0);
            expect(p).toBeLessThanOrEqual(1);
          }
          expect(low).toBeGreaterThanOrEqual(high * (1 - 1e-12));
        },
      ),
    );
  });
});

describe('chiSquareGoodnessOfFit', () => {
  it('is Pearson\'s statistic on expected counts from the shares', () => {
    // Expected 25, 25, 50: (5² + 5²) / 25 = 2 on 2 df, so p = exp(−1).
    const fit = chiSquareGoodnessOfFit([30, 20, 50], [0.25, 0.25, 0.5]);
    expect(fit?.statistic).toBeCloseTo(2, 12);
    expect(fit?.df).toBe(2);
    expect(fit?.categories).toBe(3);
    expect(fit?.p).toBeCloseTo(Math.exp(-1), 12);
  });

  it('normalises the shares', () => {
    expect(chiSquareGoodnessOfFit([30, 20, 50], [2, 2, 4])).toEqual(chiSquareGoodnessOfFit([30, 20, 50], [0.25, 0.25, 0.5]));
  });

  it('pools the categories expected below minExpected', () => {
    // Expected 50, 40, 3, 2, 5: the 3 and the 2 pool into one of 5 (observed 10).
    const fit = chiSquareGoodnessOfFit([45, 40, 6, 4, 5], [0.5, 0.4, 0.03, 0.02, 0.05]);
    expect(fit?.categories).toBe(4);
    expect(fit?.df).toBe(3);
    expect(fit?.statistic).toBeCloseTo(25 / 50 + 25 / 5, 10);
  });

  it('merges a pool still below minExpected into the smallest remaining category', () => {
    // Expected 50, 46, 2, 2: the pool of 4 joins the 46, leaving (60 vs 50) and (40 vs 50).
    const fit = chiSquareGoodnessOfFit([60, 36, 2, 2], [0.5, 0.46, 0.02, 0.02]);
    expect(fit?.categories).toBe(2);
    expect(fit?.statistic).toBeCloseTo(4, 10);
    expect(fit?.p).toBeCloseTo(chiSquareSurvival(4, 1), 12);
  });

  it('honours minExpected', () => {
    expect(chiSquareGoodnessOfFit([45, 40, 6, 4, 5], [0.5, 0.4, 0.03, 0.02, 0.05], 1)?.categories).toBe(5);
    expect(chiSquareGoodnessOfFit([45, 40, 6, 4, 5], [0.5, 0.4, 0.03, 0.02, 0.05], 0)?.categories).toBe(5);
  });

  it('rejects strongly when a class never seen before appears', () => {
    const fit = chiSquareGoodnessOfFit([495, 495, 10], [0.5, 0.5, 0]);
    expect(fit?.categories).toBe(3);
    expect(fit?.p).toBeLessThan(1e-10);
    // Even a small newcomer among many small categories is not pooled away.
    const crowded = chiSquareGoodnessOfFit([400, 400, 1, 1, 1, 1, 3], [0.5, 0.495, 0.001, 0.001, 0.001, 0.002, 0]);
    expect(crowded?.p).toBeLessThan(1e-10);
  });

  it('leaves out unseen classes that are still unseen', () => {
    const fit = chiSquareGoodnessOfFit([500, 500, 0], [0.5, 0.5, 0]);
    expect(fit?.categories).toBe(2);
    expect(fit?.statistic).toBe(0);
    expect(fit?.p).toBe(1);
  });

  it('is null with nothing observed, invalid shares or fewer than 2 categories', () => {
    expect(chiSquareGoodnessOfFit([0, 0], [0.5, 0.5])).toBeNull();
    expect(chiSquareGoodnessOfFit([5, 5], [0, 0])).toBeNull();
    expect(chiSquareGoodnessOfFit([5, 5], [-0.5, 1.5])).toBeNull();
    expect(chiSquareGoodnessOfFit([5, 5], [Number.NaN, 1])).toBeNull();
    expect(chiSquareGoodnessOfFit([5, -1], [0.5, 0.5])).toBeNull();
    expect(chiSquareGoodnessOfFit([100], [1])).toBeNull();
    // Expected 2.5 and 2.5 pool into a single category of 5.
    expect(chiSquareGoodnessOfFit([3, 2], [0.5, 0.5])).toBeNull();
    expect(chiSquareGoodnessOfFit([], [])).toBeNull();
  });

  it('refuses arrays of different lengths and a negative minExpected', () => {
    expect(() => chiSquareGoodnessOfFit([1, 2], [1])).toThrow(RangeError);
    expect(() => chiSquareGoodnessOfFit([1, 2], [1, 1], -1)).toThrow(RangeError);
  });

  it('fits perfectly when the observed counts are proportional to the shares', () => {
    fc.assert(
      fc.property(fc.array(fc.nat(60), { minLength: 1, maxLength: 10 }), fc.integer({ min: 1, max: 50 }), (counts, k) => {
        const fit = chiSquareGoodnessOfFit(
          counts.map((count) => count * k),
          counts,
        );
        if (fit === null) return;
        expect(fit.statistic).toBeLessThan(1e-9);
        expect(fit.p).toBeGreaterThan(0.999);
      }),
    );
  });
});

describe('populationStabilityIndex', () => {
  it('is Σ (a − e)·ln(a / e)', () => {
    expect(populationStabilityIndex([0.5, 0.5], [0.25, 0.75])).toBeCloseTo(0.25 * Math.log(2) - 0.25 * Math.log(0.5 / 0.75), 12);
    expect(populationStabilityIndex([0.3, 0.3, 0.4], [0.3, 0.3, 0.4])).toBe(0);
  });

  it('floors empty categories instead of giving infinity', () => {
    const floor = 1e-4;
    const a = [1 / (1 + floor), floor / (1 + floor)];
    const expected = (a[0]! - 0.5) * Math.log(a[0]! / 0.5) + (a[1]! - 0.5) * Math.log(a[1]! / 0.5);
    expect(populationStabilityIndex([1, 0], [0.5, 0.5])).toBeCloseTo(expected, 12);
    expect(populationStabilityIndex([1, 0], [0.5, 0.5])).toBeCloseTo(4.6, 1);
    expect(populationStabilityIndex([1, 0], [0.5, 0.5], 0.01)).toBeLessThan(populationStabilityIndex([1, 0], [0.5, 0.5]));
  });

  it('normalises counts to shares', () => {
    expect(populationStabilityIndex([50, 50], [25, 75])).toBeCloseTo(populationStabilityIndex([0.5, 0.5], [0.25, 0.75]), 12);
  });

  it('refuses arrays of different lengths, invalid shares and a bad floor', () => {
    expect(() => populationStabilityIndex([1], [0.5, 0.5])).toThrow(RangeError);
    expect(() => populationStabilityIndex([0, 0], [0.5, 0.5])).toThrow(RangeError);
    expect(() => populationStabilityIndex([-1, 2], [0.5, 0.5])).toThrow(RangeError);
    expect(() => populationStabilityIndex([0.5, 0.5], [0.5, 0.5], 0)).toThrow(RangeError);
  });

  it('is 0 or more, and 0 for identical shares', () => {
    const shares = fc.array(fc.double({ min: 0, max: 1000, noNaN: true }), { minLength: 1, maxLength: 12 }).filter((values) => values.some((value) => value > 0));
    fc.assert(
      fc.property(shares, shares, (actual, expected) => {
        const length = Math.min(actual.length, expected.length);
        const a = actual.slice(0, length);
        const e = expected.slice(0, length);
        if (!a.some((value) => value > 0) || !e.some((value) => value > 0)) return;
        expect(populationStabilityIndex(a, e)).toBeGreaterThanOrEqual(0);
        expect(populationStabilityIndex(a, a)).toBe(0);
      }),
    );
  });
});

describe('median, MAD and robustZ', () => {
  it('median is the middle value, or the mean of the two middle ones', () => {
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(median([7])).toBe(7);
    expect(median([])).toBeNull();
  });

  it('does not reorder its input', () => {
    const values = [3, 1, 2];
    median(values);
    expect(values).toEqual([3, 1, 2]);
  });

  it('MAD is the raw median absolute deviation', () => {
    // Median 2; deviations 1, 1, 0, 0, 2, 4, 7; their median 1.
    expect(medianAbsoluteDeviation([1, 1, 2, 2, 4, 6, 9])).toBe(1);
    expect(medianAbsoluteDeviation([5, 5, 5])).toBe(0);
    expect(medianAbsoluteDeviation([])).toBeNull();
  });

  it('robustZ divides by 1.4826·MAD, ignoring outliers in the sample', () => {
    // Median 3, MAD 1 despite the 100.
    expect(robustZ(6, [1, 2, 3, 4, 100], 0.01)).toBeCloseTo(3 / 1.4826, 12);
    expect(robustZ(0, [1, 2, 3, 4, 100], 0.01)).toBeCloseTo(-3 / 1.4826, 12);
  });

  it('robustZ falls back on minScale when the sample is flat', () => {
    expect(robustZ(6, [5, 5, 5], 0.5)).toBe(2);
    expect(robustZ(6, [1, 2, 3, 4, 100], 10)).toBeCloseTo(0.3, 12);
  });

  it('robustZ is null for an empty sample and refuses a minScale of 0', () => {
    expect(robustZ(1, [], 0.1)).toBeNull();
    expect(() => robustZ(1, [1, 2], 0)).toThrow(RangeError);
  });
});

describe('EWMA', () => {
  it('ewmaStep is λ·observation + (1 − λ)·previous', () => {
    expect(ewmaStep(10, 20, 0.3)).toBeCloseTo(13, 12);
    expect(ewmaStep(10, 20, 1)).toBe(20);
  });

  it('ewmaUpperLimit is mean + width·sd·√(λ / (2 − λ))', () => {
    expect(ewmaUpperLimit(1, 0.2, 0.3, 3)).toBeCloseTo(1 + 3 * 0.2 * Math.sqrt(0.3 / 1.7), 12);
    // λ = 1 is a Shewhart chart: mean + width·sd.
    expect(ewmaUpperLimit(1, 0.2, 1, 3)).toBeCloseTo(1.6, 12);
  });

  it('refuses λ outside (0, 1]', () => {
    expect(() => ewmaStep(1, 2, 0)).toThrow(RangeError);
    expect(() => ewmaStep(1, 2, 1.5)).toThrow(RangeError);
    expect(() => ewmaUpperLimit(1, 1, -0.1, 3)).toThrow(RangeError);
  });

  it('a constant series converges on its value', () => {
    let mean = 0;
    for (let i = 0; i < 200; i++) mean = ewmaStep(mean, 5, 0.3);
    expect(mean).toBeCloseTo(5, 12);
  });
});
