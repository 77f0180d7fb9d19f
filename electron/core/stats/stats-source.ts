// The one interface between "where stats come from" and everything that uses them. Roboflow's
// inference-stats endpoint is the first implementation; a later one (Vision Events, the
// simulator, a replay file) plugs in here without touching the poller, store, rules or UI.
import type { StatsSnapshot, TimeWindow } from './types';

export interface StatsQuery {
  readonly window: TimeWindow;
  /** Model ids to restrict to; absent or empty = every model in the workspace. */
  readonly models?: readonly string[] | undefined;
}

export interface FetchStatsOptions {
  /** Aborting rejects the call with the signal's reason (not a StatsError): the caller asked. */
  readonly signal?: AbortSignal | undefined;
}

export interface StatsSource {
  /**
   * Resolves with the snapshot for `query.window`. Rejects with one of the StatsError kinds
   * (see errors.ts) on any failure, with `signal.reason` when the caller aborts, and with a
   * RangeError/TypeError for a malformed query (a programming error, not an API failure).
   */
  fetchStats(query: StatsQuery, options?: FetchStatsOptions): Promise<StatsSnapshot>;
}
