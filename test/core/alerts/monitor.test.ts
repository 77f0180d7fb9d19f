// The monitor's own duties, on failed and empty polls (the rules themselves are tested in
// rules.test.ts, and the whole pipeline in test/replay): the MonitorUnavailable alert, storing
// events and notifications, snoozes, and never letting a broken store or notifier stop it.
import { describe, expect, it } from 'vitest';
import { createAlertMonitor } from '../../../electron/core/alerts/monitor';
import { resolveThresholds } from '../../../electron/core/alerts/thresholds';
import type { AlertNotification, Notifier } from '../../../electron/core/alerts/types';
import type { PollResult } from '../../../electron/core/poller';
import type { StatsSource } from '../../../electron/core/stats/stats-source';
import { tempHistory } from '../history/helpers';

const T0 = Date.parse('2026-11-03T10:00:00Z');
const at = (poll: number) => new Date(T0 + poll * 5 * 60_000);
const failed = (poll: number): PollResult => ({ at: at(poll), ok: false, error: { kind: 'server', message: 'Roboflow answered 503.' }, hoursFetched: 0 });
const succeeded = (poll: number): PollResult => ({ at: at(poll), ok: true, hoursFetched: 0 });
const noSource: StatsSource = { fetchStats: () => Promise.reject(new Error('not expected')) };

function setup(options: { notifier?: Notifier } = {}) {
  const { store } = tempHistory();
  const sent: AlertNotification[] = [];
  const errors: string[] = [];
  const monitor = createAlertMonitor({
    store,
    source: noSource,
    thresholds: resolveThresholds(),
    notifier: options.notifier ?? { notify: (n) => void sent.push(n) },
    tracker: { warmupPolls: 0 },
    localMinuteOfDay: () => 12 * 60,
    onError: (message) => errors.push(message),
  });
  return { store, monitor, sent, errors };
}

describe('the alert monitor', () => {
  it('raises MonitorUnavailable on the third failed poll in a row, and resolves it on the next success', async () => {
    const { monitor, store, sent } = setup();
    const reports = [];
    for (const result of [failed(0), failed(1), succeeded(2), failed(3), failed(4), failed(5), succeeded(6)]) reports.push(await monitor.onPoll(result));
    expect(reports.map((r) => r.events.map((e) => `${e.event} ${e.key.rule}`))).toEqual([[], [], [], [], [], ['firing MonitorUnavailable'], ['resolved MonitorUnavailable']]);
    expect(reports[5]?.events[0]?.message).toBe('Roboflow could not be read: 3 polls in a row failed (last: Roboflow answered 503.)');
    expect(sent.map((n) => n.kind)).toEqual(['alert', 'resolved']);
    const stored = store.alerts({ start: at(0), end: at(10) });
    expect(stored).toHaveLength(1);
    expect(stored[0]).toMatchObject({ key: { rule: 'MonitorUnavailable', model: null, className: null }, startedAt: at(5), endedAt: at(6) });
    expect(store.notifications({ start: at(0), end: at(10) }).map((n) => n.kind)).toEqual(['resolved', 'alert']);
  });

  it('says nothing during the warm-up polls after start', async () => {
    const { store } = tempHistory();
    const monitor = createAlertMonitor({ store, source: noSource, thresholds: resolveThresholds() });
    const reports = [];
    for (let i = 0; i < 4; i++) reports.push(await monitor.onPoll(failed(i)));
    expect(reports.map((r) => r.events.length)).toEqual([0, 0, 1, 0]); // the third failure falls after the warm-up
  });

  it('follows the MonitorUnavailable thresholds, and can be switched off', async () => {
    const { store } = tempHistory();
    const off = createAlertMonitor({ store, source: noSource, thresholds: resolveThresholds({ rules: { MonitorUnavailable: { enabled: false } } }), tracker: { warmupPolls: 0 } });
    for (let i = 0; i < 5; i++) expect((await off.onPoll(failed(i))).events).toEqual([]);
    const five = createAlertMonitor({ store, source: noSource, thresholds: resolveThresholds({ rules: { MonitorUnavailable: { failedPolls: 5 } } }), tracker: { warmupPolls: 0 } });
    const counts = [];
    for (let i = 0; i < 5; i++) counts.push((await five.onPoll(failed(i))).events.length);
    expect(counts).toEqual([0, 0, 0, 0, 1]);
  });

  it('ignores a poll cancelled by stop()', async () => {
    const { monitor } = setup();
    for (let i = 0; i < 2; i++) await monitor.onPoll(failed(i));
    await monitor.onPoll({ at: at(2), ok: false, error: { kind: 'cancelled', message: 'stopped' }, hoursFetched: 0 });
    expect((await monitor.onPoll(failed(3))).events.map((e) => e.key.rule)).toEqual(['MonitorUnavailable']);
  });

  it('keeps monitoring when the notifier throws, and says so', async () => {
    const { monitor, errors, store } = setup({ notifier: { notify: () => Promise.reject(new Error('no notification daemon')) } });
    for (let i = 0; i < 3; i++) await monitor.onPoll(failed(i));
    expect(errors).toEqual(['A notification could not be shown: no notification daemon']);
    expect(store.notifications({ start: at(0), end: at(9) })).toHaveLength(1); // recorded all the same
    expect((await monitor.onPoll(succeeded(3))).events.map((e) => e.event)).toEqual(['resolved']);
  });

  it('keeps monitoring when the history cannot be written', async () => {
    const { monitor, store, errors, sent } = setup();
    store.close(); // every later write throws
    for (let i = 0; i < 3; i++) await monitor.onPoll(failed(i));
    expect(sent.map((n) => n.kind)).toEqual(['alert']);
    expect(errors.length).toBeGreaterThan(0);
  });

  it('stores snoozes, and forgets an until-resolved one when its alert resolves', async () => {
    const { monitor, store, sent } = setup();
    monitor.snooze({ rule: 'MonitorUnavailable', model: null, until: null }, at(0));
    expect(store.snoozes(at(0))).toEqual([{ rule: 'MonitorUnavailable', model: null, until: null, createdAt: at(0) }]);
    for (let i = 0; i < 3; i++) await monitor.onPoll(failed(i));
    expect(sent).toEqual([]); // snoozed
    await monitor.onPoll(succeeded(3));
    expect(store.snoozes(at(3))).toEqual([]);
    monitor.snooze({ rule: 'ModelSilent', model: 'm', until: at(12) }, at(3));
    monitor.unsnooze('ModelSilent', 'm');
    expect(store.snoozes(at(4))).toEqual([]);
  });

  it('takes evaluations in order even when polls arrive faster than they are evaluated', async () => {
    const { monitor } = setup();
    const reports = await Promise.all([failed(0), failed(1), failed(2), succeeded(3)].map((r) => monitor.onPoll(r)));
    expect(reports.map((r) => r.events.map((e) => e.event).join())).toEqual(['', '', 'firing', 'resolved']);
    await monitor.idle();
    expect(monitor.active()).toEqual([]);
  });
});
