import { deflateRawSync } from 'node:zlib';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { PayloadError, decodeSnapshot, encodeSnapshot } from '../../../electron/core/history/snapshot-codec';
import type { SeriesScope } from '../../../electron/core/history/types';
import type { ClassStats, Figures, ModelStats, StatsSnapshot } from '../../../electron/core/stats/types';
import { DAY, DEMO_START, HOUR, seedSnapshot, simSnapshot } from './helpers';

/** An in-memory stand-in for the series table. */
function registry() {
  const ids = new Map<string, number>();
  const scopes = new Map<number, SeriesScope>();
  let next = 1;
  return {
    idOf(scope: SeriesScope): number {
      const key = JSON.stringify(scope);
      let id = ids.get(key);
      if (id === undefined) {
        id = next++;
        ids.set(key, id);
        scopes.set(id, scope);
      }
      return id;
    },
    scopeOf: (id: number) => scopes.get(id),
  };
}

function roundTrip(snapshot: StatsSnapshot): { decoded: StatsSnapshot; bytes: number } {
  const series = registry();
  const { columns, payload } = encodeSnapshot(snapshot, (scope) => series.idOf(scope));
  return { decoded: decodeSnapshot(columns, payload, series.scopeOf), bytes: payload.length };
}

/** Equal, except averages, which may differ by at most 1e-6 (and keep their nullness). */
function expectClose(actual: StatsSnapshot, expected: StatsSnapshot): void {
  const close = (a: number | null, b: number | null, what: string) => {
    if (b === null) expect(a, what).toBeNull();
    else {
      expect(a, what).not.toBeNull();
      expect(Math.abs((a ?? NaN) - b), what).toBeLessThanOrEqual(1e-6);
    }
  };
  const figures = (a: Figures, b: Figures, what: string) => {
    expect(a.inferences, what).toBe(b.inferences);
    expect(a.errors, what).toBe(b.errors);
    close(a.avgConfidence, b.avgConfidence, `${what} avgConfidence`);
    close(a.avgResponseTimeSeconds, b.avgResponseTimeSeconds, `${what} avgResponseTimeSeconds`);
  };
  expect(actual.window).toEqual(expected.window);
  expect(actual.previousWindow).toEqual(expected.previousWindow);
  figures(actual.totals.current, expected.totals.current, 'totals.current');
  figures(actual.totals.previous, expected.totals.previous, 'totals.previous');
  expect(actual.models).toEqual(expected.models);
  expect(actual.classes).toHaveLength(expected.classes.length);
  expected.classes.forEach((row, i) => {
    const got = actual.classes[i] as ClassStats;
    expect({ ...got, current: null, previous: null, medianConfidence: null }).toEqual({ ...row, current: null, previous: null, medianConfidence: null });
    figures(got.current, row.current, `classes[${i}].current`);
    figures(got.previous, row.previous, `classes[${i}].previous`);
    close(got.medianConfidence, row.medianConfidence, `classes[${i}].medianConfidence`);
  });
}

// --- arbitraries: any snapshot the parser could produce, and then some ------------------------

const count = fc.option(fc.oneof(fc.nat({ max: 5_000_000 }), fc.constantFrom(0, 1, 2 ** 40), fc.double({ min: 0, max: 1e6, noNaN: true })), { nil: null });
const confidence = fc.option(fc.double({ min: 0, max: 1, noNaN: true }), { nil: null });
const seconds = fc.option(fc.oneof(fc.double({ min: 0, max: 30, noNaN: true }), fc.double({ min: 0, max: 1e6, noNaN: true })), { nil: null });
const figuresArb: fc.Arbitrary<Figures> = fc.record({ inferences: count, errors: count, avgConfidence: confidence, avgResponseTimeSeconds: seconds });
const name = fc.oneof(fc.string({ maxLength: 12 }), fc.constantFrom('', 'helmet', 'a,b', '=cmd', 'naïve ✓', '"quoted"'));
const list = fc.uniqueArray(fc.string({ minLength: 1, maxLength: 8 }), { maxLength: 3 });

const snapshotArb: fc.Arbitrary<StatsSnapshot> = fc
  .record({
    start: fc.integer({ min: 0, max: 4_000_000_000 }).map((s) => s * 1000),
    length: fc.constantFrom(HOUR, DAY, 7 * DAY, 1000),
    previousShift: fc.constantFrom(0, 0, 0, 5000),
    totals: fc.record({ current: figuresArb, previous: figuresArb }),
    models: fc.uniqueArray(fc.record({ model: name, current: count, previous: count, deploymentTypes: list, serverVersions: list }), { selector: (m) => m.model, maxLength: 6 }),
    rows: fc.array(
      fc.record({
        modelIndex: fc.nat(),
        className: name,
        current: figuresArb,
        previous: figuresArb,
        medianConfidence: confidence,
        detections: count,
        deploymentTypes: list,
        serverVersions: list,
      }),
      { maxLength: 30 },
    ),
  })
  .map(({ start, length, previousShift, totals, models, rows }): StatsSnapshot => {
    const modelStats: ModelStats[] = models.map((m) => ({ model: m.model, inferences: { current: m.current, previous: m.previous }, deploymentTypes: m.deploymentTypes, serverVersions: m.serverVersions }));
    const classes: ClassStats[] =
      modelStats.length === 0
        ? []
        : rows.map((row) => ({
            model: (modelStats[row.modelIndex % modelStats.length] as ModelStats).model,
            className: row.className,
            current: row.current,
            previous: row.previous,
            medianConfidence: row.medianConfidence,
            detections: row.detections,
            deploymentTypes: row.deploymentTypes,
            serverVersions: row.serverVersions,
          }));
    return {
      window: { start: new Date(start), end: new Date(start + length) },
      previousWindow: { start: new Date(start - length - previousShift), end: new Date(start - previousShift) },
      totals,
      models: modelStats,
      classes,
    };
  });

describe('the snapshot codec', () => {
  it('gives back any snapshot: counts, names, lists and windows exactly, averages to 1e-6', () => {
    fc.assert(
      fc.property(snapshotArb, (snapshot) => {
        expectClose(roundTrip(snapshot).decoded, snapshot);
      }),
      { numRuns: 300 },
    );
  });

  it('gives back the seed example', () => {
    const seed = seedSnapshot();
    expectClose(roundTrip(seed).decoded, seed);
  });

  it('gives back simulator answers, one of them a 24 h headline', () => {
    for (const [offset, length] of [
      [0, HOUR],
      [2 * DAY, DAY],
      [3 * DAY + 7 * HOUR, 7 * HOUR],
    ] as const) {
      const start = DEMO_START.getTime() + offset;
      const snapshot = simSnapshot({ start: new Date(start), end: new Date(start + length) });
      expect(snapshot.classes.length).toBeGreaterThan(0);
      expectClose(roundTrip(snapshot).decoded, snapshot);
    }
  });

  it('rounds averages to whole micro-units (never further than 5e-7)', () => {
    const seed = seedSnapshot();
    const { decoded } = roundTrip(seed);
    expect(decoded.classes[0]?.current.avgConfidence).toBe(0.931106);
    expect(decoded.classes[0]?.medianConfidence).toBe(0.92689);
    expect(decoded.totals.current.avgResponseTimeSeconds).toBe(0.164644);
  });

  it('refuses a damaged payload with a PayloadError', () => {
    const series = registry();
    const { columns } = encodeSnapshot(seedSnapshot(), (scope) => series.idOf(scope));
    const payloads = [Buffer.from('not deflated'), deflateRawSync('{"not":"an array"}'), deflateRawSync('[1,[0,0],[null,null,null,null],[],[],[[5],[1],[0],[0],[0]],[]]'), deflateRawSync('[9]')];
    for (const payload of payloads) expect(() => decodeSnapshot(columns, payload, series.scopeOf)).toThrow(PayloadError);
  });
});
