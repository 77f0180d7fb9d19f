// pollOnce's windows for the alert detector: fetched only when asked, right after the headline.
import { describe, expect, it } from 'vitest';
import { pollOnce, resolvePollSettings, type PollDeps } from '../../../electron/core/poller';
import { RateLimited, ServerError } from '../../../electron/core/stats';
import { FakeClock } from './fake-clock';
import { FakeSource, snapshotFor } from './fake-source';
import { FakeHistoryStore } from './fake-store';

const NOW = new Date('2026-11-10T12:30:00.250Z');
const windowOf = (start: string, end: string) => ({ start: new Date(start), end: new Date(end) });

function setup(source = new FakeSource()) {
  const store = new FakeHistoryStore();
  const deps: PollDeps = { source, store, clock: new FakeClock(NOW), settings: { recentWindows: true, backfillHours: 0 } };
  return { source, store, deps };
}

describe('pollOnce with recentWindows', () => {
  it('fetches the short window and the last hour after the headline, ending at the poll to the second', async () => {
    const { source, deps } = setup();
    const result = await pollOnce(deps, NOW);
    expect(result.ok).toBe(true);
    expect(source.calls.slice(0, 3).map((c) => c.query.window)).toEqual([
      windowOf('2026-11-09T12:30:00Z', '2026-11-10T12:30:00Z'),
      windowOf('2026-11-10T12:00:00Z', '2026-11-10T12:30:00Z'),
      windowOf('2026-11-10T11:30:00Z', '2026-11-10T12:30:00Z'),
    ]);
    expect(result.recent?.short.window).toEqual(windowOf('2026-11-10T12:00:00Z', '2026-11-10T12:30:00Z'));
    expect(result.recent?.hour.window).toEqual(windowOf('2026-11-10T11:30:00Z', '2026-11-10T12:30:00Z'));
  });

  it('takes the short window’s length and the model filter from the settings', async () => {
    const { source, deps } = setup();
    await pollOnce({ ...deps, settings: { recentWindows: true, backfillHours: 0, shortWindowMinutes: 20, models: ['a'] } }, NOW);
    expect(source.calls[1]?.query).toEqual({ window: windowOf('2026-11-10T12:10:00Z', '2026-11-10T12:30:00Z'), models: ['a'] });
  });

  it('fetches nothing more when not asked (the CLI’s poll)', async () => {
    const { source, deps } = setup();
    const result = await pollOnce({ ...deps, settings: { backfillHours: 0 } }, NOW);
    expect(result.recent).toBeUndefined();
    expect(source.callsOfLength(30 * 60_000)).toEqual([]);
  });

  it('keeps a poll ok when a recent window fails after a good headline, and leaves the hourly plan for the next poll', async () => {
    const { source, store, deps } = setup(new FakeSource((query, call) => (call === 3 ? new RateLimited({ workspace: 'w', retryAfterSeconds: 60 }) : snapshotFor(query.window))));
    const result = await pollOnce(deps, NOW);
    expect(result).toMatchObject({ ok: true, hoursFetched: 0, retryAfterSeconds: 60, recentError: { kind: 'rate_limited' } });
    expect(result.recent).toBeUndefined();
    expect(source.calls).toHaveLength(3);
    expect(store.polls).toEqual([{ startedAt: NOW, durationMs: 0, result: 'ok' }]);
  });

  it('does not fetch the recent windows when the headline failed', async () => {
    const { source, deps } = setup(new FakeSource(() => new ServerError({ workspace: 'w', status: 503, serverMessage: 'down' })));
    const result = await pollOnce(deps, NOW);
    expect(result).toMatchObject({ ok: false, error: { kind: 'server' } });
    expect(source.calls).toHaveLength(1);
  });

  it('refuses a short window outside 1 to 1440 whole minutes', () => {
    for (const shortWindowMinutes of [0, 1.5, 1441]) {
      expect(() => resolvePollSettings({ shortWindowMinutes })).toThrow(`shortWindowMinutes must be a whole number of minutes from 1 to 1440 (got ${shortWindowMinutes}).`);
    }
  });
});
