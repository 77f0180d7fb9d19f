import { describe, expect, it } from 'vitest';
import type { SeriesPoint } from '../../../electron/core/history/types';
import { DAY, HOUR, figures, hourWindow, snapshotOf, tempHistory } from './helpers';

const DAY1 = Date.parse('2026-03-01T00:00:00Z');

/** One model "m" with one class "c"; the workspace says `errors` errors. */
function hour(startMs: number, inferences: number, confidence: number, latency: number, detections: number, median: number, errors: number | null = null) {
  return snapshotOf({ start: new Date(startMs), end: new Date(startMs + HOUR) }, figures(inferences, errors, confidence, latency), [
    { model: 'm', className: 'c', current: figures(inferences, null, confidence, latency), detections, median },
  ]);
}

const points = (list: SeriesPoint[]) => list.map((p) => [p.at.toISOString(), p.value]);

describe('series', () => {
  it('gives one point per hour in the range, null where nothing is stored', () => {
    const { store } = tempHistory();
    store.saveHour(hour(DAY1 + 10 * HOUR, 10, 0.9, 0.1, 20, 0.9, 1), new Date(DAY1 + 11 * HOUR), true);
    store.saveHour(hour(DAY1 + 12 * HOUR, 30, 0.5, 0.3, 10, 0.5, 0), new Date(DAY1 + 13 * HOUR), true);
    const range = { from: new Date(DAY1 + 10 * HOUR), to: new Date(DAY1 + 13 * HOUR) };
    expect(points(store.series({ scope: { level: 'class', model: 'm', className: 'c' }, metric: 'avgConfidence', ...range }))).toEqual([
      ['2026-03-01T10:00:00.000Z', 0.9],
      ['2026-03-01T11:00:00.000Z', null],
      ['2026-03-01T12:00:00.000Z', 0.5],
    ]);
    expect(points(store.series({ scope: { level: 'workspace' }, metric: 'errorRate', ...range })).map(([, v]) => v)).toEqual([1 / 11, null, 0]);
    expect(points(store.series({ scope: { level: 'model', model: 'm' }, metric: 'detections', ...range })).map(([, v]) => v)).toEqual([20, null, 10]);
    expect(points(store.series({ scope: { level: 'model', model: 'm' }, metric: 'medianConfidence', ...range })).map(([, v]) => v)).toEqual([null, null, null]);
    expect(points(store.series({ scope: { level: 'model', model: 'unknown' }, metric: 'inferences', ...range })).map(([, v]) => v)).toEqual([null, null, null]);
  });

  it('takes buckets whose start lies in [from, to)', () => {
    const { store } = tempHistory();
    const list = store.series({ scope: { level: 'workspace' }, metric: 'inferences', from: new Date(DAY1 + 30 * 60_000), to: new Date(DAY1 + 3 * HOUR) });
    expect(list.map((p) => p.at.getTime())).toEqual([DAY1 + HOUR, DAY1 + 2 * HOUR]);
  });

  it('is hourly up to 7 days and daily beyond, unless told', () => {
    const { store } = tempHistory();
    const scope = { level: 'workspace' } as const;
    expect(store.series({ scope, metric: 'inferences', from: new Date(DAY1), to: new Date(DAY1 + 7 * DAY) })).toHaveLength(168);
    expect(store.series({ scope, metric: 'inferences', from: new Date(DAY1), to: new Date(DAY1 + 7 * DAY + HOUR) })).toHaveLength(8); // day 8 starts before `to`
    expect(store.series({ scope, metric: 'inferences', from: new Date(DAY1), to: new Date(DAY1 + 2 * DAY), resolution: 'day' })).toHaveLength(2);
    expect(store.series({ scope, metric: 'inferences', from: new Date(DAY1), to: new Date(DAY1 + 30 * DAY), resolution: 'hour' })).toHaveLength(720);
  });

  it('aggregates a day: counts summed, confidence per detection, latency per inference, median weighted', () => {
    const { store } = tempHistory();
    store.saveHour(hour(DAY1 + 10 * HOUR, 10, 0.9, 0.1, 20, 0.9, 1), new Date(DAY1 + 11 * HOUR), true);
    store.saveHour(hour(DAY1 + 12 * HOUR, 30, 0.5, 0.3, 10, 0.5, 3), new Date(DAY1 + 13 * HOUR), true);
    const day = (metric: Parameters<typeof store.series>[0]['metric'], level: 'workspace' | 'class' = 'class') =>
      store.series({ scope: level === 'workspace' ? { level } : { level, model: 'm', className: 'c' }, metric, from: new Date(DAY1), to: new Date(DAY1 + DAY), resolution: 'day' })[0]?.value;
    expect(day('inferences')).toBe(40);
    expect(day('detections')).toBe(30);
    expect(day('avgConfidence')).toBe(0.766667); // (0.9 × 20 + 0.5 × 10) / 30, in whole micro-units
    expect(day('avgResponseTimeSeconds')).toBe(0.25); // (0.1 × 10 + 0.3 × 30) / 40
    expect(day('medianConfidence')).toBe(0.9); // the hour holding most detections
    expect(day('errors')).toBeNull(); // the class rows say nothing about errors
    expect(day('errors', 'workspace')).toBe(4);
    expect(day('errorRate', 'workspace')).toBe(4 / 44);
  });

  it('reads one seamless daily series across rolled-up and hourly days', () => {
    const { store } = tempHistory();
    // Ten days of three hours each, then roll up the first five.
    for (let d = 0; d < 10; d++) {
      for (const [h, inferences] of [
        [3, 10 + d],
        [9, 20],
        [15, 5 * d],
      ] as const) {
        store.saveHour(hour(DAY1 + d * DAY + h * HOUR, inferences, 0.5 + d / 100 + h / 1000, 0.1 + h / 100, inferences * 2, 0.6), new Date(DAY1 + d * DAY + (h + 1) * HOUR), true);
      }
    }
    const query = { scope: { level: 'class', model: 'm', className: 'c' }, from: new Date(DAY1 - DAY), to: new Date(DAY1 + 11 * DAY) } as const;
    const metrics = ['inferences', 'avgConfidence', 'avgResponseTimeSeconds', 'medianConfidence', 'detections'] as const;
    const before = metrics.map((metric) => store.series({ ...query, metric }));
    const report = store.prune(new Date(DAY1 + 95 * DAY), { hourlyDays: 90, dailyDays: 730, snapshotFullDays: 7 });
    expect(report).toMatchObject({ hourlyRolledUp: 5 * 3 * 3, done: true }); // 5 days × 3 hours × (workspace, model, class)
    expect(store.hourlyBuckets({ start: new Date(DAY1), end: new Date(DAY1 + 5 * DAY) })).toEqual([]);
    expect(store.hourlyBuckets({ start: new Date(DAY1 + 5 * DAY), end: new Date(DAY1 + 10 * DAY) })).toHaveLength(5 * 3 * 3);
    const after = metrics.map((metric) => store.series({ ...query, metric }));
    expect(after).toEqual(before);
    expect(after[0]?.map((p) => p.value)).toEqual([null, 30, 36, 42, 48, 54, 60, 66, 72, 78, 84, null]); // (10 + d) + 20 + 5d
  });

  it('takes the hourly value of the window a sparkline asks for', () => {
    const { store } = tempHistory();
    store.saveHour(hour(DAY1, 7, 0.8, 0.2, 7, 0.8), new Date(DAY1 + HOUR), false);
    const [point] = store.series({ scope: { level: 'class', model: 'm', className: 'c' }, metric: 'inferences', from: hourWindow('2026-03-01T00:00:00Z').start, to: hourWindow('2026-03-01T00:00:00Z').end });
    expect(point).toEqual({ at: new Date(DAY1), value: 7 });
  });
});

describe('series of a model that goes silent', () => {
  const M = { level: 'model', model: 'm' } as const;
  const MC = { level: 'class', model: 'm', className: 'c' } as const;
  const row = (model: string, className: string, inferences: number) => ({ model, className, current: figures(inferences, null, 0.8, 0.2), detections: inferences, median: 0.8 });
  const window = (h: number) => ({ start: new Date(DAY1 + h * HOUR), end: new Date(DAY1 + (h + 1) * HOUR) });
  /**
   * Hours 1-3: models m (class c) and n (class d). Hour 4: the answer still names m, for its
   * previous-period traffic, with a null count (the API's "nothing"), and stores that row. Hour
   * 5, still running: n only. Hour 6: never fetched.
   */
  function silentAfterHour3() {
    const { store } = tempHistory();
    for (const [h, m] of [
      [1, 10],
      [2, 20],
      [3, 30],
    ] as const) {
      store.saveHour(snapshotOf(window(h), figures(m + 5, 0, 0.8, 0.2), [row('m', 'c', m), row('n', 'd', 5)]), new Date(DAY1 + (h + 1) * HOUR), true);
    }
    const named = { model: 'm', className: 'c', current: figures(null, null, null, null), previous: figures(30, null, 0.8, 0.2), detections: null };
    store.saveHour(snapshotOf(window(4), figures(0, 0, null, null), [named]), new Date(DAY1 + 5 * HOUR), true);
    store.saveHour(snapshotOf(window(5), figures(5, 0, 0.8, 0.2), [row('n', 'd', 5)]), new Date(DAY1 + 5 * HOUR + 20 * 60_000), false);
    return store;
  }
  const range = { from: new Date(DAY1 + HOUR), to: new Date(DAY1 + 7 * HOUR) };
  type Query = Parameters<ReturnType<typeof silentAfterHour3>['series']>[0];
  const values = (store: ReturnType<typeof silentAfterHour3>, scope: Query['scope'], metric: Query['metric']) => store.series({ scope, metric, ...range }).map((p) => p.value);

  it('counts 0 inferences in hours fetched without it, with no means there; an hour never fetched stays null', () => {
    const store = silentAfterHour3();
    expect(values(store, M, 'inferences')).toEqual([10, 20, 30, 0, 0, null]);
    expect(values(store, MC, 'inferences')).toEqual([10, 20, 30, 0, 0, null]);
    for (const metric of ['avgConfidence', 'medianConfidence', 'avgResponseTimeSeconds', 'errorRate', 'detections'] as const) {
      expect(values(store, M, metric).slice(3), metric).toEqual([null, null, null]);
      expect(values(store, MC, metric).slice(3), metric).toEqual([null, null, null]);
    }
    expect(values(store, M, 'avgConfidence').slice(0, 3)).toEqual([0.8, 0.8, 0.8]);
    // The workspace reads as stored; a model the history never saw says nothing.
    expect(values(store, { level: 'workspace' }, 'inferences')).toEqual([15, 25, 35, 0, 5, null]);
    expect(values(store, { level: 'model', model: 'never' }, 'inferences')).toEqual([null, null, null, null, null, null]);
  });

  it('stores only what the answers said: the zeros are read, not written', () => {
    const store = silentAfterHour3();
    const stored = store.hourlyBuckets({ start: new Date(DAY1 + 4 * HOUR), end: new Date(DAY1 + 6 * HOUR) }, M);
    expect(stored).toMatchObject([{ hour: new Date(DAY1 + 4 * HOUR), inferences: null, errors: 0 }]); // hour 4's row, as named; none for hour 5
  });

  it('reads the same once the hours are filed from pending into the hourly table', () => {
    const store = silentAfterHour3();
    const before = values(store, M, 'inferences');
    store.prune(new Date(DAY1 + 6 * HOUR), { hourlyDays: 90, dailyDays: 730, snapshotFullDays: 7 });
    expect(values(store, M, 'inferences')).toEqual(before);
  });

  it('counts 0 for a day fetched without it, hourly or rolled up, and null for a day never fetched', () => {
    const store = silentAfterHour3();
    store.saveHour(snapshotOf(window(24 + 3), figures(5, 0, 0.8, 0.2), [row('n', 'd', 5)]), new Date(DAY1 + DAY + 4 * HOUR), true);
    store.saveHour(snapshotOf(window(72 + 3), figures(5, 0, 0.8, 0.2), [row('n', 'd', 5)]), new Date(DAY1 + 3 * DAY + 4 * HOUR), true);
    const days = (metric: Query['metric']) => store.series({ scope: M, metric, from: new Date(DAY1), to: new Date(DAY1 + 4 * DAY), resolution: 'day' }).map((p) => p.value);
    expect(days('inferences')).toEqual([60, 0, null, 0]);
    expect(days('avgConfidence')).toEqual([0.8, null, null, null]);
    store.prune(new Date(DAY1 + 95 * DAY), { hourlyDays: 90, dailyDays: 730, snapshotFullDays: 7 });
    expect(days('inferences')).toEqual([60, 0, null, 0]);
  });
});
