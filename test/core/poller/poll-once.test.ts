// pollOnce with a scripted source and an in-memory store: what is stored, in which order, and
// what is recorded, for every way a poll can go.
import { describe, expect, it } from 'vitest';
import { pollOnce, type PollDeps } from '../../../electron/core/poller';
import { AuthError, BadResponse, NetworkError, RateLimited, ServerError, Timeout } from '../../../electron/core/stats';
import type { StatsSnapshot } from '../../../electron/core/stats';
import { FakeClock } from './fake-clock';
import { deferred, FakeSource, snapshotFor } from './fake-source';
import { FakeHistoryStore } from './fake-store';

const HOUR = 3_600_000;
const NOW = new Date('2026-11-10T12:30:00.250Z');

function setup(source = new FakeSource()) {
  const store = new FakeHistoryStore();
  const clock = new FakeClock(NOW);
  const deps: PollDeps = { source, store, clock };
  return { source, store, clock, deps };
}

describe('pollOnce', () => {
  it('a good poll: headline, planned hours, one prune batch, one record, in that order', async () => {
    const { source, store, deps } = setup();
    const result = await pollOnce(deps, NOW);

    expect(result).toMatchObject({ at: NOW, ok: true, hoursFetched: 5 });
    expect(result.error).toBeUndefined();
    expect(result.hourlyError).toBeUndefined();
    expect(store.log).toEqual([
      'saveSnapshot',
      'saveHour 12:00',
      'saveHour 11:00 complete',
      'saveHour 12:00 complete', // backfill, the same hours on earlier days first: 9 Nov 12:00 and 11:00, 8 Nov 12:00
      'saveHour 11:00 complete',
      'saveHour 12:00 complete',
      'prune',
      'recordPoll ok',
    ]);
    // The headline: 24 h ending at the poll's start, to the second.
    expect(source.calls[0]?.query.window).toEqual({ start: new Date('2026-11-09T12:30:00Z'), end: new Date('2026-11-10T12:30:00Z') });
    expect(result.snapshot).toBe(store.snapshotsSaved[0]?.snapshot);
    expect(store.polls).toEqual([{ startedAt: NOW, durationMs: 0, result: 'ok' }]);
    expect(store.prunes).toEqual([{ now: NOW, retention: undefined }]);
  });

  it('passes the window, models and retention settings, and times the poll with its clock', async () => {
    const { source, store, clock, deps } = setup();
    source.respond = (query) => {
      clock.set(clock.nowMs + 1_500); // each answer takes 1.5 s of simulated time
      return snapshotFor(query.window);
    };
    const retention = { hourlyDays: 30, dailyDays: 365, snapshotFullDays: 2 };
    await pollOnce({ ...deps, settings: { window: '1h', models: ['a', 'b'], backfillHours: 0, retention } }, NOW);

    expect(source.calls[0]?.query.window).toEqual({ start: new Date('2026-11-10T11:30:00Z'), end: new Date('2026-11-10T12:30:00Z') });
    expect(source.calls.map((call) => call.query.models)).toEqual([['a', 'b'], ['a', 'b'], ['a', 'b']]);
    expect(store.prunes[0]?.retention).toBe(retention);
    expect(store.polls[0]?.durationMs).toBe(3 * 1_500);
    expect(store.snapshotsSaved[0]?.fetchedAt).toEqual(new Date(NOW.getTime() + 1_500));
  });

  it.each([
    ['server', new ServerError({ status: 503, workspace: 'w', serverMessage: 'Service Unavailable' })],
    ['rate_limited', new RateLimited({ status: 429, retryAfterSeconds: 120 })],
    ['timeout', new Timeout({ timeoutMs: 300 })],
    ['network', new NetworkError({ host: 'api.roboflow.com', code: 'ECONNREFUSED', reason: 'connection refused' })],
    ['auth', new AuthError({ status: 401, workspace: 'w' })],
    ['bad_response', new BadResponse({ status: 200, detail: 'the JSON ends early (truncated body)' })],
  ] as const)('a failed headline (%s) stores nothing but the poll record', async (kind, error) => {
    const { source, store, deps } = setup(new FakeSource(() => error));
    const result = await pollOnce(deps, NOW);

    expect(result).toMatchObject({ ok: false, error: { kind, message: error.message }, hoursFetched: 0 });
    expect(result.snapshot).toBeUndefined();
    expect(source.calls).toHaveLength(1); // no hourly fetch after a failed headline
    expect(store.dataWrites()).toBe(0);
    expect(store.prunes).toHaveLength(0);
    expect(store.polls).toEqual([{ startedAt: NOW, durationMs: 0, result: kind, message: error.message }]);
    expect(result.retryAfterSeconds).toBe(kind === 'rate_limited' ? 120 : undefined);
  });

  it('a redacted multi-line message is recorded on one line, and the key never appears', async () => {
    const key = 'sk-secret-123';
    const error = new ServerError({ status: 500, serverMessage: `boom\nkey=${key}\n  more`, secrets: [key] });
    const { store, deps } = setup(new FakeSource(() => error));
    await pollOnce(deps, NOW);
    const message = store.polls[0]?.message ?? '';
    expect(message).not.toContain('\n');
    expect(message).not.toContain(key);
    expect(message).toContain('boom');
  });

  it('something other than a StatsError from the source is recorded without its (unredacted) message', async () => {
    const { store, deps } = setup(new FakeSource(() => new TypeError('fetch https://x/?api_key=sk-secret failed')));
    const result = await pollOnce(deps, NOW);
    expect(result.ok).toBe(false);
    expect(result.error?.kind).toBe('bad_response');
    expect(result.error?.message).toContain('TypeError');
    expect(JSON.stringify(store.polls)).not.toContain('sk-secret');
    expect(store.dataWrites()).toBe(0);
  });

  it('an hourly fetch failing after a good headline: the poll is ok, the rest of the plan waits for the next poll', async () => {
    const limited = new RateLimited({ status: 429, retryAfterSeconds: 600 });
    const { source, store, deps } = setup(new FakeSource((query, call) => (call === 3 ? limited : snapshotFor(query.window))));
    const result = await pollOnce(deps, NOW);

    expect(result).toMatchObject({ ok: true, hoursFetched: 1, hourlyError: { kind: 'rate_limited' }, retryAfterSeconds: 600 });
    expect(source.calls).toHaveLength(3); // headline, current hour, the ended hour (429), then no more
    expect(store.log).toEqual(['saveSnapshot', 'saveHour 12:00', 'prune', 'recordPoll ok']);

    // The next poll plans the missing hours again.
    source.respond = (query) => snapshotFor(query.window);
    const next = await pollOnce(deps, new Date(NOW.getTime() + 5 * 60_000));
    expect(next.hoursFetched).toBe(5);
    expect(store.completeHourStarts()).toContain(Date.parse('2026-11-10T11:00:00Z'));
  });

  it.each([
    ['saveSnapshot', ['recordPoll storage'], 0, 1],
    ['completeHours', ['saveSnapshot', 'recordPoll storage'], 0, 1],
    ['saveHour', ['saveSnapshot', 'recordPoll storage'], 0, 2],
    ['prune', ['saveSnapshot', 'saveHour 12:00', 'saveHour 11:00 complete', 'saveHour 12:00 complete', 'saveHour 11:00 complete', 'saveHour 12:00 complete', 'recordPoll storage'], 5, 6],
  ] as const)('%s throwing (disk full): a storage failure, recorded, nothing thrown', async (call, log, hoursFetched, fetches) => {
    const { source, store, deps } = setup();
    store.failing.add(call);
    const result = await pollOnce(deps, NOW);

    expect(result).toMatchObject({ ok: false, error: { kind: 'storage', message: 'SQLITE_FULL: database or disk is full' }, hoursFetched });
    expect(result.snapshot).toBeDefined(); // the answer came; only saving failed
    expect(store.log).toEqual(log);
    expect(source.calls).toHaveLength(fetches);
    expect(store.polls[0]).toMatchObject({ result: 'storage', message: 'SQLITE_FULL: database or disk is full' });
  });

  it('a poll record that cannot be written turns an ok poll into a storage failure', async () => {
    const { store, deps } = setup();
    store.failing.add('recordPoll');
    const result = await pollOnce(deps, NOW);
    expect(result.ok).toBe(false);
    expect(result.error?.kind).toBe('storage');
    expect(result.error?.message).toMatch(/outcome could not be.*disk is full/);
    expect(store.snapshotsSaved).toHaveLength(1); // the figures stay
  });

  it('a store that throws everywhere (read-only directory) still gives a result, never an exception', async () => {
    const { store, deps } = setup();
    for (const call of ['saveSnapshot', 'saveHour', 'recordPoll', 'completeHours', 'prune'] as const) store.failing.add(call);
    store.failWith(() => new Error('SQLITE_READONLY: attempt to write a readonly database'));
    const result = await pollOnce(deps, NOW);
    expect(result).toMatchObject({ ok: false, error: { kind: 'storage', message: 'SQLITE_READONLY: attempt to write a readonly database' } });
  });

  it('aborted while waiting for the headline: nothing stored, not even a record', async () => {
    const controller = new AbortController();
    const source = new FakeSource((_query, _call, signal) => new Promise<StatsSnapshot>((_resolve, reject) => signal?.addEventListener('abort', () => reject(signal.reason))));
    const { store, deps } = setup(source);
    const polling = pollOnce({ ...deps, signal: controller.signal }, NOW);
    controller.abort(new Error('stop'));
    const result = await polling;
    expect(result).toMatchObject({ ok: false, error: { kind: 'cancelled' }, hoursFetched: 0 });
    expect(store.log).toEqual([]);
  });

  it('aborted during the hourly fetches: what was fetched stays, the poll is recorded ok, no prune', async () => {
    const controller = new AbortController();
    const hanging = deferred<StatsSnapshot>();
    const source = new FakeSource((query, call, signal) => {
      if (call < 3) return snapshotFor(query.window);
      signal?.addEventListener('abort', () => hanging.reject(signal.reason));
      return hanging.promise;
    });
    const { store, deps } = setup(source);
    const polling = pollOnce({ ...deps, signal: controller.signal }, NOW);
    await new Promise((resolve) => setImmediate(resolve));
    controller.abort(new Error('stop'));
    const result = await polling;
    expect(result).toMatchObject({ ok: true, hoursFetched: 1 });
    expect(store.log).toEqual(['saveSnapshot', 'saveHour 12:00', 'recordPoll ok']);
  });

  it('hourly windows are fetched as their own whole-hour windows', async () => {
    const { source, deps } = setup();
    await pollOnce(deps, NOW);
    for (const call of source.callsOfLength(HOUR)) expect(call.query.window.start.getTime() % HOUR).toBe(0);
    expect(source.callsOfLength(HOUR)).toHaveLength(5);
  });
});
