/**
 * The median by selection over sorted runs against the definition (sort all, add weights up),
 * on data far nastier than a simulation's: many ties, lopsided weights, runs of every size,
 * so that every path (guessed and midpoint pivots, the final walk, the one-run search) runs.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { partOfRun, partialRun, type MinuteRun } from '../../electron/sim/hour-summary';
import { mergeAll } from '../../electron/sim/span-runs';
import { MedianWorkspace, weightedMedianOfRuns, type SortedRun } from '../../electron/sim/weighted-median';
import { referenceWeightedMedian, type WeightedSample } from './reference-median';


function run(samples: readonly WeightedSample[]): SortedRun {
  const sorted = [...samples].sort((a, b) => a.value - b.value);
  const cumulative = new Float64Array(sorted.length + 1);
  sorted.forEach((s, j) => (cumulative[j + 1] = (cumulative[j] ?? 0) + s.weight));
  return { values: Float64Array.from(sorted, (s) => s.value), cumulative, length: sorted.length };
}

const sample = (values: fc.Arbitrary<number>) => fc.record({ value: values, weight: fc.integer({ min: 1, max: 1000 }) });
const values = fc.oneof(
  fc.double({ min: 0, max: 1, noNaN: true, noDefaultInfinity: true }).map((v) => (Object.is(v, -0) ? 0 : v)),
  fc.integer({ min: 0, max: 5 }).map((v) => v / 5), // ties galore
);
const runsOfSamples = fc.array(fc.array(sample(values), { maxLength: 300 }), { maxLength: 40 });

describe('weightedMedianOfRuns', () => {
  it('equals the definition over all the runs\' samples together', () => {
    const work = new MedianWorkspace();
    fc.assert(
      fc.property(runsOfSamples, (parts) => {
        const expected = referenceWeightedMedian(parts.flat());
        expect(weightedMedianOfRuns(parts.map(run))).toBe(expected);
        // A workspace reused across calls of different sizes gives the same.
        expect(weightedMedianOfRuns(parts.map(run), work)).toBe(expected);
      }),
      { numRuns: 500 },
    );
  });

  it('equals the definition when one run dominates or the weights are lopsided', () => {
    fc.assert(
      fc.property(
        fc.array(sample(values), { minLength: 1, maxLength: 2000 }),
        fc.array(fc.array(sample(fc.constantFrom(0, 1)), { maxLength: 3 }), { maxLength: 60 }),
        (big, small) => {
          const heavy = big.map((s, i) => (i % 97 === 0 ? { ...s, weight: s.weight * 100_000 } : s));
          expect(weightedMedianOfRuns([run(heavy), ...small.map(run)])).toBe(referenceWeightedMedian([...heavy, ...small.flat()]));
        },
      ),
      { numRuns: 200 },
    );
  });

  it('is null without samples', () => {
    expect(weightedMedianOfRuns([])).toBeNull();
    expect(weightedMedianOfRuns([run([]), run([])])).toBeNull();
  });
});

describe('runs of spans and of parts of hours', () => {
  it('merge into one sorted run of the same samples', () => {
    fc.assert(
      fc.property(runsOfSamples, (parts) => {
        const merged = mergeAll(parts.map(run));
        const all = parts.flat();
        expect(merged.length).toBe(all.length);
        expect([...merged.values.subarray(0, merged.length)]).toEqual(all.map((s) => s.value).sort((a, b) => a - b));
        expect(merged.cumulative[merged.length]).toBe(all.reduce((sum, s) => sum + s.weight, 0));
        expect(weightedMedianOfRuns([merged])).toBe(referenceWeightedMedian(all));
      }),
      { numRuns: 200 },
    );
  });

  it('keep the minutes asked for, in order, with their weights', () => {
    fc.assert(
      fc.property(fc.array(sample(values), { minLength: 60, maxLength: 60 }), fc.integer({ min: 0, max: 60 }), fc.integer({ min: 0, max: 60 }), (minutes, a, b) => {
        const [from, to] = [Math.min(a, b), Math.max(a, b)];
        const order = minutes.map((_, i) => i).sort((x, y) => (minutes[x]?.value ?? 0) - (minutes[y]?.value ?? 0));
        const sorted = run(order.map((i) => minutes[i] ?? { value: 0, weight: 0 }));
        const hour: MinuteRun = { ...sorted, minutes: Uint8Array.from(order) };
        const part = partOfRun(hour, from, to, partialRun());
        expect(weightedMedianOfRuns([part])).toBe(referenceWeightedMedian(minutes.slice(from, to)));
        expect(part.length).toBe(to - from);
      }),
      { numRuns: 300 },
    );
  });
});
