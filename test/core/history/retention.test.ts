// Retention over a simulated 120 days: hourly rows for every hour, a headline snapshot and a
// poll outcome every 30 minutes.
import { statSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { LocalHistory } from '../../../electron/core/history/open-history';
import type { HourlyBucket, PruneReport, RetentionSettings } from '../../../electron/core/history/types';
import { DEFAULT_RETENTION } from '../../../electron/core/history/types';
import type { StatsSnapshot } from '../../../electron/core/stats/types';
import { DAY, HOUR, figures, seedSnapshot, snapshotOf, tempHistory } from './helpers';

const START = Date.parse('2026-01-01T00:00:00Z');
const DAYS = 120;
const NOW = new Date(START + DAYS * DAY);
const SEED = seedSnapshot();

/** Deterministic, varied figures for hour `h`: two models, three classes. */
function hourSnapshot(h: number): StatsSnapshot {
  const wave = (k: number) => ((h * 7919 + k * 104729) % 97) / 97;
  const rows = [
    { model: 'm1', className: 'a', current: figures(10 + Math.round(wave(1) * 50), null, 0.6 + wave(2) * 0.39, 0.05 + wave(3) * 0.2), detections: 20 + Math.round(wave(4) * 40), median: 0.6 + wave(5) * 0.3 },
    { model: 'm1', className: '', current: figures(Math.round(wave(6) * 5), null, 0, 0), detections: Math.round(wave(6) * 5), median: 0 },
    { model: 'm2', className: 'b', current: figures(1 + Math.round(wave(7) * 9), null, 0.3 + wave(8) * 0.6, 0.1 + wave(9)), detections: 1 + Math.round(wave(10) * 30), median: 0.3 + wave(11) * 0.6 },
  ];
  const inferences = rows.reduce((sum, row) => sum + (row.current.inferences ?? 0), 0);
  return snapshotOf({ start: new Date(START + h * HOUR), end: new Date(START + (h + 1) * HOUR) }, figures(inferences, Math.round(wave(12) * 3), 0.7, 0.12), rows);
}

function fill(store: LocalHistory): void {
  for (let h = 0; h < DAYS * 24; h++) store.saveHour(hourSnapshot(h), new Date(START + (h + 1) * HOUR + 60_000), true);
  for (let t = START; t < NOW.getTime(); t += 30 * 60_000) {
    const fetchedAt = new Date(t + 60_000);
    store.saveSnapshot({ ...SEED, window: { start: new Date(t - DAY), end: new Date(t) }, previousWindow: { start: new Date(t - 2 * DAY), end: new Date(t - DAY) } }, fetchedAt);
    store.recordPoll({ startedAt: new Date(t), durationMs: 800, result: 'ok' });
  }
}

/** Prunes until done, checking every call's budget; returns the reports. */
function pruneUntilDone(store: LocalHistory, retention: RetentionSettings, batchRows: number): PruneReport[] {
  const reports: PruneReport[] = [];
  for (let call = 0; call < 1000; call++) {
    const report = store.prune(NOW, retention, batchRows);
    reports.push(report);
    const rows = report.hourlyRolledUp + report.dailyDeleted + report.snapshotsThinned + (report.snapshotsArchived ?? 0) + (report.snapshotsExpired ?? 0) + (report.pollsDeleted ?? 0) + (report.alertsDeleted ?? 0) + (report.notificationsDeleted ?? 0);
    expect(rows).toBeLessThanOrEqual(batchRows + 24); // a whole day of one series may top the budget up
    if (report.done) return reports;
  }
  throw new Error('prune never reported done');
}

const total = (reports: PruneReport[], key: keyof Omit<PruneReport, 'done'>) => reports.reduce((sum, report) => sum + (report[key] ?? 0), 0);
const SERIES = 6; // workspace, m1, m2, m1/a, m1/'', m2/b

/** The expected daily values of one series, from its hourly buckets, computed independently. */
function expectedDay(hours: HourlyBucket[]) {
  const sum = (pick: (b: HourlyBucket) => number | null) => hours.reduce((total, b) => total + (pick(b) ?? 0), 0);
  const weighted = (value: (b: HourlyBucket) => number | null, weight: (b: HourlyBucket) => number | null) => {
    const known = hours.filter((b) => value(b) !== null && (weight(b) ?? 0) > 0);
    const w = known.reduce((total, b) => total + (weight(b) ?? 0), 0);
    return w === 0 ? null : known.reduce((total, b) => total + (value(b) ?? 0) * (weight(b) ?? 0), 0) / w;
  };
  return {
    inferences: sum((b) => b.inferences),
    detections: sum((b) => b.detections),
    avgConfidence: weighted((b) => b.avgConfidence, (b) => b.detections),
    avgResponseTimeSeconds: weighted((b) => b.avgResponseTimeSeconds, (b) => b.inferences),
  };
}

describe('retention over 120 days', () => {
  it('rolls up old hours into days, thins old snapshots to one per hour, in bounded batches', () => {
    const { store, path } = tempHistory();
    fill(store);
    const oldWindow = { start: new Date(START), end: new Date(START + 30 * DAY) };
    const oldHours = store.hourlyBuckets(oldWindow);
    expect(oldHours).toHaveLength(30 * 24 * SERIES);
    const dailyBefore = store.series({ scope: { level: 'class', model: 'm1', className: 'a' }, metric: 'avgConfidence', from: new Date(START), to: NOW });
    const sizeBefore = statSync(path).size;
    const sample = [START + 3 * DAY + 5 * HOUR + 31 * 60_000, START + 50 * DAY + 23 * HOUR + 31 * 60_000, NOW.getTime() - 8 * DAY + 31 * 60_000].map((t) => store.snapshotAt(new Date(t)));

    const reports = pruneUntilDone(store, DEFAULT_RETENTION, 500);
    expect(reports.length).toBeGreaterThan(5);
    expect(reports.slice(0, -1).every((report) => !report.done)).toBe(true);
    // Days wholly older than 90 days (days 0..29) are rolled up; day 30 onwards stays hourly.
    expect(total(reports, 'hourlyRolledUp')).toBe(30 * 24 * SERIES);
    expect(store.hourlyBuckets(oldWindow)).toEqual([]);
    expect(store.hourlyBuckets({ start: new Date(START + 30 * DAY), end: NOW })).toHaveLength(90 * 24 * SERIES);
    expect(total(reports, 'dailyDeleted')).toBe(0);

    // Each rolled-up day equals the sum and weighted means of its hours.
    for (const scope of [{ level: 'workspace' }, { level: 'model', model: 'm1' }, { level: 'class', model: 'm2', className: 'b' }] as const) {
      for (const day of [0, 17, 29]) {
        const hours = oldHours.filter((b) => JSON.stringify(b.scope) === JSON.stringify(scope) && Math.floor((b.hour.getTime() - START) / DAY) === day);
        expect(hours).toHaveLength(24);
        const expected = expectedDay(hours);
        const value = (metric: 'inferences' | 'detections' | 'avgConfidence' | 'avgResponseTimeSeconds') =>
          store.series({ scope, metric, from: new Date(START + day * DAY), to: new Date(START + (day + 1) * DAY), resolution: 'day' })[0]?.value ?? null;
        expect(value('inferences')).toBe(expected.inferences);
        expect(value('detections')).toBe(expected.detections);
        expect(Math.abs((value('avgConfidence') ?? NaN) - (expected.avgConfidence ?? NaN))).toBeLessThanOrEqual(1e-6);
        expect(Math.abs((value('avgResponseTimeSeconds') ?? NaN) - (expected.avgResponseTimeSeconds ?? NaN))).toBeLessThanOrEqual(1e-6);
      }
    }
    // The long-range series reads the same before and after.
    expect(store.series({ scope: { level: 'class', model: 'm1', className: 'a' }, metric: 'avgConfidence', from: new Date(START), to: NOW })).toEqual(dailyBefore);

    // Snapshots: all of the last 7 days, the last of each hour before.
    const fullFrom = NOW.getTime() - 7 * DAY;
    const thinned = store.snapshotSummaries({ start: new Date(START), end: new Date(fullFrom) });
    expect(thinned).toHaveLength((DAYS - 7) * 24);
    expect(thinned.every((s, i) => s.fetchedAt.getTime() === START + i * HOUR + 31 * 60_000)).toBe(true);
    expect(store.snapshotSummaries({ start: new Date(fullFrom), end: NOW })).toHaveLength(7 * 48);
    expect(total(reports, 'snapshotsThinned')).toBe((DAYS - 7) * 24);
    // Thinned days went to their archives, one day per call, and read back the same.
    expect(total(reports, 'snapshotsArchived')).toBe((DAYS - 7) * 24);
    expect(reports.every((report) => (report.snapshotsArchived ?? 0) <= 24)).toBe(true);
    expect(sample.map((stored) => stored && store.snapshotAt(stored.fetchedAt))).toEqual(sample);
    expect(store.snapshots({ start: new Date(START + 40 * DAY), end: new Date(START + 41 * DAY) }).map((s) => s.snapshot)).toEqual(
      Array.from({ length: 24 }, (_, h) => store.snapshotAt(new Date(START + 40 * DAY + h * HOUR + 31 * 60_000))?.snapshot),
    );
    expect(store.snapshotAt(new Date(START + 10 * DAY + 20 * 60_000))?.fetchedAt).toEqual(new Date(START + 10 * DAY - HOUR + 31 * 60_000));
    expect(store.availability({ start: new Date(START), end: NOW }).polls).toBe(DAYS * 48);

    // Freed pages went back to the file system.
    expect(total(reports, 'pagesReleased')).toBeGreaterThan(0);
    store.close();
    expect(statSync(path).size).toBeLessThan(sizeBefore);
  });

  it('deletes daily rows, snapshots and poll outcomes older than dailyDays; a second run finds nothing', () => {
    const { store } = tempHistory();
    fill(store);
    const retention = { hourlyDays: 90, dailyDays: 100, snapshotFullDays: 7 };
    const reports = pruneUntilDone(store, retention, 5000);
    // Days 0..29 rolled up, then days 0..19 (wholly older than 100 days) deleted.
    expect(total(reports, 'hourlyRolledUp')).toBe(30 * 24 * SERIES);
    expect(total(reports, 'dailyDeleted')).toBe(20 * SERIES);
    const series = store.series({ scope: { level: 'workspace' }, metric: 'inferences', from: new Date(START), to: new Date(START + 40 * DAY), resolution: 'day' });
    expect(series.slice(0, 20).every((p) => p.value === null)).toBe(true);
    expect(series.slice(20).every((p) => p.value !== null)).toBe(true);
    const horizon = new Date(NOW.getTime() - 100 * DAY);
    expect(store.snapshotSummaries({ start: new Date(START), end: horizon })).toEqual([]);
    expect(store.availability({ start: new Date(START), end: horizon }).polls).toBe(0);
    expect(store.availability({ start: horizon, end: NOW }).polls).toBe(100 * 48);
    expect(total(reports, 'pollsDeleted')).toBe(20 * 48);
    expect(store.coverage()?.start).toEqual(horizon);

    expect(store.prune(NOW, retention)).toEqual({ hourlyRolledUp: 0, dailyDeleted: 0, snapshotsThinned: 0, snapshotsArchived: 0, snapshotsExpired: 0, pollsDeleted: 0, alertsDeleted: 0, notificationsDeleted: 0, pagesReleased: 0, done: true });
  });

  it('refuses a bad budget or retention', () => {
    const { store } = tempHistory();
    expect(() => store.prune(NOW, DEFAULT_RETENTION, 0)).toThrow(RangeError);
    expect(() => store.prune(NOW, { ...DEFAULT_RETENTION, hourlyDays: -1 })).toThrow(RangeError);
  });
});
