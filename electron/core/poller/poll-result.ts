// What one poll produced, for the poller's schedule, the UI's status line and the CLI.
import type { PollRecord } from '../history/types';
import type { StatsSnapshot } from '../stats/types';

/** The short windows ending at the poll, fetched for the alert detector (with their prev_* periods). */
export interface RecentWindows {
  /** The short window, [at − 30 min, at) by default (settings.shortWindowMinutes); previous: the same length before. */
  readonly short: StatsSnapshot;
  /** [at − 1 h, at); previous: the hour before. */
  readonly hour: StatsSnapshot;
}

/** A failed poll's kind as stored ('storage' or a StatsError kind), or 'cancelled' by stop(). */
export type PollErrorKind = Exclude<PollRecord['result'], 'ok'> | 'cancelled';

export interface PollError {
  readonly kind: PollErrorKind;
  /** One line for the user, already redacted. */
  readonly message: string;
}

export interface PollResult {
  /** When the poll started (the headline window ends here, to the second). */
  readonly at: Date;
  /** The headline was fetched and everything fetched was stored. */
  readonly ok: boolean;
  readonly error?: PollError;
  /** The headline snapshot, when it was fetched (even if saving it then failed). */
  readonly snapshot?: StatsSnapshot;
  /** The detector's windows, when asked for (settings.recentWindows) and fetched. */
  readonly recent?: RecentWindows;
  /** A recent-window fetch that failed after a good headline: the poll is still ok; the detector waits. */
  readonly recentError?: PollError;
  /** Hourly windows fetched and stored by this poll. */
  readonly hoursFetched: number;
  /** An hourly fetch that failed after a good headline: the poll is still ok; next poll retries. */
  readonly hourlyError?: PollError;
  /** The server's Retry-After, from whichever request of this poll was rate-limited. */
  readonly retryAfterSeconds?: number;
}
