// charts.ts imports chart.js and, when it loads, opens a MessageChannel and asks matchMedia: in
// Node, chart.js loads without a DOM, MessageChannel is Node's own and matchMedia is absent (the
// module checks). So it is imported as it is, with no DOM stand-in; only what needs no canvas
// is tested here (the charts themselves are drawn in the browser tests).
import fc from 'fast-check';
import { describe, expect, it, vi } from 'vitest';
import { afterThisFrame, fitSpan, isolated, runs, withAlpha, yRange } from '../../renderer/src/lib/charts';

const EPS = 1e-9;

describe('fitSpan', () => {
  it.each([
    ['wide enough already', [0.2, 0.9], 0.5, [0, 1], [0.2, 0.9]],
    ['exactly as wide as the span', [0.2, 0.7], 0.5, [0, 1], [0.2, 0.7]],
    ['narrow: widened around its middle', [0.8, 0.81], 0.2, [0, 1], [0.705, 0.905]],
    ['narrow near the floor: pushed up from it', [0.01, 0.02], 0.2, [0, 1], [0, 0.2]],
    ['narrow near the ceiling: pushed down from it', [0.98, 0.99], 0.2, [0, 1], [0.8, 1]],
    ['a single value, no limits', [5, 5], 2, [-Infinity, Infinity], [4, 6]],
    ['a span wider than the limits: the limits', [0.5, 0.5], 2, [0, 1], [0, 1]],
    ['wide data past the limits: clipped to them', [-0.5, 1.5], 0.2, [0, 1], [0, 1]],
  ] as const)('%s', (_name, [low, high], span, [lower, upper], [from, to]) => {
    const [a, b] = fitSpan(low, high, span, lower, upper);
    expect(a).toBeCloseTo(from, 12);
    expect(b).toBeCloseTo(to, 12);
  });

  it('stays within the limits, holds the data, and spans at least `span` where the limits allow', () => {
    const value = fc.integer({ min: -1000, max: 1000 }).map((n) => n / 100);
    const input = fc.tuple(value, value, value, value, fc.integer({ min: 1, max: 3000 }).map((n) => n / 100)).map(([a, b, c, d, span]) => {
      const [lower, low, high, upper] = [a, b, c, d].sort((x, y) => x - y);
      return { low: low!, high: high!, lower: lower!, upper: upper!, span };
    });
    fc.assert(
      fc.property(input, ({ low, high, span, lower, upper }) => {
        const [from, to] = fitSpan(low, high, span, lower, upper);
        expect(from).toBeGreaterThanOrEqual(lower - EPS);
        expect(to).toBeLessThanOrEqual(upper + EPS);
        expect(from).toBeLessThanOrEqual(low + EPS);
        expect(to).toBeGreaterThanOrEqual(high - EPS);
        expect(to - from).toBeGreaterThanOrEqual(Math.min(span, upper - lower) - EPS);
      }),
    );
  });
});

describe('yRange', () => {
  it.each([
    ['no values', [], {}, [0, 1]],
    ['only gaps', [null, null], {}, [0, 1]],
    ['only gaps, fixed bounds', [null], { min: 0, max: 100 }, [0, 100]],
    ['the data’s own range', [3, null, 7, 5], {}, [3, 7]],
    ['a fixed floor', [3, 7], { min: 0 }, [0, 7]],
    ['a fixed ceiling', [3, 7], { max: 10 }, [3, 10]],
    ['fixed both ways, whatever the data', [0.2, 2], { min: 0, max: 1 }, [0, 1]],
    ['flat, no bounds: mid-height, ±10%', [5, 5, 5], {}, [4.5, 5.5]],
    ['flat and negative', [-5, -5], {}, [-5.5, -4.5]],
    ['flat at zero', [0, 0], {}, [-1, 1]],
    ['flat from a fixed 0: the line at the top', [5, 5], { min: 0 }, [0, 5]],
    ['flat at a fixed 0', [0, 0], { min: 0 }, [0, 1]],
    ['flat at a fixed floor', [2, 2], { min: 2 }, [2, 4]],
    ['a minimum span around a small move', [0.8, 0.81], { min: 0, max: 1, minSpan: 0.2 }, [0.705, 0.905]],
    ['a minimum span against the ceiling', [0.99, 1], { min: 0, max: 1, minSpan: 0.2 }, [0.8, 1]],
    ['a move wider than the minimum span', [0.3, 0.9], { min: 0, max: 1, minSpan: 0.2 }, [0.3, 0.9]],
    ['a minimum span without bounds', [10, 10], { minSpan: 4 }, [8, 12]],
  ] as const)('%s', (_name, values, bounds, [from, to]) => {
    const [a, b] = yRange(values, bounds);
    expect(a).toBeCloseTo(from, 12);
    expect(b).toBeCloseTo(to, 12);
  });

  const values = fc.array(fc.option(fc.integer({ min: -1e6, max: 1e6 }).map((n) => n / 100), { nil: null }), { maxLength: 30 });

  it('without bounds, is a real range holding every value', () => {
    fc.assert(
      fc.property(values, (series) => {
        const [from, to] = yRange(series, {});
        expect(to).toBeGreaterThan(from);
        for (const v of series) if (v !== null) expect(v >= from && v <= to).toBe(true);
      }),
    );
  });

  it('with a minimum span inside fixed bounds, stays inside them and is at least that wide', () => {
    fc.assert(
      fc.property(values, fc.integer({ min: 1, max: 100 }).map((n) => n / 100), (series, minSpan) => {
        const unit = series.map((v) => (v === null ? null : Math.abs(v) % 1));
        const [from, to] = yRange(unit, { min: 0, max: 1, minSpan });
        expect(from).toBeGreaterThanOrEqual(0);
        expect(to).toBeLessThanOrEqual(1);
        expect(to - from).toBeGreaterThanOrEqual(minSpan - EPS);
      }),
    );
  });
});

describe('isolated', () => {
  it.each([
    [[null, 5, null], 1, true],
    [[5], 0, true],
    [[5, null, 6], 0, true],
    [[5, null, 6], 2, true],
    [[5, 6], 0, false],
    [[5, 6], 1, false],
    [[null, 5, 6], 1, false],
    [[0, null], 0, true],
    [[null], 0, false],
    [[5], 1, false],
    [[5], -1, false],
  ] as const)('%j at %s: %s', (values, index, expected) => {
    expect(isolated(values, index)).toBe(expected);
  });

  it('is a known value with no known neighbour', () => {
    fc.assert(
      fc.property(fc.array(fc.option(fc.integer(), { nil: null })), fc.nat(40), (series, index) => {
        const known = (i: number) => series[i] !== undefined && series[i] !== null;
        return isolated(series, index) === (known(index) && !known(index - 1) && !known(index + 1));
      }),
    );
  });
});

describe('runs (the stretches the area under the line fills)', () => {
  it.each([
    [[], []],
    [[null, null], []],
    [[5], []],
    [[1, 2], [[0, 1]]],
    [[1, 2, null, 3, 4, 5], [[0, 1], [3, 5]]],
    // A lone point between gaps gets a dot, not an area.
    [[1, null, 2, null, 3, 4], [[4, 5]]],
    [[null, 0, 0, null], [[1, 2]]],
  ] as const)('runs(%j) = %j', (values, expected) => {
    expect(runs(values)).toEqual(expected);
  });

  it('covers exactly the known values that have a known neighbour', () => {
    fc.assert(
      fc.property(fc.array(fc.option(fc.integer(), { nil: null }), { maxLength: 40 }), (values) => {
        const covered = new Set(runs(values).flatMap(([first, last]) => Array.from({ length: last - first + 1 }, (_, i) => first + i)));
        values.forEach((value, index) => {
          const neighbour = (values[index - 1] ?? null) !== null || (values[index + 1] ?? null) !== null;
          expect(covered.has(index)).toBe(value !== null && neighbour);
        });
      }),
    );
  });
});

describe('withAlpha', () => {
  it.each([
    ['rgb(75, 63, 196)', 'rgba(75, 63, 196, 0.14)'],
    ['rgba(75, 63, 196, 0.5)', 'rgba(75, 63, 196, 0.14)'],
    ['rgb(75 63 196)', 'rgba(75, 63, 196, 0.14)'],
    ['rgb(75 63 196 / 50%)', 'rgba(75, 63, 196, 0.14)'],
    ['rgb(75.5, 63, 196)', 'rgba(75.5, 63, 196, 0.14)'],
    ['#4b3fc4', '#4b3fc4'],
    ['color(srgb 0.3 0.25 0.77)', 'color(srgb 0.3 0.25 0.77)'],
    ['', ''],
  ])('%j → %j', (color, expected) => {
    expect(withAlpha(color, 0.14)).toBe(expected);
  });

  it('gives any rgb() colour the alpha asked for, keeping its channels', () => {
    const channel = fc.integer({ min: 0, max: 255 });
    fc.assert(
      fc.property(channel, channel, channel, fc.double({ min: 0, max: 1, noNaN: true }), (r, g, b, alpha) => withAlpha(`rgb(${r}, ${g}, ${b})`, alpha) === `rgba(${r}, ${g}, ${b}, ${alpha})`),
    );
  });
});

describe('afterThisFrame (on Node’s own MessageChannel)', () => {
  it('runs the tasks of one turn later, together and in order', async () => {
    const ran: string[] = [];
    const done = new Promise<void>((resolve) => {
      afterThisFrame(() => ran.push('a'));
      afterThisFrame(() => ran.push('b'));
      afterThisFrame(() => resolve());
    });
    ran.push('now');
    await done;
    expect(ran).toEqual(['now', 'a', 'b']);
  });

  // A microtask queued by a task runs when that task's turn ends: before the next task if the
  // slice ended there, after it if the next task ran in the same turn. The clock is ours: task
  // a takes `firstMs` of it (a real busy wait would make the test depend on the machine's load).
  const sliced = async (firstMs: number): Promise<string[]> => {
    let clock = 1000;
    const now = vi.spyOn(performance, 'now').mockImplementation(() => clock);
    const ran: string[] = [];
    try {
      await new Promise<void>((resolve) => {
        afterThisFrame(() => {
          clock += firstMs;
          ran.push('a');
          queueMicrotask(() => ran.push('end of a’s turn'));
        });
        afterThisFrame(() => ran.push('b'));
        afterThisFrame(() => (ran.push('c'), resolve()));
      });
    } finally {
      now.mockRestore();
    }
    return ran;
  };

  it('runs quick tasks in one turn', async () => {
    expect(await sliced(1)).toEqual(['a', 'b', 'c', 'end of a’s turn']);
  });

  it('yields once a slice has taken about a frame, and goes on in a later turn', async () => {
    expect(await sliced(20)).toEqual(['a', 'end of a’s turn', 'b', 'c']);
  });
});
