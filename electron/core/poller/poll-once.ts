// One poll: the headline snapshot, the hourly windows the planner asks for, one batch of
// retention, and exactly one poll record. Never throws: a failed poll must not stop polling.
import { windowEndingAt } from '../headline-window';
import type { HistoryStore, PollRecord } from '../history/types';
import { isStatsError, RateLimited } from '../stats/errors';
import type { StatsSource } from '../stats/stats-source';
import { HOUR_MS, MINUTE_MS } from '../time';
import { backfillWindow, planHourlyFetches } from './backfill';
import { systemClock, type Clock } from './clock';
import type { PollError, PollResult, RecentWindows } from './poll-result';
import { resolvePollSettings, type PollSettings, type ResolvedPollSettings } from './settings';

export interface PollDeps {
  readonly source: StatsSource;
  readonly store: HistoryStore;
  /** For fetch times and the poll's duration. Default: the system clock. */
  readonly clock?: Pick<Clock, 'now'> | undefined;
  readonly settings?: PollSettings | undefined;
  /** Aborted by the poller's stop(): requests in flight end; a store write is never cut short. */
  readonly signal?: AbortSignal | undefined;
}

interface Failure {
  readonly ok: false;
  readonly error: PollError;
  readonly retryAfterSeconds?: number;
}
type Step<T> = { readonly ok: true; readonly value: T } | Failure;

const CANCELLED: PollError = { kind: 'cancelled', message: 'Stopped before Roboflow answered; nothing was stored.' };

export async function pollOnce(deps: PollDeps, now: Date): Promise<PollResult> {
  const clock = deps.clock ?? systemClock;
  let result: PollResult;
  try {
    result = await fetchAndStore(deps, resolvePollSettings(deps.settings), clock, now);
  } catch (error) {
    // Everything fetchAndStore calls is caught where it is called: this guards bugs between
    // (and settings the poller would have refused at creation).
    result = { at: now, ok: false, error: unexpected(error), hoursFetched: 0 };
  }
  // Cancelled before the headline arrived: not an outcome of Roboflow's, so no poll record
  // (availability must not count a Ctrl-C as an outage).
  if (result.error?.kind === 'cancelled') return result;
  return record(deps.store, result, clock);
}

async function fetchAndStore(deps: PollDeps, settings: ResolvedPollSettings, clock: Pick<Clock, 'now'>, now: Date): Promise<PollResult> {
  const { source, store, signal } = deps;
  const window = windowEndingAt(now, settings.window);
  const headline = await attempt(() => source.fetchStats({ window, models: settings.models }, { signal }), signal);
  if (!headline.ok) return { at: now, ok: false, error: headline.error, hoursFetched: 0, ...retryAfterOf(headline) };
  const snapshot = headline.value;
  const saved = storing(() => store.saveSnapshot(snapshot, clock.now()));
  if (!saved.ok) return { at: now, ok: false, error: saved.error, snapshot, hoursFetched: 0 };

  const recent = settings.recentWindows ? await fetchRecent(deps, settings, now) : undefined;
  if (recent !== undefined && !recent.ok && recent.error.kind === 'cancelled') return { at: now, ok: false, error: recent.error, snapshot, hoursFetched: 0 };
  const detection = recent === undefined ? {} : recent.ok ? { recent: recent.value } : { recentError: recent.error, ...retryAfterOf(recent) };
  // After a failed or rate-limited recent fetch, the hourly plan waits for the next poll too.
  const hourly = recent === undefined || recent.ok ? await fetchHours(deps, settings, clock, now) : { hoursFetched: 0 };
  const done = { at: now, snapshot, hoursFetched: hourly.hoursFetched, ...detection, ...retryAfterOf(hourly.hourlyFailure) };
  if (hourly.storageError !== undefined) return { ...done, ok: false, error: hourly.storageError };
  const withHourly = hourly.hourlyFailure === undefined ? done : { ...done, hourlyError: hourly.hourlyFailure.error };

  // Retention is housekeeping: skipped when stopping, so that stop() returns promptly.
  if (!hourly.cancelled) {
    const pruned = storing(() => store.prune(now, settings.retention));
    if (!pruned.ok) return { ...withHourly, ok: false, error: pruned.error };
  }
  return { ...withHourly, ok: true };
}

/** The detector's two windows (the short one, then the hour), ending at the poll's start (whole seconds, as the headline's). */
async function fetchRecent(deps: PollDeps, settings: ResolvedPollSettings, now: Date): Promise<Step<RecentWindows>> {
  const { source, signal } = deps;
  const { models } = settings;
  const end = windowEndingAt(now, '1h').end;
  const window = (ms: number) => ({ start: new Date(end.getTime() - ms), end });
  const short = await attempt(() => source.fetchStats({ window: window(settings.shortWindowMinutes * MINUTE_MS), models }, { signal }), signal);
  if (!short.ok) return short;
  const hour = await attempt(() => source.fetchStats({ window: window(HOUR_MS), models }, { signal }), signal);
  if (!hour.ok) return hour;
  return { ok: true, value: { short: short.value, hour: hour.value } };
}

interface HourlyOutcome {
  readonly hoursFetched: number;
  /** The first hourly fetch that failed; the rest of the plan waits for the next poll. */
  readonly hourlyFailure?: Failure;
  readonly storageError?: PollError;
  readonly cancelled?: boolean;
}

async function fetchHours(deps: PollDeps, settings: ResolvedPollSettings, clock: Pick<Clock, 'now'>, now: Date): Promise<HourlyOutcome> {
  const { source, store, signal } = deps;
  const known = storing(() => store.completeHours(backfillWindow(now, settings.backfillHours)));
  if (!known.ok) return { hoursFetched: 0, storageError: known.error };

  const plan = planHourlyFetches({
    now,
    completeHours: known.value,
    backfillHours: settings.backfillHours,
    maxPerPoll: settings.maxBackfillPerPoll,
    settleMs: settings.settleMs,
  });
  let hoursFetched = 0;
  for (const planned of plan) {
    if (signal?.aborted) return { hoursFetched, cancelled: true }; // whatever the source does with a dead signal
    const fetched = await attempt(() => source.fetchStats({ window: planned.window, models: settings.models }, { signal }), signal);
    if (!fetched.ok) {
      if (fetched.error.kind === 'cancelled') return { hoursFetched, cancelled: true };
      // Stop here rather than press an API that just failed or rate-limited us: every hour
      // not yet stored complete is planned again by the next poll.
      return { hoursFetched, hourlyFailure: fetched };
    }
    const saved = storing(() => store.saveHour(fetched.value, clock.now(), planned.complete));
    if (!saved.ok) return { hoursFetched, storageError: saved.error };
    hoursFetched += 1;
  }
  return { hoursFetched };
}

/** Records the poll once. A record that cannot be written turns an ok poll into a storage failure. */
function record(store: HistoryStore, result: PollResult, clock: Pick<Clock, 'now'>): PollResult {
  const durationMs = Math.max(0, clock.now().getTime() - result.at.getTime());
  const entry: PollRecord =
    result.ok || result.error === undefined || result.error.kind === 'cancelled'
      ? { startedAt: result.at, durationMs, result: 'ok' }
      : { startedAt: result.at, durationMs, result: result.error.kind, message: result.error.message };
  const written = storing(() => store.recordPoll(entry));
  if (written.ok || !result.ok) return result;
  return { ...result, ok: false, error: { kind: 'storage', message: `The poll's figures were saved but its outcome could not be: ${written.error.message}` } };
}

async function attempt<T>(fetch: () => Promise<T>, signal: AbortSignal | undefined): Promise<Step<T>> {
  try {
    return { ok: true, value: await fetch() };
  } catch (error) {
    if (signal?.aborted) return { ok: false, error: CANCELLED };
    if (!isStatsError(error)) return { ok: false, error: unexpected(error) };
    const failure: Failure = { ok: false, error: { kind: error.kind, message: oneLine(error.message) } };
    return error instanceof RateLimited && error.retryAfterSeconds !== undefined ? { ...failure, retryAfterSeconds: error.retryAfterSeconds } : failure;
  }
}

/** One synchronous store call; a throw becomes a 'storage' failure carrying the store's message. */
function storing<T>(call: () => T): Step<T> {
  try {
    return { ok: true, value: call() };
  } catch (error) {
    const message = error instanceof Error ? error.message || error.name : safeString(error);
    return { ok: false, error: { kind: 'storage', message: oneLine(message) } };
  }
}

/**
 * Anything but a StatsError from the source is a bug (a malformed query, say). Its message is
 * not shown: it has not been through the key's redaction. PollRecord has no kind for bugs, so
 * it is filed as an unusable answer.
 */
function unexpected(error: unknown): PollError {
  const name = error instanceof Error ? error.name : typeof error;
  return { kind: 'bad_response', message: `The poll failed unexpectedly (${name}); this is a Pulsebar bug worth reporting.` };
}

function retryAfterOf(failure: Failure | undefined): { retryAfterSeconds?: number } {
  return failure?.retryAfterSeconds === undefined ? {} : { retryAfterSeconds: failure.retryAfterSeconds };
}

function safeString(value: unknown): string {
  try {
    return String(value);
  } catch {
    return 'unknown error';
  }
}

/** PollRecord messages are one line. */
function oneLine(text: string): string {
  const line = text.replace(/\s+/g, ' ').trim();
  return line === '' ? 'no message' : line;
}
