// The poller's settings, their defaults and their checks. Checked once, when the poller is
// built, so a bad setting fails loudly at start-up rather than as a failed poll every 5 min.
import { DEFAULT_WINDOW, isWindowLength, type WindowLength } from '../headline-window';
import type { RetentionSettings } from '../history/types';
import { HOUR_MS } from '../time';
import { DEFAULT_BACKFILL_HOURS, DEFAULT_MAX_BACKFILL_PER_POLL, DEFAULT_SETTLE_MS } from './backfill';
import { DEFAULT_INTERVAL_MINUTES, MIN_INTERVAL_MINUTES } from './schedule';

/** What one poll fetches. */
export interface PollSettings {
  /** The headline window, ending at the poll's start. Default 24h. */
  readonly window?: WindowLength | undefined;
  /** Only these models (headline and hourly alike); absent or empty = all. */
  readonly models?: readonly string[] | undefined;
  /** Missing completed hours are filled this far back. Default 48. */
  readonly backfillHours?: number | undefined;
  /** Backfill requests per poll at most. Default 3. */
  readonly maxBackfillPerPoll?: number | undefined;
  /** How long after its end an hour is taken as final. Default 2 min. */
  readonly settleMs?: number | undefined;
  /** Passed to store.prune; the store's defaults when absent. */
  readonly retention?: RetentionSettings | undefined;
  /** Also fetch a short window and the last hour for the alert detector. Default false. */
  readonly recentWindows?: boolean | undefined;
  /** The short window's minutes (ModelSilent's silentMinutes). Default 30. */
  readonly shortWindowMinutes?: number | undefined;
}

/** What the poller runs: a poll's settings plus how often. */
export interface PollerSettings extends PollSettings {
  /** Minutes between polls. Default 5, at least 1. */
  readonly intervalMinutes?: number | undefined;
}

export interface ResolvedPollSettings {
  readonly window: WindowLength;
  readonly models: readonly string[] | undefined;
  readonly backfillHours: number;
  readonly maxBackfillPerPoll: number;
  readonly settleMs: number;
  readonly retention: RetentionSettings | undefined;
  readonly recentWindows: boolean;
  readonly shortWindowMinutes: number;
}

export interface ResolvedPollerSettings extends ResolvedPollSettings {
  readonly intervalMinutes: number;
}

/** Fills defaults; throws a RangeError naming the first bad setting. */
export function resolvePollSettings(settings: PollSettings = {}): ResolvedPollSettings {
  const window = settings.window ?? DEFAULT_WINDOW;
  if (!isWindowLength(window)) throw new RangeError(`window must be 1h, 24h or 7d (got ${String(window)}).`);
  const resolved: ResolvedPollSettings = {
    window,
    models: settings.models,
    backfillHours: settings.backfillHours ?? DEFAULT_BACKFILL_HOURS,
    maxBackfillPerPoll: settings.maxBackfillPerPoll ?? DEFAULT_MAX_BACKFILL_PER_POLL,
    settleMs: settings.settleMs ?? DEFAULT_SETTLE_MS,
    retention: settings.retention,
    recentWindows: settings.recentWindows === true,
    shortWindowMinutes: settings.shortWindowMinutes ?? 30,
  };
  if (!(Number.isInteger(resolved.shortWindowMinutes) && resolved.shortWindowMinutes >= 1 && resolved.shortWindowMinutes <= 1440)) {
    throw new RangeError(`shortWindowMinutes must be a whole number of minutes from 1 to 1440 (got ${resolved.shortWindowMinutes}).`);
  }
  requireCount('backfillHours', resolved.backfillHours);
  requireCount('maxBackfillPerPoll', resolved.maxBackfillPerPoll);
  // Past an hour, the backfill would reach hours that have not settled.
  if (!(resolved.settleMs >= 0 && resolved.settleMs < HOUR_MS)) throw new RangeError(`settleMs must be from 0 to under an hour (got ${resolved.settleMs}).`);
  return resolved;
}

export function resolvePollerSettings(settings: PollerSettings = {}): ResolvedPollerSettings {
  const intervalMinutes = settings.intervalMinutes ?? DEFAULT_INTERVAL_MINUTES;
  if (!(Number.isFinite(intervalMinutes) && intervalMinutes >= MIN_INTERVAL_MINUTES)) {
    throw new RangeError(`intervalMinutes must be at least ${MIN_INTERVAL_MINUTES} (got ${intervalMinutes}).`);
  }
  return { ...resolvePollSettings(settings), intervalMinutes };
}

export function requireCount(name: string, value: number): void {
  if (!Number.isInteger(value) || value < 0) throw new RangeError(`${name} must be a whole number, 0 or more (got ${value}).`);
}
