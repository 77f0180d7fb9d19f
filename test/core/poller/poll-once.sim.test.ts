// The poller's fetching and storing against the real simulator over loopback HTTP. The
// simulator runs in scenario time (offsetMs 0) on the FakeClock's time, so a simulated day
// of polling takes a second and faults arrive by the simulated clock.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPoller, pollOnce, type PollResult } from '../../../electron/core/poller';
import { createRoboflowSource, type StatsSource } from '../../../electron/core/stats';
import { createSimulation, loadScenario, startSimulator, type RunningSimulator, type Scenario } from '../../../electron/sim';
import { expectedFromRaw } from '../../integration/helpers';
import { FakeClock } from './fake-clock';
import { FakeHistoryStore } from './fake-store';

const MIN = 60_000;
const HOUR = 60 * MIN;
const DAY = 24 * HOUR;
const hourOf = (ms: number) => Math.floor(ms / HOUR) * HOUR;
const iso = (ms: number) => new Date(ms).toISOString();

/** A simulator whose clock is whichever FakeClock the test points it at. */
async function simulatorOn(scenario: Scenario) {
  const time = { clock: new FakeClock(0) };
  const server = await startSimulator({ scenario, port: 0, offsetMs: 0, now: () => time.clock.nowMs });
  const client = (timeoutMs = 5_000): StatsSource =>
    createRoboflowSource({ baseUrl: server.url, workspace: scenario.workspace, apiKey: scenario.apiKey, fetch: globalThis.fetch, timeoutMs });
  return { time, server, client };
}

describe('pollOnce against the demo simulator: 6 hours of 5-minute polls from an empty store', () => {
  const scenario = loadScenario('demo');
  const sim = createSimulation(scenario);
  // 1 min 10 s past the hour: every hour's first poll comes before the 2-min settle, its second after.
  const START = Date.parse('2026-11-08T12:01:10Z');
  const POLLS = 72;
  let server: RunningSimulator;
  const store = new FakeHistoryStore();
  const results: PollResult[] = [];
  /** Per poll: the hours it stored as complete, in order. */
  const completedByPoll: number[][] = [];

  beforeAll(async () => {
    const simulator = await simulatorOn(scenario);
    server = simulator.server;
    const clock = new FakeClock(START);
    simulator.time.clock = clock;
    const source = simulator.client();
    for (let i = 0; i < POLLS; i++) {
      clock.set(START + i * 5 * MIN);
      const before = store.hoursSaved.length;
      results.push(await pollOnce({ source, store, clock }, clock.now()));
      completedByPoll.push(store.hoursSaved.slice(before).filter((saved) => saved.complete).map((saved) => saved.hour));
    }
  });
  afterAll(() => server.close());

  const firstCurrent = hourOf(START);
  const lastCurrent = hourOf(START + (POLLS - 1) * 5 * MIN);

  it('every poll succeeds and is recorded once', () => {
    expect(results.every((r) => r.ok)).toBe(true);
    expect(store.polls).toHaveLength(POLLS);
    expect(store.polls.every((p) => p.result === 'ok')).toBe(true);
    expect(store.snapshotsSaved).toHaveLength(POLLS);
    expect(store.prunes).toHaveLength(POLLS);
  });

  it('backfill fills the 48 h, the same hours on earlier days first, at most 3 per poll besides the hour that just ended', () => {
    const backfilled = completedByPoll.map((hours, i) => hours.filter((h) => h !== hourOf(START + i * 5 * MIN) - HOUR));
    expect(Math.max(...backfilled.map((hours) => hours.length))).toBe(3);
    expect([...(backfilled[0] ?? [])].sort((a, b) => a - b)).toEqual([firstCurrent - 48 * HOUR, firstCurrent - 25 * HOUR, firstCurrent - 24 * HOUR]);
    const order = backfilled.slice(1).flat();
    expect(order).toEqual([...order].sort((a, b) => a - b));
    // 47 hours before the first poll's ended hour, three a poll: done within 16 polls.
    expect(backfilled.slice(16).flat()).toEqual([]);
  });

  it('ends with every hour of the range stored complete, each exactly once', () => {
    const expected: string[] = [];
    for (let h = firstCurrent - 48 * HOUR; h < lastCurrent; h += HOUR) expected.push(iso(h));
    expect(store.completeHourStarts().map(iso)).toEqual(expected);
    const completeSaves = store.hoursSaved.filter((saved) => saved.complete).map((saved) => iso(saved.hour));
    expect(completeSaves.sort()).toEqual(expected); // a complete hour is final: never fetched again
    // The last 48 h in particular.
    expect(expected.slice(-48)[0]).toBe(iso(lastCurrent - 48 * HOUR));
  });

  it('refreshes the running hour on every poll, as incomplete', () => {
    results.forEach((result, i) => {
      const current = hourOf(result.at.getTime());
      const saves = store.hoursSaved.filter((saved) => saved.hour === current && !saved.complete);
      expect(saves.length, `poll ${i}`).toBeGreaterThan(0);
    });
    expect(store.hoursSaved.filter((saved) => saved.hour === lastCurrent).every((saved) => !saved.complete)).toBe(true);
  });

  it("stores each complete hour with exactly the simulator's figures for [h, h + 1 h)", () => {
    for (const hour of store.completeHourStarts()) {
      const saved = store.hours.get(hour);
      const expected = expectedFromRaw(sim.stats({ startMs: hour, endMs: hour + HOUR }));
      expect(saved?.snapshot.window).toEqual({ start: new Date(hour), end: new Date(hour + HOUR) });
      expect(saved?.snapshot.totals, iso(hour)).toEqual(expected.totals);
      expect(saved?.snapshot.models).toEqual(expected.models);
      expect(saved?.snapshot.classes).toEqual(expected.classes);
    }
  });

  it('stores the headline: the 24 h ending at the poll, as the simulator saw it then', () => {
    const last = results.at(-1);
    const end = Math.floor((last?.at.getTime() ?? 0) / 1000) * 1000;
    const expected = expectedFromRaw(sim.stats({ startMs: end - DAY, endMs: end, asOfMs: last?.at.getTime() }));
    expect(store.latestSnapshot()?.snapshot.totals).toEqual(expected.totals);
    expect(store.latestSnapshot()?.snapshot.window).toEqual({ start: new Date(end - DAY), end: new Date(end) });
  });
});

describe('the poller through the incidents scenario\'s API faults', () => {
  const scenario = loadScenario('incidents');
  let simulator: Awaited<ReturnType<typeof simulatorOn>>;
  beforeAll(async () => {
    simulator = await simulatorOn(scenario);
  });
  afterAll(() => simulator.server.close());

  interface Observed {
    readonly minute: number;
    readonly kind: string;
    readonly retryAfterSeconds: number | undefined;
    /** Snapshots and hours stored by this poll. */
    readonly dataWrites: number;
  }

  /** Runs the real poller from `startIso` for `count` polls, in simulated time, and says what each did. */
  async function watch(startIso: string, count: number, timeoutMs?: number) {
    const start = Date.parse(startIso);
    const clock = new FakeClock(start);
    simulator.time.clock = clock;
    const store = new FakeHistoryStore();
    const observed: Observed[] = [];
    let writes = 0;
    const onPoll = (result: PollResult) => {
      observed.push({
        minute: (result.at.getTime() - start) / MIN,
        kind: result.ok ? 'ok' : (result.error?.kind ?? '?'),
        retryAfterSeconds: result.retryAfterSeconds,
        dataWrites: store.dataWrites() - writes,
      });
      writes = store.dataWrites();
    };
    const poller = createPoller({ source: simulator.client(timeoutMs), store, clock, random: () => 0.5, onPoll });
    poller.start();
    while (observed.length < count) {
      // Requests are real I/O: wait (really) while one is in flight, then jump to the next poll.
      if (poller.state().status === 'polling') await new Promise((resolve) => setTimeout(resolve, 2));
      else await clock.runNext();
    }
    await poller.stop();
    return { observed, store };
  }

  it('503 for 20 min: failed polls with back-off store only their record, then polling recovers', async () => {
    const { observed, store } = await watch('2026-11-09T07:52:00Z', 7);
    expect(observed.map((o) => `${o.minute} ${o.kind}`)).toEqual(['0 ok', '5 ok', '10 server', '15 server', '25 server', '45 ok', '50 ok']);
    for (const o of observed.filter((p) => p.kind !== 'ok')) expect(o.dataWrites).toBe(0);
    expect(store.polls.map((p) => p.result)).toEqual(['ok', 'ok', 'server', 'server', 'server', 'ok', 'ok']);
    expect(store.polls[2]?.message).toContain('503');
    // The hour that ended during the outage is fetched complete once the API is back.
    expect(store.completeHourStarts()).toContain(Date.parse('2026-11-09T07:00:00Z'));
  });

  it('429 with Retry-After 120: rate_limited records, the wait honoured, then recovery', async () => {
    const { observed, store } = await watch('2026-11-10T15:57:00Z', 5);
    expect(observed.map((o) => `${o.minute} ${o.kind}`)).toEqual(['0 ok', '5 rate_limited', '10 rate_limited', '20 ok', '25 ok']);
    for (const [i, o] of observed.entries()) {
      if (o.kind !== 'rate_limited') continue;
      expect(o.retryAfterSeconds).toBe(120);
      expect(o.dataWrites).toBe(0);
      expect((observed[i + 1]?.minute ?? 0) - o.minute).toBeGreaterThanOrEqual(2);
    }
    expect(store.polls.filter((p) => p.result === 'rate_limited')).toHaveLength(2);
  });

  it('a server that never answers: timeout records after the client\'s 300 ms, then recovery', async () => {
    const { observed, store } = await watch('2026-11-11T05:57:00Z', 5, 300);
    expect(observed.map((o) => `${o.minute} ${o.kind}`)).toEqual(['0 ok', '5 timeout', '10 timeout', '20 ok', '25 ok']);
    for (const o of observed.filter((p) => p.kind === 'timeout')) expect(o.dataWrites).toBe(0);
    expect(store.polls.filter((p) => p.result === 'timeout').map((p) => p.message)).toEqual([expect.stringContaining('300 ms'), expect.stringContaining('300 ms')]);
  });
});
