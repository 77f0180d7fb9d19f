// openHistory: the SQLite history behind the HistoryStore and AlertLog contracts.
import type { TimeWindow } from '../stats/types';
import { createAlertLog } from './alert-log';
import { connect, type Connection } from './connection';
import type { StoreContext } from './context';
import { completeHours, hourlyBuckets, saveHour } from './hourly';
import { prepareSchema, type Migration } from './migrations';
import { createPendingHours } from './pending-hours';
import { availability, coverage, recordPoll } from './polls';
import { createPruner } from './retention';
import { seenSeries } from './seen';
import { createArchiveReader } from './snapshot-archive';
import { createSeriesRegistry } from './series-registry';
import { querySeries } from './series-query';
import { latestSnapshot, saveSnapshot, snapshotAt, snapshotSummaries, snapshotsIn, type SnapshotSummary } from './snapshots';
import { DEFAULT_RETENTION, type AlertLog, type HistoryStore } from './types';

export interface OpenHistoryOptions {
  /** The clock (for when migrations ran). Default: the system clock. */
  readonly now?: () => Date;
  /**
   * Open for reading only: nothing is created, migrated or written, and every write throws a
   * HistoryError 'storage'. For readers next to a running writer (`pulsebar history`, export).
   */
  readonly readOnly?: boolean;
}

/** The SQLite history: the HistoryStore contract and the alert log, plus what only a local database offers. */
export interface LocalHistory extends HistoryStore, AlertLog {
  /** The database file (absolute), or ':memory:'. */
  readonly path: string;
  /** Snapshots fetched within the window, oldest first, without decoding their payloads. */
  snapshotSummaries(window: TimeWindow): SnapshotSummary[];
}

export const DEFAULT_PRUNE_BATCH_ROWS = 5_000;

/**
 * Opens (creating it and its folder if missing) and upgrades the history database at `path`.
 * Throws a HistoryError: 'newer_schema' for a file from a newer Pulsebar, 'corrupt' for a file
 * that is not a Pulsebar database, 'storage' when the folder or file cannot be used.
 */
export function openHistory(path: string, options: OpenHistoryOptions = {}): LocalHistory {
  const readOnly = options.readOnly === true;
  return historyOn(connect(path, { readOnly }), options);
}

/** The store on an open connection (tests use it to bend the connection: a full disk, say). */
export function historyOn(connection: Connection, options: OpenHistoryOptions & { readonly migrations?: readonly Migration[] } = {}): LocalHistory {
  try {
    prepareSchema(connection, { now: options.now ?? (() => new Date()), readOnly: options.readOnly === true, migrations: options.migrations });
  } catch (error) {
    connection.close({ fold: false }); // a refused file is left exactly as it was
    throw error;
  }
  const context: StoreContext = { connection, series: createSeriesRegistry(connection), archives: createArchiveReader(connection), pendingHours: createPendingHours(connection) };
  const pruner = createPruner(context);
  return {
    path: connection.path,
    saveSnapshot: (snapshot, fetchedAt) => saveSnapshot(context, snapshot, fetchedAt),
    saveHour: (snapshot, fetchedAt, complete) => saveHour(context, snapshot, fetchedAt, complete),
    recordPoll: (record) => recordPoll(context, record),
    completeHours: (window) => completeHours(context, window),
    series: (query) => querySeries(context, query),
    hourlyBuckets: (window, scope) => hourlyBuckets(context, window, scope),
    latestSnapshot: () => latestSnapshot(context),
    snapshotAt: (at) => snapshotAt(context, at),
    snapshots: (window) => snapshotsIn(context, window),
    snapshotSummaries: (window) => snapshotSummaries(context, window),
    seen: () => seenSeries(context),
    availability: (window) => availability(context, window),
    coverage: () => coverage(context),
    prune: (now, retention = DEFAULT_RETENTION, batchRows = DEFAULT_PRUNE_BATCH_ROWS) => pruner.prune(now, retention, batchRows),
    close: () => connection.close(),
    ...createAlertLog(context),
  };
}
