// The poller in simulated time: a FakeClock drives the schedule, a scripted source answers.
import { describe, expect, it } from 'vitest';
import { createPoller, type PollerOptions, type PollResult } from '../../../electron/core/poller';
import { RateLimited, ServerError } from '../../../electron/core/stats';
import type { StatsSnapshot } from '../../../electron/core/stats';
import { FakeClock, flushPromises } from './fake-clock';
import { deferred, FakeSource, snapshotFor, type Deferred } from './fake-source';
import { FakeHistoryStore } from './fake-store';

const MIN = 60_000;
const HOUR = 60 * MIN;
const DAY = 24 * HOUR;
const T0 = Date.parse('2026-11-10T12:00:10Z');
const down = () => new ServerError({ status: 503, serverMessage: 'Service Unavailable' });

function setup(overrides: Partial<PollerOptions> = {}) {
  const clock = new FakeClock(T0);
  const source = new FakeSource();
  const store = new FakeHistoryStore();
  const results: PollResult[] = [];
  const poller = createPoller({ source, store, clock, random: () => 0.5, onPoll: (r) => results.push(r), ...overrides });
  /** Minutes after T0 at which a headline was fetched. */
  const headlineMinutes = () => (overrides.source instanceof FakeSource ? overrides.source : source).callsOfLength(DAY).map((call) => (call.query.window.end.getTime() - T0) / MIN);
  return { clock, source, store, poller, results, headlineMinutes };
}

/** Minutes between consecutive entries. */
const gaps = (minutes: readonly number[]) => minutes.slice(1).map((m, i) => m - (minutes[i] ?? 0));

describe('createPoller schedule', () => {
  it('polls at start, then every interval', async () => {
    const { clock, poller, headlineMinutes, store } = setup();
    poller.start();
    await clock.advance(20 * MIN);
    expect(headlineMinutes()).toEqual([0, 5, 10, 15, 20]);
    expect(store.polls.map((p) => p.result)).toEqual(['ok', 'ok', 'ok', 'ok', 'ok']);
    expect(poller.state()).toMatchObject({ status: 'idle', nextPollAt: new Date(T0 + 25 * MIN), consecutiveFailures: 0 });
    poller.start(); // a second start does nothing
    await clock.advance(MIN);
    expect(headlineMinutes()).toHaveLength(5);
  });

  it('jitters each interval by at most ±10 %, from the injected random', async () => {
    const draws = [0, 0.999_999, 0.25, 0.75, 0.5, 0.1];
    let next = 0;
    const { clock, poller, headlineMinutes } = setup({ random: () => draws[next++ % draws.length] ?? 0.5, settings: { intervalMinutes: 10 } });
    poller.start();
    await clock.advance(70 * MIN);
    const intervals = gaps(headlineMinutes());
    expect(intervals.length).toBeGreaterThanOrEqual(6);
    intervals.forEach((gap, i) => {
      expect(gap).toBeGreaterThanOrEqual(9);
      expect(gap).toBeLessThanOrEqual(11);
      expect(gap).toBeCloseTo(10 * (1 + 0.1 * (2 * (draws[i] ?? 0) - 1)), 3);
    });
  });

  it('backs off 5, 10, 20, 30, 30 min on failures, and a success resets to the interval', async () => {
    const { clock, source, poller, headlineMinutes, results } = setup();
    source.respond = down;
    poller.start();
    await clock.advance(95 * MIN);
    expect(headlineMinutes()).toEqual([0, 5, 15, 35, 65, 95]);
    expect(poller.state().consecutiveFailures).toBe(6);
    expect(results.every((r) => !r.ok && r.error?.kind === 'server')).toBe(true);

    source.respond = (query) => snapshotFor(query.window);
    await clock.advance(30 * MIN); // the capped back-off, then a success
    await clock.advance(10 * MIN);
    expect(headlineMinutes().slice(6)).toEqual([125, 130, 135]);
    expect(poller.state().consecutiveFailures).toBe(0);
  });

  it('honours a Retry-After longer than the back-off, and caps it at 30 min', async () => {
    const { clock, source, poller, headlineMinutes } = setup();
    const waits = [900, 120, 7_200];
    source.respond = (query) => {
      const wait = waits.shift();
      return wait === undefined ? snapshotFor(query.window) : new RateLimited({ status: 429, retryAfterSeconds: wait });
    };
    poller.start();
    await clock.advance(90 * MIN);
    // 15 min (Retry-After 900 s > 5 min back-off), 10 min (120 s < 2nd back-off), 30 min (7200 s capped), then the interval.
    expect(headlineMinutes()).toEqual([0, 15, 25, 55, 60, 65, 70, 75, 80, 85, 90]);
  });

  it('a Retry-After from an hourly fetch delays the next poll too, though the poll was ok', async () => {
    const { clock, source, poller, headlineMinutes, results } = setup();
    source.respond = (query, call) => (call === 3 ? new RateLimited({ status: 429, retryAfterSeconds: 600 }) : snapshotFor(query.window));
    poller.start();
    await clock.advance(20 * MIN);
    expect(results[0]).toMatchObject({ ok: true, hourlyError: { kind: 'rate_limited' } });
    expect(headlineMinutes()).toEqual([0, 10, 15, 20]);
  });
});

describe('createPoller: one poll at a time', () => {
  /** A source whose headline answers only when the test says so; hourly windows answer at once. */
  function gatedSource() {
    const gates: Deferred<StatsSnapshot>[] = [];
    const source = new FakeSource((query) => {
      if (query.window.end.getTime() - query.window.start.getTime() !== DAY) return snapshotFor(query.window);
      const gate = deferred<StatsSnapshot>();
      gates.push(gate);
      return gate.promise;
    });
    const open = (i: number) => {
      const gate = gates[i];
      if (gate === undefined) throw new Error(`no headline request #${i}`);
      gate.resolve(snapshotFor({ start: new Date(0), end: new Date(DAY) }));
    };
    return { source, gates, open };
  }

  it('pollNow during a running poll returns that poll: no second fetch', async () => {
    const { source, open } = gatedSource();
    const { clock, poller, store } = setup({ source });
    poller.start();
    await flushPromises();
    expect(poller.state().status).toBe('polling');
    const a = poller.pollNow();
    const b = poller.pollNow();
    open(0);
    const [ra, rb] = await Promise.all([a, b]);
    expect(ra).toBe(rb);
    expect(source.callsOfLength(DAY)).toHaveLength(1);
    expect(store.polls).toHaveLength(1);
    await clock.advance(MIN);
    expect(poller.state().status).toBe('idle');
  });

  it('a poll slower than the interval delays the next one: polls never overlap', async () => {
    const { source, open } = gatedSource();
    const { clock, poller, headlineMinutes } = setup({ source });
    poller.start();
    await clock.advance(12 * MIN); // the first headline takes 12 simulated minutes
    expect(source.callsOfLength(DAY)).toHaveLength(1);
    expect(clock.pending).toBe(0);
    open(0);
    await flushPromises();
    await clock.advance(5 * MIN);
    expect(headlineMinutes()).toEqual([0, 17]);
  });

  it('pollNow while idle polls at once and reschedules from there', async () => {
    const { clock, poller, headlineMinutes } = setup();
    poller.start();
    await clock.advance(2 * MIN);
    const result = await poller.pollNow();
    expect(result.ok).toBe(true);
    await clock.advance(10 * MIN);
    expect(headlineMinutes()).toEqual([0, 2, 7, 12]);
  });

  it('wake polls at once, unless a poll is in flight', async () => {
    const { clock, poller, headlineMinutes } = setup();
    poller.start();
    await clock.advance(3 * MIN);
    poller.wake();
    poller.wake(); // the poll just started is in flight (or done): no second one now
    await flushPromises();
    await clock.advance(5 * MIN);
    expect(headlineMinutes()).toEqual([0, 3, 8]);
  });

  it('wake waits out a Retry-After instead of polling into it', async () => {
    const { clock, source, poller, headlineMinutes } = setup();
    source.respond = (query, call) => (call === 1 ? new RateLimited({ status: 429, retryAfterSeconds: 900 }) : snapshotFor(query.window));
    poller.start();
    await clock.advance(MIN);
    poller.wake();
    await clock.advance(MIN);
    expect(headlineMinutes()).toEqual([0]);
    await clock.advance(13 * MIN);
    expect(headlineMinutes()).toEqual([0, 15]);
  });
});

describe('createPoller: Retry-After and wake', () => {
  it('wake never pushes a capped schedule later than it was', async () => {
    const { clock, source, poller, headlineMinutes } = setup();
    source.respond = (query, call) => (call === 1 ? new RateLimited({ status: 429, retryAfterSeconds: 7_200 }) : snapshotFor(query.window));
    poller.start();
    await clock.advance(MIN);
    expect(poller.state().nextPollAt).toEqual(new Date(T0 + 30 * MIN)); // 2 h asked, 30 min cap
    poller.wake();
    expect(poller.state().nextPollAt).toEqual(new Date(T0 + 30 * MIN));
    await clock.advance(29 * MIN);
    expect(headlineMinutes()).toEqual([0, 30]);
  });
});

describe('createPoller: pause, resume, stop', () => {
  it('pause stops scheduling; resume polls at once when a poll fell due meanwhile', async () => {
    const { clock, poller, headlineMinutes } = setup();
    poller.start();
    await clock.advance(MIN);
    poller.pause();
    expect(poller.state()).toMatchObject({ status: 'paused', nextPollAt: null });
    await clock.advance(HOUR);
    expect(headlineMinutes()).toEqual([0]);
    poller.wake(); // paused means paused
    await flushPromises();
    expect(headlineMinutes()).toEqual([0]);
    poller.resume();
    await clock.advance(5 * MIN);
    expect(headlineMinutes()).toEqual([0, 61, 66]);
  });

  it('resume before the next poll is due keeps its time', async () => {
    const { clock, poller, headlineMinutes } = setup();
    poller.start();
    await clock.advance(MIN);
    poller.pause();
    await clock.advance(2 * MIN);
    poller.resume();
    expect(poller.state().nextPollAt).toEqual(new Date(T0 + 5 * MIN));
    await clock.advance(7 * MIN);
    expect(headlineMinutes()).toEqual([0, 5, 10]);
  });

  it('started while paused: the first poll waits for resume', async () => {
    const { clock, poller, headlineMinutes } = setup();
    poller.pause();
    poller.start();
    await clock.advance(10 * MIN);
    expect(headlineMinutes()).toEqual([]);
    poller.resume();
    await clock.advance(5 * MIN);
    expect(headlineMinutes()).toEqual([10, 15]);
  });

  it('a manual refresh before start does not schedule; start then polls at once', async () => {
    const { clock, poller, headlineMinutes } = setup();
    await poller.pollNow();
    await clock.advance(30 * MIN);
    expect(headlineMinutes()).toEqual([0]);
    poller.start();
    await clock.advance(5 * MIN);
    expect(headlineMinutes()).toEqual([0, 30, 35]);
  });

  it('a manual refresh works while paused, and does not restart the schedule', async () => {
    const { clock, poller, headlineMinutes } = setup();
    poller.start();
    await clock.advance(MIN);
    poller.pause();
    expect((await poller.pollNow()).ok).toBe(true);
    await clock.advance(HOUR);
    expect(headlineMinutes()).toEqual([0, 1]);
    expect(poller.state().status).toBe('paused');
  });

  it('stop waits for the poll in flight to finish its writes, then nothing more runs', async () => {
    // A source that ignores the abort signal: stop() must still wait for it.
    const gate = deferred<StatsSnapshot>();
    const source = new FakeSource((query, call) => (call === 1 ? gate.promise : snapshotFor(query.window)));
    const { clock, poller, store } = setup({ source });
    poller.start();
    await flushPromises();
    let stopped = false;
    const stopping = poller.stop().then(() => {
      stopped = true;
    });
    await clock.advance(MIN);
    expect(stopped).toBe(false);
    expect(poller.state().status).toBe('stopped');

    gate.resolve(snapshotFor({ start: new Date(T0 - DAY), end: new Date(T0) }));
    await stopping;
    // The poll finished whole: its headline, then its record (the hourly fetches were cancelled).
    expect(store.log).toEqual(['saveSnapshot', 'recordPoll ok']);
    const calls = source.calls.length;
    await clock.advance(DAY);
    expect(source.calls).toHaveLength(calls);
    expect(clock.pending).toBe(0);
    await expect(poller.pollNow()).rejects.toThrow(/stopped/);
    poller.start();
    poller.wake();
    poller.resume();
    await flushPromises();
    expect(source.calls).toHaveLength(calls);
  });

  it('stop cancels a request that honours the signal: it returns at once and nothing is stored', async () => {
    const source = new FakeSource((_query, _call, signal) => new Promise<StatsSnapshot>((_resolve, reject) => signal?.addEventListener('abort', () => reject(signal.reason))));
    const { poller, store, results } = setup({ source });
    poller.start();
    await flushPromises();
    await poller.stop();
    expect(store.log).toEqual([]);
    expect(results).toEqual([]); // onPoll is not told about a cancelled poll
    expect(poller.state().lastResult?.error?.kind).toBe('cancelled');
  });

  it('stop when idle clears the timer; stop twice is the same stop', async () => {
    const { clock, poller } = setup();
    poller.start();
    await flushPromises();
    expect(clock.pending).toBe(1);
    const first = poller.stop();
    expect(poller.stop()).toBe(first);
    await first;
    expect(clock.pending).toBe(0);
  });
});

describe('createPoller: failures never stop polling', () => {
  it('a store that throws: storage failures, back-off, and polling goes on to recover', async () => {
    const { clock, store, poller, headlineMinutes, results } = setup();
    store.failing.add('saveSnapshot');
    poller.start();
    await clock.advance(15 * MIN);
    expect(results.map((r) => r.error?.kind)).toEqual(['storage', 'storage', 'storage']);
    expect(store.polls.map((p) => p.result)).toEqual(['storage', 'storage', 'storage']);
    expect(poller.state().consecutiveFailures).toBe(3);

    store.failing.clear();
    await clock.advance(25 * MIN);
    expect(headlineMinutes()).toEqual([0, 5, 15, 35, 40]);
    expect(results.at(-1)?.ok).toBe(true);
    expect(poller.state().consecutiveFailures).toBe(0);
  });

  it('a store whose every call throws, and an onPoll that throws, still leave the schedule running', async () => {
    const store = new FakeHistoryStore();
    for (const call of ['saveSnapshot', 'saveHour', 'recordPoll', 'completeHours', 'prune'] as const) store.failing.add(call);
    const { clock, poller, headlineMinutes } = setup({
      store,
      onPoll: () => {
        throw new Error('listener bug');
      },
    });
    poller.start();
    await clock.advance(35 * MIN);
    expect(headlineMinutes()).toEqual([0, 5, 15, 35]);
    expect(poller.state().lastResult?.error?.kind).toBe('storage');
  });

  it('refuses an interval under a minute', () => {
    expect(() => setup({ settings: { intervalMinutes: 0.5 } })).toThrow(RangeError);
    expect(() => setup({ settings: { intervalMinutes: Number.NaN } })).toThrow(RangeError);
    expect(() => setup({ settings: { backfillHours: -1 } })).toThrow(RangeError);
    expect(() => setup({ settings: { intervalMinutes: 1 } })).not.toThrow();
  });
});
