import { describe, expect, it } from 'vitest';
import type { HourlyBucket } from '../../../electron/core/history/types';
import { HOUR, figures, hourWindow, seedSnapshot, simSnapshot, snapshotOf, tempHistory, DEMO_START } from './helpers';

const micro = (value: number) => Math.round(value * 1e6) / 1e6;
const H10 = hourWindow('2026-11-02T10:00:00Z');
const FETCHED = new Date('2026-11-02T11:00:30Z');

/** Two models: m1 with classes a and b, m2 with x and the no-detection row. */
function twoModels(window = H10, scale = 1) {
  return snapshotOf(window, figures(19 * scale, 1, 0.8, 0.15), [
    { model: 'm1', className: 'a', current: figures(10 * scale, null, 0.9, 0.1), detections: 20 * scale, median: 0.91 },
    { model: 'm1', className: 'b', current: figures(5 * scale, null, 0.6, 0.3), detections: 5 * scale, median: 0.55 },
    { model: 'm2', className: 'x', current: figures(3 * scale, null, 0.5, 0.2), detections: 3 * scale, median: 0.5 },
    { model: 'm2', className: '', current: figures(1 * scale, null, 0, 0), detections: 1 * scale, median: 0 },
  ]);
}

const bucket = (scope: HourlyBucket['scope'], hour: Date, values: [number | null, number | null, number | null, number | null, number | null, number | null], complete: boolean): HourlyBucket => ({
  scope,
  hour,
  inferences: values[0],
  errors: values[1],
  avgConfidence: values[2],
  medianConfidence: values[3],
  avgResponseTimeSeconds: values[4],
  detections: values[5],
  complete,
});

describe('saveHour and hourlyBuckets', () => {
  it('stores the workspace, each model (per-detection averages) and each class row', () => {
    const { store } = tempHistory();
    store.saveHour(twoModels(), FETCHED, true);
    const h = H10.start;
    expect(store.hourlyBuckets(H10)).toEqual([
      bucket({ level: 'workspace' }, h, [19, 1, 0.8, null, 0.15, 29], true),
      bucket({ level: 'model', model: 'm1' }, h, [15, null, 0.84, null, 0.14, 25], true),
      bucket({ level: 'model', model: 'm2' }, h, [4, null, 0.375, null, 0.15, 4], true),
      bucket({ level: 'class', model: 'm1', className: 'a' }, h, [10, null, 0.9, 0.91, 0.1, 20], true),
      bucket({ level: 'class', model: 'm1', className: 'b' }, h, [5, null, 0.6, 0.55, 0.3, 5], true),
      bucket({ level: 'class', model: 'm2', className: '' }, h, [1, null, 0, 0, 0, 1], true),
      bucket({ level: 'class', model: 'm2', className: 'x' }, h, [3, null, 0.5, 0.5, 0.2, 3], true),
    ]);
    expect(store.hourlyBuckets(H10, { level: 'model', model: 'm2' })).toEqual([bucket({ level: 'model', model: 'm2' }, h, [4, null, 0.375, null, 0.15, 4], true)]);
    expect(store.hourlyBuckets(H10, { level: 'model', model: 'nope' })).toEqual([]);
  });

  it('gives a model its errors only when the answer covers that model alone', () => {
    const { store } = tempHistory();
    const only = snapshotOf(H10, figures(15, 2, 0.84, 0.14), [
      { model: 'm1', className: 'a', current: figures(10, null, 0.9, 0.1), detections: 20 },
      { model: 'm1', className: 'b', current: figures(5, null, 0.6, 0.3), detections: 5 },
    ]);
    store.saveHour(only, FETCHED, true);
    expect(store.hourlyBuckets(H10, { level: 'model', model: 'm1' })[0]?.errors).toBe(2);
  });

  it('derives the seed example exactly (previous-only rows store nothing)', () => {
    const { store } = tempHistory();
    const window = hourWindow('2026-11-02T10:00:00Z');
    store.saveHour(seedSnapshot(window), FETCHED, true);
    const buckets = store.hourlyBuckets(window);
    const h = window.start;
    expect(buckets).toEqual([
      bucket({ level: 'workspace' }, h, [120, 0, micro(0.92541713388321), null, micro(0.16464362986438943), 236], true),
      bucket({ level: 'model', model: 'cards-3z9gn' }, h, [107, null, micro((0.931105958703923 * 211) / 212), null, micro((0.176652773857811 * 211) / 212), 212], true),
      bucket({ level: 'model', model: 'coco' }, h, [11, null, micro(0.91790372133255), null, micro(0.0647244118180817), 22], true),
      bucket({ level: 'model', model: 'license-plate-recognition-rxg4e' }, h, [2, null, micro(0.8706022202968597), null, micro(0.07911215199999333), 2], true),
      bucket({ level: 'class', model: 'cards-3z9gn', className: '' }, h, [1, null, 0, 0, 0, 1], true),
      bucket({ level: 'class', model: 'cards-3z9gn', className: 'Playingcards' }, h, [106, null, micro(0.931105958703923), micro(0.9268901944160461), micro(0.176652773857811), 211], true),
      bucket({ level: 'class', model: 'coco', className: 'car' }, h, [11, null, micro(0.91790372133255), micro(0.91790372133255), micro(0.0647244118180817), 22], true),
      bucket({ level: 'class', model: 'license-plate-recognition-rxg4e', className: 'License_Plate' }, h, [2, null, micro(0.8706022202968597), micro(0.8706022202968597), micro(0.07911215199999333), 2], true),
    ]);
  });

  it('stores a simulator hour whose model rows add up to the workspace', () => {
    const { store } = tempHistory();
    const window = { start: new Date(DEMO_START.getTime() + 30 * HOUR), end: new Date(DEMO_START.getTime() + 31 * HOUR) };
    const snapshot = simSnapshot(window);
    store.saveHour(snapshot, new Date(window.end.getTime() + 60_000), true);
    const buckets = store.hourlyBuckets(window);
    const workspace = buckets.find((b) => b.scope.level === 'workspace');
    const models = buckets.filter((b) => b.scope.level === 'model');
    expect(models.map((b) => b.scope.level === 'model' && b.scope.model).sort()).toEqual(snapshot.models.map((m) => m.model).sort());
    expect(models.reduce((sum, b) => sum + (b.inferences ?? 0), 0)).toBe(workspace?.inferences);
    expect(buckets.filter((b) => b.scope.level === 'class')).toHaveLength(snapshot.classes.length);
  });

  it('refreshes an incomplete hour, and a complete hour is final', () => {
    const { store } = tempHistory();
    store.saveHour(twoModels(H10, 1), new Date('2026-11-02T10:20:00Z'), false);
    expect(store.completeHours(H10)).toEqual([]);
    expect(store.hourlyBuckets(H10, { level: 'workspace' })[0]).toMatchObject({ inferences: 19, complete: false });

    store.saveHour(twoModels(H10, 2), new Date('2026-11-02T10:40:00Z'), false);
    expect(store.hourlyBuckets(H10, { level: 'workspace' })[0]).toMatchObject({ inferences: 38, complete: false });

    store.saveHour(twoModels(H10, 3), FETCHED, true);
    expect(store.hourlyBuckets(H10, { level: 'workspace' })[0]).toMatchObject({ inferences: 57, complete: true });
    expect(store.completeHours(H10)).toEqual([H10.start]);

    // Neither a later incomplete nor a later complete answer changes a complete hour.
    store.saveHour(twoModels(H10, 4), new Date('2026-11-02T12:00:00Z'), false);
    store.saveHour(twoModels(H10, 5), new Date('2026-11-02T12:05:00Z'), true);
    const after = store.hourlyBuckets(H10);
    expect(after.every((b) => b.complete)).toBe(true);
    expect(after.find((b) => b.scope.level === 'class' && b.scope.className === 'a')?.inferences).toBe(30);
  });

  it('drops the rows of an earlier partial answer that the final answer no longer has', () => {
    const { store } = tempHistory();
    store.saveHour(twoModels(), new Date('2026-11-02T10:20:00Z'), false);
    const final = snapshotOf(H10, figures(15, 0, 0.84, 0.14), [
      { model: 'm1', className: 'a', current: figures(10, null, 0.9, 0.1), detections: 20 },
      { model: 'm1', className: 'b', current: figures(5, null, 0.6, 0.3), detections: 5 },
    ]);
    store.saveHour(final, FETCHED, true);
    const scopes = store.hourlyBuckets(H10).map((b) => b.scope);
    expect(scopes).toEqual([
      { level: 'workspace' },
      { level: 'model', model: 'm1' },
      { level: 'class', model: 'm1', className: 'a' },
      { level: 'class', model: 'm1', className: 'b' },
    ]);
  });

  it('lists complete hours and buckets whose start lies in the window, in hour order', () => {
    const { store } = tempHistory();
    for (const [iso, complete] of [
      ['2026-11-02T08:00:00Z', true],
      ['2026-11-02T09:00:00Z', false],
      ['2026-11-02T10:00:00Z', true],
      ['2026-11-02T12:00:00Z', true],
    ] as const) {
      store.saveHour(twoModels(hourWindow(iso)), FETCHED, complete);
    }
    const window = { start: new Date('2026-11-02T08:30:00Z'), end: new Date('2026-11-02T12:00:00Z') };
    expect(store.completeHours(window)).toEqual([new Date('2026-11-02T10:00:00Z')]);
    const hours = store.hourlyBuckets(window, { level: 'workspace' }).map((b) => [b.hour.toISOString(), b.complete]);
    expect(hours).toEqual([
      ['2026-11-02T09:00:00.000Z', false],
      ['2026-11-02T10:00:00.000Z', true],
    ]);
    expect(store.hourlyBuckets({ start: new Date('2026-11-02T00:00:00Z'), end: new Date('2026-11-03T00:00:00Z') })).toHaveLength(4 * 7);
  });

  it('refuses a window that is not exactly one UTC hour, storing nothing', () => {
    const { store } = tempHistory();
    const shifted = { start: new Date('2026-11-02T10:30:00Z'), end: new Date('2026-11-02T11:30:00Z') };
    const long = { start: new Date('2026-11-02T10:00:00Z'), end: new Date('2026-11-02T12:00:00Z') };
    expect(() => store.saveHour(twoModels(shifted), FETCHED, true)).toThrow(RangeError);
    expect(() => store.saveHour(twoModels(long), FETCHED, true)).toThrow(/exactly one UTC hour/);
    expect(store.hourlyBuckets({ start: new Date(0), end: new Date('2030-01-01T00:00:00Z') })).toEqual([]);
  });

  it('reads the same once retention has filed the hours into the hourly table', () => {
    const { store } = tempHistory();
    const h9 = hourWindow('2026-11-02T09:00:00Z');
    store.saveHour(twoModels(h9), FETCHED, true);
    store.saveHour(twoModels(H10, 2), FETCHED, false);
    const day = { start: new Date('2026-11-02T00:00:00Z'), end: new Date('2026-11-03T00:00:00Z') };
    const before = store.hourlyBuckets(day);
    const series = () => store.series({ scope: { level: 'model', model: 'm1' }, metric: 'avgConfidence', from: day.start, to: day.end });
    const seriesBefore = series();
    expect(store.prune(new Date('2026-11-02T11:05:00Z')).done).toBe(true);
    expect(store.hourlyBuckets(day)).toEqual(before);
    expect(series()).toEqual(seriesBefore);
    expect(store.completeHours(day)).toEqual([h9.start]);
    // The complete hour is final whether filed or not; the open one still takes updates.
    store.saveHour(twoModels(h9, 5), FETCHED, true);
    store.saveHour(twoModels(H10, 3), FETCHED, true);
    expect(store.hourlyBuckets(day, { level: 'workspace' }).map((b) => [b.inferences, b.complete])).toEqual([
      [19, true],
      [57, true],
    ]);
  });

  it('rolls up an hour that never completed as it is, once it is older than the hourly retention', () => {
    const { store } = tempHistory();
    store.saveHour(twoModels(H10, 1), FETCHED, false);
    const retention = { hourlyDays: 9, dailyDays: 730, snapshotFullDays: 7 };
    // Nine days on, the hour's day is not wholly older than nine days: still an open hour.
    expect(store.prune(new Date('2026-11-11T12:00:00Z'), retention)).toMatchObject({ hourlyRolledUp: 0, done: true });
    expect(store.hourlyBuckets(H10, { level: 'workspace' })).toEqual([bucket({ level: 'workspace' }, H10.start, [19, 1, 0.8, null, 0.15, 29], false)]);
    // A day later it is: filed and rolled up with the figures it had.
    expect(store.prune(new Date('2026-11-12T00:00:00Z'), retention)).toMatchObject({ hourlyRolledUp: 7, done: true });
    expect(store.hourlyBuckets(H10)).toEqual([]);
    expect(store.completeHours(H10)).toEqual([]);
    const day = { scope: { level: 'workspace' }, metric: 'inferences', from: new Date('2026-11-02T00:00:00Z'), to: new Date('2026-11-03T00:00:00Z'), resolution: 'day' } as const;
    expect(store.series(day)[0]?.value).toBe(19);
    // A daily row is final: a late answer for the hour changes nothing there.
    store.saveHour(twoModels(H10, 2), FETCHED, true);
    expect(store.series(day)[0]?.value).toBe(19);
  });
});

