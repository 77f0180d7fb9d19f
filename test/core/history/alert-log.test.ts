// The alert log (schema v2): alerts from firing to resolution, notifications, snoozes, their
// retention, damaged rows, read-only files, and the upgrade of a v1 history.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'libsql';
import { describe, expect, it } from 'vitest';
import type { AlertEvent, AlertKey, AlertNotification } from '../../../electron/core/alerts/types';
import { connect } from '../../../electron/core/history/connection';
import { MIGRATIONS, SCHEMA_VERSION } from '../../../electron/core/history/migrations';
import { historyOn, openHistory } from '../../../electron/core/history/open-history';
import { DAY, HOUR, caught, hourWindow, seedSnapshot, tempDir, tempHistory, track } from './helpers';

const sha = (path: string) => createHash('sha256').update(readFileSync(path)).digest('hex');
const T = (iso: string) => new Date(iso);
const ALL = { start: new Date(0), end: T('2030-01-01T00:00:00Z') };

const CONFIDENCE: AlertKey = { rule: 'ConfidenceDrop', model: 'hard-hat', className: 'helmet' };
const SILENT: AlertKey = { rule: 'ModelSilent', model: 'hard-hat', className: null };
const NO_DETECTION: AlertKey = { rule: 'ClassMixShift', model: 'hard-hat', className: '' };
const MONITOR: AlertKey = { rule: 'MonitorUnavailable', model: null, className: null };

function firing(key: AlertKey, iso: string, overrides: Partial<AlertEvent> = {}): AlertEvent {
  return { at: T(iso), event: 'firing', key, severity: 'warning', message: `${key.model ?? 'workspace'}: ${key.rule} since ${iso}`, figures: { current: 0.66, baseline: 0.86 }, startedAt: T(iso), ...overrides };
}

function resolved(key: AlertKey, startedIso: string, iso: string, overrides: Partial<AlertEvent> = {}): AlertEvent {
  return { at: T(iso), event: 'resolved', key, severity: 'warning', message: `${key.model ?? 'workspace'}: ${key.rule} back to normal`, figures: { current: 0.85 }, startedAt: T(startedIso), ...overrides };
}

function notification(iso: string, alerts: readonly AlertKey[], overrides: Partial<AlertNotification> = {}): AlertNotification {
  return { at: T(iso), kind: 'alert', model: 'hard-hat', severity: 'critical', title: 'hard-hat: helmet confidence down', body: 'helmet confidence 0.86 → 0.66 in the last hour', alerts, ...overrides };
}

describe('alerts', () => {
  it('records a firing, then its resolution, with figures and messages', () => {
    const { store } = tempHistory();
    const id = store.recordAlertFiring(firing(CONFIDENCE, '2026-11-02T10:05:00Z', { severity: 'critical', figures: { current: 0.66, baseline: 0.86, className: 'helmet', note: null } }));
    expect(store.activeAlerts()).toEqual([
      {
        id,
        key: CONFIDENCE,
        severity: 'critical',
        startedAt: T('2026-11-02T10:05:00Z'),
        endedAt: null,
        message: 'hard-hat: ConfidenceDrop since 2026-11-02T10:05:00Z',
        resolvedMessage: null,
        figures: { current: 0.66, baseline: 0.86, className: 'helmet', note: null },
        endFigures: null,
        acknowledgedAt: null,
      },
    ]);

    store.recordAlertResolved(resolved(CONFIDENCE, '2026-11-02T10:05:00Z', '2026-11-02T12:35:00Z', { figures: { current: 0.85, baseline: 0.86 } }));
    expect(store.activeAlerts()).toEqual([]);
    expect(store.alerts(ALL)).toEqual([
      expect.objectContaining({
        id,
        startedAt: T('2026-11-02T10:05:00Z'),
        endedAt: T('2026-11-02T12:35:00Z'),
        message: 'hard-hat: ConfidenceDrop since 2026-11-02T10:05:00Z',
        resolvedMessage: 'hard-hat: ConfidenceDrop back to normal',
        figures: { current: 0.66, baseline: 0.86, className: 'helmet', note: null },
        endFigures: { current: 0.85, baseline: 0.86 },
      }),
    ]);
  });

  it('keeps two alerts of the same key at different times, and resolves only the active one', () => {
    const { store } = tempHistory();
    const first = store.recordAlertFiring(firing(SILENT, '2026-11-02T10:00:00Z'));
    store.recordAlertResolved(resolved(SILENT, '2026-11-02T10:00:00Z', '2026-11-02T11:00:00Z'));
    const second = store.recordAlertFiring(firing(SILENT, '2026-11-03T08:00:00Z', { message: 'again' }));
    expect(second).not.toBe(first);
    store.recordAlertResolved(resolved(SILENT, '2026-11-03T08:00:00Z', '2026-11-03T09:30:00Z', { message: 'back again' }));

    const alerts = store.alerts(ALL);
    expect(alerts.map((alert) => [alert.id, alert.endedAt?.toISOString(), alert.resolvedMessage])).toEqual([
      [second, '2026-11-03T09:30:00.000Z', 'back again'],
      [first, '2026-11-02T11:00:00.000Z', 'hard-hat: ModelSilent back to normal'],
    ]);
  });

  it('keeps one active alert per key: a repeated firing returns the one already recorded', () => {
    const { store } = tempHistory();
    const id = store.recordAlertFiring(firing(SILENT, '2026-11-02T10:00:00Z'));
    expect(store.recordAlertFiring(firing(SILENT, '2026-11-02T10:30:00Z', { message: 'after a restart' }))).toBe(id);
    expect(store.activeAlerts().map((alert) => [alert.id, alert.startedAt.toISOString(), alert.message])).toEqual([[id, '2026-11-02T10:00:00.000Z', 'hard-hat: ModelSilent since 2026-11-02T10:00:00Z']]);
  });

  it('resolving a key with no active alert changes nothing', () => {
    const { store } = tempHistory();
    store.recordAlertFiring(firing(SILENT, '2026-11-02T10:00:00Z'));
    store.recordAlertResolved(resolved(CONFIDENCE, '2026-11-02T10:00:00Z', '2026-11-02T11:00:00Z'));
    store.recordAlertResolved(resolved({ ...SILENT, model: 'other' }, '2026-11-02T10:00:00Z', '2026-11-02T11:00:00Z'));
    expect(store.activeAlerts().map((alert) => alert.key)).toEqual([SILENT]);
  });

  it('lists the alerts active at any moment of the window, newest first', () => {
    const { store } = tempHistory();
    const early = store.recordAlertFiring(firing(SILENT, '2026-11-02T08:00:00Z'));
    store.recordAlertResolved(resolved(SILENT, '2026-11-02T08:00:00Z', '2026-11-02T09:00:00Z'));
    const middle = store.recordAlertFiring(firing(CONFIDENCE, '2026-11-02T10:00:00Z'));
    store.recordAlertResolved(resolved(CONFIDENCE, '2026-11-02T10:00:00Z', '2026-11-02T11:00:00Z'));
    const active = store.recordAlertFiring(firing(MONITOR, '2026-11-02T12:00:00Z'));
    const ids = (startIso: string, endIso: string, limit?: number) => store.alerts({ start: T(startIso), end: T(endIso) }, limit).map((alert) => alert.id);

    // Ended exactly at the window's start: still active at its first moment. Started exactly at its end: not yet.
    expect(ids('2026-11-02T09:00:00Z', '2026-11-02T10:00:00Z')).toEqual([early]);
    expect(ids('2026-11-02T10:30:00Z', '2026-11-02T10:45:00Z')).toEqual([middle]); // inside one alert
    expect(ids('2026-11-02T07:00:00Z', '2026-11-02T13:00:00Z')).toEqual([active, middle, early]);
    expect(ids('2026-11-02T11:00:01Z', '2026-11-02T12:00:00Z')).toEqual([]); // between alerts
    expect(ids('2026-11-05T00:00:00Z', '2026-11-06T00:00:00Z')).toEqual([active]); // still active, long after
    expect(ids('2026-11-02T07:00:00Z', '2026-11-02T13:00:00Z', 2)).toEqual([active, middle]);
    expect(() => store.alerts(ALL, 0)).toThrow(RangeError);
  });

  it('lists active alerts newest first, telling workspace, model, class and no-detection keys apart', () => {
    const { store } = tempHistory();
    store.recordAlertFiring(firing(MONITOR, '2026-11-02T08:00:00Z', { severity: 'critical' }));
    store.recordAlertFiring(firing(SILENT, '2026-11-02T09:00:00Z'));
    store.recordAlertFiring(firing(NO_DETECTION, '2026-11-02T10:00:00Z', { severity: 'info' }));
    store.recordAlertFiring(firing({ ...NO_DETECTION, className: null }, '2026-11-02T11:00:00Z'));
    store.recordAlertResolved(resolved(SILENT, '2026-11-02T09:00:00Z', '2026-11-02T09:30:00Z'));
    expect(store.activeAlerts().map((alert) => [alert.key, alert.severity])).toEqual([
      [{ ...NO_DETECTION, className: null }, 'warning'],
      [NO_DETECTION, 'info'],
      [MONITOR, 'critical'],
    ]);
  });

  it('acknowledges an alert once, and says when there is no such alert', () => {
    const { store } = tempHistory();
    const id = store.recordAlertFiring(firing(CONFIDENCE, '2026-11-02T10:00:00Z'));
    expect(store.acknowledgeAlert(id, T('2026-11-02T10:10:00Z'))).toBe(true);
    expect(store.acknowledgeAlert(id, T('2026-11-02T10:20:00Z'))).toBe(true);
    expect(store.acknowledgeAlert(id + 1, T('2026-11-02T10:20:00Z'))).toBe(false);
    expect(store.activeAlerts()[0]?.acknowledgedAt).toEqual(T('2026-11-02T10:10:00Z'));
    store.recordAlertResolved(resolved(CONFIDENCE, '2026-11-02T10:00:00Z', '2026-11-02T11:00:00Z'));
    expect(store.alerts(ALL)[0]?.acknowledgedAt).toEqual(T('2026-11-02T10:10:00Z'));
  });

  it('refuses an event of the wrong kind as a caller bug', () => {
    const { store } = tempHistory();
    expect(() => store.recordAlertFiring(resolved(SILENT, '2026-11-02T10:00:00Z', '2026-11-02T11:00:00Z'))).toThrow(RangeError);
    expect(() => store.recordAlertResolved(firing(SILENT, '2026-11-02T10:00:00Z'))).toThrow(RangeError);
    expect(() => store.recordAlertFiring(firing(SILENT, '2026-11-02T10:00:00Z', { at: new Date(Number.NaN) }))).toThrow(RangeError);
  });
});

describe('notifications', () => {
  it('round-trips, keys with a null model or class and the no-detection class included, newest first', () => {
    const { store } = tempHistory();
    const first = store.recordNotification(notification('2026-11-02T10:05:00Z', [CONFIDENCE, NO_DETECTION, SILENT]));
    const second = store.recordNotification(
      notification('2026-11-02T11:00:00Z', [MONITOR], { kind: 'repeat', model: null, severity: 'warning', title: 'Roboflow unreachable', body: 'No answer for 30 min' }),
    );
    const digest = store.recordNotification(notification('2026-11-02T12:00:00Z', [], { kind: 'digest', model: null, severity: 'info', title: 'Daily digest', body: 'All quiet' }));

    expect(store.notifications(ALL)).toEqual([
      { id: digest, at: T('2026-11-02T12:00:00Z'), kind: 'digest', model: null, severity: 'info', title: 'Daily digest', body: 'All quiet', alerts: [] },
      { id: second, at: T('2026-11-02T11:00:00Z'), kind: 'repeat', model: null, severity: 'warning', title: 'Roboflow unreachable', body: 'No answer for 30 min', alerts: [MONITOR] },
      {
        id: first,
        at: T('2026-11-02T10:05:00Z'),
        kind: 'alert',
        model: 'hard-hat',
        severity: 'critical',
        title: 'hard-hat: helmet confidence down',
        body: 'helmet confidence 0.86 → 0.66 in the last hour',
        alerts: [CONFIDENCE, NO_DETECTION, SILENT],
      },
    ]);
    // [start, end), newest first, limited.
    expect(store.notifications({ start: T('2026-11-02T10:05:00Z'), end: T('2026-11-02T12:00:00Z') }).map((n) => n.id)).toEqual([second, first]);
    expect(store.notifications(ALL, 1).map((n) => n.id)).toEqual([digest]);
  });
});

describe('snoozes', () => {
  it('replaces a snooze for the same rule and model, and keeps workspace-level ones apart', () => {
    const { store } = tempHistory();
    const now = T('2026-11-02T10:00:00Z');
    store.saveSnooze({ rule: 'ConfidenceDrop', model: 'hard-hat', until: T('2026-11-02T11:00:00Z'), createdAt: T('2026-11-02T09:00:00Z') });
    store.saveSnooze({ rule: 'ConfidenceDrop', model: 'hard-hat', until: T('2026-11-03T11:00:00Z'), createdAt: T('2026-11-02T09:30:00Z') });
    store.saveSnooze({ rule: 'ConfidenceDrop', model: null, until: null, createdAt: T('2026-11-02T09:10:00Z') });
    store.saveSnooze({ rule: 'MonitorUnavailable', model: null, until: T('2026-11-02T12:00:00Z'), createdAt: T('2026-11-02T09:20:00Z') });
    expect(store.snoozes(now)).toEqual([
      { rule: 'ConfidenceDrop', model: 'hard-hat', until: T('2026-11-03T11:00:00Z'), createdAt: T('2026-11-02T09:30:00Z') },
      { rule: 'MonitorUnavailable', model: null, until: T('2026-11-02T12:00:00Z'), createdAt: T('2026-11-02T09:20:00Z') },
      { rule: 'ConfidenceDrop', model: null, until: null, createdAt: T('2026-11-02T09:10:00Z') },
    ]);

    store.removeSnooze('ConfidenceDrop', null);
    store.removeSnooze('LatencyUp', 'hard-hat'); // none: nothing happens
    expect(store.snoozes(now).map((snooze) => [snooze.rule, snooze.model])).toEqual([
      ['ConfidenceDrop', 'hard-hat'],
      ['MonitorUnavailable', null],
    ]);
    expect(() => store.saveSnooze({ rule: 'LatencyUp', model: '', until: null, createdAt: now })).toThrow(RangeError);
  });

  it('drops expired snoozes (deleting them) and keeps until-resolved ones', () => {
    const { store } = tempHistory();
    store.saveSnooze({ rule: 'TrafficDrop', model: 'hard-hat', until: T('2026-11-02T11:00:00Z'), createdAt: T('2026-11-02T09:00:00Z') });
    store.saveSnooze({ rule: 'ModelSilent', model: 'hard-hat', until: null, createdAt: T('2026-11-02T08:00:00Z') });
    expect(store.snoozes(T('2026-11-02T10:59:59Z'))).toHaveLength(2);
    // In force until `until`, exclusive.
    expect(store.snoozes(T('2026-11-02T11:00:00Z')).map((snooze) => snooze.rule)).toEqual(['ModelSilent']);
    // Deleted, not just hidden: asking about an earlier time does not bring it back.
    expect(store.snoozes(T('2026-11-02T10:00:00Z')).map((snooze) => snooze.rule)).toEqual(['ModelSilent']);
    expect(store.snoozes(T('2030-01-01T00:00:00Z')).map((snooze) => snooze.rule)).toEqual(['ModelSilent']);
  });
});

describe('the alert log over time and trouble', () => {
  it('retention deletes old ended alerts and old notifications, never an active alert', () => {
    const { store } = tempHistory();
    const now = T('2026-11-02T00:00:00Z');
    const old = (days: number) => new Date(now.getTime() - days * DAY).toISOString();
    store.recordAlertFiring(firing(SILENT, old(800)));
    store.recordAlertResolved(resolved(SILENT, old(800), old(799)));
    const straddling = store.recordAlertFiring(firing(CONFIDENCE, old(731)));
    store.recordAlertResolved(resolved(CONFIDENCE, old(731), old(729))); // ended within retention
    const activeOld = store.recordAlertFiring(firing(MONITOR, old(900)));
    const recent = store.recordAlertFiring(firing(NO_DETECTION, old(1)));
    store.recordNotification(notification(old(800), [SILENT]));
    store.recordNotification(notification(old(731), [CONFIDENCE]));
    const kept = store.recordNotification(notification(old(2), [NO_DETECTION]));

    const report = store.prune(now, { hourlyDays: 90, dailyDays: 730, snapshotFullDays: 7 });
    expect(report).toMatchObject({ alertsDeleted: 1, notificationsDeleted: 2, done: true });
    expect(store.alerts(ALL).map((alert) => alert.id)).toEqual([recent, straddling, activeOld]);
    expect(store.notifications(ALL).map((n) => n.id)).toEqual([kept]);
    expect(store.prune(new Date(now.getTime() + HOUR))).toMatchObject({ alertsDeleted: 0, notificationsDeleted: 0, done: true });
  });

  it('lists a row whose JSON is damaged, with empty figures and keys', () => {
    const path = join(tempDir(), 'history.db');
    const connection = connect(path);
    const store = track(historyOn(connection));
    const damaged = store.recordAlertFiring(firing(SILENT, '2026-11-02T10:00:00Z'));
    store.recordAlertResolved(resolved(SILENT, '2026-11-02T10:00:00Z', '2026-11-02T11:00:00Z'));
    const fine = store.recordAlertFiring(firing(CONFIDENCE, '2026-11-02T12:00:00Z'));
    const partly = store.recordAlertFiring(firing(MONITOR, '2026-11-02T13:00:00Z'));
    store.recordNotification(notification('2026-11-02T10:00:00Z', [SILENT]));
    store.recordNotification(notification('2026-11-02T12:00:00Z', [CONFIDENCE]));
    const db = connection.db;
    db.prepare("UPDATE alert_events SET figures = '{\"current\": 0.6', end_figures = '[1, 2]' WHERE id = ?").run(damaged);
    db.prepare('UPDATE alert_events SET figures = ? WHERE id = ?').run('{"current": 0.5, "nested": {"a": 1}, "list": [1], "ok": "yes", "__proto__": 3}', partly);
    db.prepare("UPDATE notifications SET alerts = 'not json' WHERE at = ?").run(Date.parse('2026-11-02T10:00:00Z'));
    db.prepare('UPDATE notifications SET alerts = ? WHERE at = ?').run('[["ModelSilent", null, null], "junk", [1, 2, 3], ["LatencyUp", "m"]]', Date.parse('2026-11-02T12:00:00Z'));

    const alerts = store.alerts(ALL);
    expect(alerts.map((alert) => alert.id)).toEqual([partly, fine, damaged]);
    expect(alerts[2]).toMatchObject({ figures: {}, endFigures: {}, message: 'hard-hat: ModelSilent since 2026-11-02T10:00:00Z' });
    expect(alerts[1]?.figures).toEqual({ current: 0.66, baseline: 0.86 });
    expect(alerts[0]?.figures).toEqual({ current: 0.5, ok: 'yes', ['__proto__']: 3 });
    expect(Object.getPrototypeOf(alerts[0]?.figures)).toBe(Object.prototype);
    // A key whose class is missing reads as undefined, not a string or null: skipped.
    expect(store.notifications(ALL).map((n) => n.alerts)).toEqual([[{ rule: 'ModelSilent', model: null, className: null }], []]);
  });

  it('refuses every write on a read-only history with a storage error, and still reads', () => {
    const { store, path } = tempHistory();
    const id = store.recordAlertFiring(firing(SILENT, '2026-11-02T10:00:00Z'));
    store.recordNotification(notification('2026-11-02T10:00:00Z', [SILENT]));
    store.saveSnooze({ rule: 'TrafficDrop', model: 'hard-hat', until: T('2026-11-02T11:00:00Z'), createdAt: T('2026-11-02T09:00:00Z') });
    store.saveSnooze({ rule: 'ModelSilent', model: null, until: null, createdAt: T('2026-11-02T09:00:00Z') });
    store.close();
    const before = sha(path);

    const reader = track(openHistory(path, { readOnly: true }));
    const writes = [
      () => reader.recordAlertFiring(firing(CONFIDENCE, '2026-11-02T12:00:00Z')),
      () => reader.recordAlertResolved(resolved(SILENT, '2026-11-02T10:00:00Z', '2026-11-02T12:00:00Z')),
      () => reader.acknowledgeAlert(id, T('2026-11-02T12:00:00Z')),
      () => reader.recordNotification(notification('2026-11-02T12:00:00Z', [])),
      () => reader.saveSnooze({ rule: 'LatencyUp', model: 'hard-hat', until: null, createdAt: T('2026-11-02T12:00:00Z') }),
      () => reader.removeSnooze('ModelSilent', null),
    ];
    for (const write of writes) {
      const error = caught(write);
      expect(error.kind).toBe('storage');
      expect(error.message).toContain(path);
    }
    expect(reader.activeAlerts().map((alert) => alert.id)).toEqual([id]);
    expect(reader.notifications(ALL)).toHaveLength(1);
    // The expired snooze cannot be deleted here; it is left out all the same.
    expect(reader.snoozes(T('2026-11-02T12:00:00Z')).map((snooze) => snooze.rule)).toEqual(['ModelSilent']);
    reader.close();
    expect(sha(path)).toBe(before);
  });
});

describe('schema v2', () => {
  it('upgrades a v1 history, keeping its snapshots, hours and polls', () => {
    const path = join(tempDir(), 'history.db');
    const v1 = historyOn(connect(path), { migrations: MIGRATIONS.slice(0, 1) });
    const saved = v1.saveSnapshot(seedSnapshot(), T('2026-11-03T00:00:05Z'));
    v1.saveHour(seedSnapshot(hourWindow('2026-11-02T10:00:00Z')), T('2026-11-02T11:00:05Z'), true);
    v1.recordPoll({ startedAt: T('2026-11-03T00:00:00Z'), durationMs: 5, result: 'ok' });
    v1.close();

    const store = track(openHistory(path, { now: () => T('2026-11-04T00:00:00Z') }));
    expect(store.latestSnapshot()).toMatchObject({ id: saved.id, fetchedAt: saved.fetchedAt });
    expect(store.latestSnapshot()?.snapshot.classes).toHaveLength(6);
    expect(store.completeHours(ALL)).toEqual([T('2026-11-02T10:00:00Z')]);
    expect(store.hourlyBuckets(hourWindow('2026-11-02T10:00:00Z')).length).toBeGreaterThan(0);
    expect(store.availability(ALL)).toMatchObject({ polls: 1, ok: 1 });
    // The new tables work on the upgraded file.
    const id = store.recordAlertFiring(firing(SILENT, '2026-11-04T00:00:00Z'));
    expect(store.activeAlerts().map((alert) => alert.id)).toEqual([id]);
    store.close();

    const db = new Database(path);
    expect(db.prepare('SELECT version, applied_at FROM schema_version ORDER BY version').raw().all()).toEqual([
      [1, expect.any(Number)],
      [2, Date.parse('2026-11-04T00:00:00Z')],
    ]);
    const columns = db.prepare('PRAGMA table_info(alert_events)').all().map((column) => (column as { name: string }).name);
    expect(columns).toEqual(['id', 'rule', 'model', 'class_name', 'severity', 'started_at', 'ended_at', 'message', 'resolved_message', 'figures', 'end_figures', 'acknowledged_at']);
    const indexes = db.prepare("SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name IN ('alert_events', 'notifications') ORDER BY name").raw().all().flat();
    expect(indexes).toEqual(['alert_events_active', 'alert_events_by_start', 'notifications_by_at']);
    db.close();
  });

  it('is refused, unchanged, by a Pulsebar that knows only v1', () => {
    const { store, path } = tempHistory();
    store.recordAlertFiring(firing(SILENT, '2026-11-02T10:00:00Z'));
    store.close();
    const before = sha(path);
    const error = caught(() => historyOn(connect(path), { migrations: MIGRATIONS.slice(0, 1) }));
    expect(error.kind).toBe('newer_schema');
    expect(error.message).toContain(`schema v${SCHEMA_VERSION}, this one knows up to v1`);
    expect(sha(path)).toBe(before);
  });
});
