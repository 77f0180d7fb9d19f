// Which hourly windows a poll fetches. Pure: the poller asks the store which hours are already
// complete and this decides the rest, so the policy is table-tested without a database.
import type { TimeWindow } from '../stats/types';
import { DAY_MS, HOUR_MS, MINUTE_MS } from '../time';

export const DEFAULT_BACKFILL_HOURS = 48;
export const DEFAULT_MAX_BACKFILL_PER_POLL = 3;
/** Self-hosted inference servers report once a minute: an hour is final a little after it ends. */
export const DEFAULT_SETTLE_MS = 2 * MINUTE_MS;

export type HourlyFetchReason = 'current' | 'ended' | 'backfill';

export interface HourlyFetch {
  /** Exactly [h, h + 1 h), h a whole UTC hour. */
  readonly window: TimeWindow;
  /** Stored as final (true) or to be refreshed by a later poll (false). */
  readonly complete: boolean;
  readonly reason: HourlyFetchReason;
}

export interface HourlyPlanInput {
  readonly now: Date;
  /** Start times of the hours the store already holds as complete (others are ignored). */
  readonly completeHours: readonly Date[];
  /** How far back missing completed hours are filled, counted back from the current hour. */
  readonly backfillHours?: number;
  /** At most this many backfill fetches per poll, so a fresh install never floods the API. */
  readonly maxPerPoll?: number;
  readonly settleMs?: number;
}

export function hourStartMs(ms: number): number {
  return Math.floor(ms / HOUR_MS) * HOUR_MS;
}

/** The completed hours a poll at `now` looks after: the `backfillHours` hours before the current one. */
export function backfillWindow(now: Date, backfillHours = DEFAULT_BACKFILL_HOURS): TimeWindow {
  const current = hourStartMs(now.getTime());
  return { start: new Date(current - backfillHours * HOUR_MS), end: new Date(current) };
}

/**
 * The hours to fetch at `now`, in order: the running hour (always, incomplete); the hour that
 * just ended (complete once `settleMs` past its end, refreshed as incomplete before that);
 * then missing completed hours of the backfill range, at most `maxPerPoll`: the same hours on
 * earlier days (and the hour before each) first, then oldest first.
 * Hours already complete are final and never fetched again. Nothing starts after `now`.
 */
export function planHourlyFetches(input: HourlyPlanInput): HourlyFetch[] {
  const { now, completeHours, backfillHours = DEFAULT_BACKFILL_HOURS, maxPerPoll = DEFAULT_MAX_BACKFILL_PER_POLL, settleMs = DEFAULT_SETTLE_MS } = input;
  const nowMs = now.getTime();
  if (!Number.isFinite(nowMs)) throw new RangeError('planHourlyFetches: invalid now.');
  requireCount('backfillHours', backfillHours);
  requireCount('maxPerPoll', maxPerPoll);
  if (!(settleMs >= 0 && settleMs < HOUR_MS)) throw new RangeError(`settleMs must be from 0 to under an hour (got ${settleMs}).`);

  const current = hourStartMs(nowMs);
  const ended = current - HOUR_MS;
  const done = new Set(completeHours.map((hour) => hour.getTime()));

  const plan: HourlyFetch[] = [hourFetch(current, false, 'current')];
  if (!done.has(ended)) plan.push(hourFetch(ended, nowMs >= current + settleMs, 'ended'));
  const first = current - backfillHours * HOUR_MS;
  const missing = (hour: number) => hour >= first && hour < ended && !done.has(hour);
  // The same hours on earlier days first (and the hour before each, which the last 30 or 60
  // minutes straddle): the alert rules' same-time-of-day baselines exist from the first poll
  // after an install instead of after the whole backfill. The rest oldest first.
  const sameTime = [];
  for (let day = 1; current - day * DAY_MS >= first; day++) sameTime.push(current - day * DAY_MS, current - day * DAY_MS - HOUR_MS);
  const rest = [];
  for (let hour = first; hour < ended; hour += HOUR_MS) rest.push(hour);
  const order = [...new Set([...sameTime, ...rest])].filter(missing);
  for (const hour of order.slice(0, maxPerPoll)) plan.push(hourFetch(hour, true, 'backfill'));
  return plan;
}

function hourFetch(startMs: number, complete: boolean, reason: HourlyFetchReason): HourlyFetch {
  return { window: { start: new Date(startMs), end: new Date(startMs + HOUR_MS) }, complete, reason };
}

function requireCount(name: string, value: number): void {
  if (!Number.isInteger(value) || value < 0) throw new RangeError(`${name} must be a whole number, 0 or more (got ${value}).`);
}
