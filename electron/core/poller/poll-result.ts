// What one poll produced, for the poller's schedule, the UI's status line and the CLI.
import type { PollRecord } from '../history/types';
import type { StatsSnapshot } from '../stats/types';

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
  /** Hourly windows fetched and stored by this poll. */
  readonly hoursFetched: number;
  /** An hourly fetch that failed after a good headline: the poll is still ok; next poll retries. */
  readonly hourlyError?: PollError;
  /** The server's Retry-After, from whichever request of this poll was rate-limited. */
  readonly retryAfterSeconds?: number;
}
