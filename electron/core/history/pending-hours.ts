// Hours not yet filed into `hourly`. The hourly table is keyed (series, hour) for the sparkline
// reads, so writing one hour there touches one page per series (~220 pages, ~1 MB of WAL). The
// poller saves the running hour at every poll: done that way, a poll's writes measured p50 3 ms,
// p99 ~50 ms (a checkpoint every few polls). So saveHour writes an hour's series as one
// compressed blob in `hours.pending_rows` (one page), and retention files complete hours (and
// hours too old ever to complete) into `hourly` after the poll. Readers see both, the same way.
import { deflateRawSync, inflateRawSync } from 'node:zlib';
import type { Connection } from './connection';
import { FIGURE_COLUMNS } from './figure-columns';
import type { MicroFigures } from './micro';
import { PayloadError } from './payload-reading';
import { bytesOf, numberOf, rowsOf } from './values';

/** One series of an hour as stored: its id, then the figures in FIGURE_COLUMNS order. */
export type HourRow = readonly [number, number | null, number | null, number | null, number | null, number | null, number | null];

export function encodeHourRows(rows: readonly HourRow[]): Buffer {
  return deflateRawSync(JSON.stringify(rows), { level: 1 }); // rewritten every poll: speed over size
}

export function decodeHourRows(blob: Buffer): HourRow[] {
  let rows: unknown;
  try {
    rows = JSON.parse(inflateRawSync(blob).toString('utf8'));
  } catch (error) {
    throw new PayloadError(`unreadable pending hour (${error instanceof Error ? error.message : String(error)})`);
  }
  if (!Array.isArray(rows) || rows.some((row) => !Array.isArray(row) || row.length !== 7 || typeof row[0] !== 'number')) {
    throw new PayloadError('pending hour has the wrong shape');
  }
  return rows as HourRow[];
}

const figuresOfRow = (row: HourRow): MicroFigures => ({
  inferences: row[1],
  errors: row[2],
  avgConfidence: row[3],
  medianConfidence: row[4],
  avgResponseTime: row[5],
  detections: row[6],
});

export interface PendingHour {
  readonly complete: boolean;
  /** Series id -> figures. */
  readonly rows: ReadonlyMap<number, MicroFigures>;
}

/** Reads pending hours, keeping the decoded ones until their hour is saved again. */
export interface PendingHours {
  /** The pending hours starting in [first, end), by hour index. */
  inRange(first: number, end: number): Map<number, PendingHour>;
  /** Forgets an hour this process has just rewritten or filed. */
  forget(hour: number): void;
}

const CACHED_HOURS = 256;

export function createPendingHours(connection: Connection): PendingHours {
  const cache = new Map<number, PendingHour & { readonly fetchedAt: number }>();
  return {
    inRange(first, end) {
      const pending = new Map<number, PendingHour>();
      const listed = rowsOf(connection.statement('SELECT hour, complete, fetched_at FROM hours WHERE hour >= ? AND hour < ? AND pending_rows IS NOT NULL').all(first, end));
      for (const row of listed) {
        const hour = numberOf(row.hour);
        const fetchedAt = numberOf(row.fetched_at);
        let entry = cache.get(hour);
        if (entry?.fetchedAt !== fetchedAt) {
          const blob = rowsOf(connection.statement('SELECT pending_rows FROM hours WHERE hour = ?').all(hour))[0]?.pending_rows;
          if (blob === null || blob === undefined) continue; // filed meanwhile
          entry = { fetchedAt, complete: numberOf(row.complete) === 1, rows: new Map(decodeHourRows(bytesOf(blob)).map((r) => [r[0], figuresOfRow(r)])) };
          if (cache.size >= CACHED_HOURS) cache.delete(cache.keys().next().value ?? hour);
          cache.set(hour, entry);
        }
        pending.set(hour, entry);
      }
      return pending;
    },
    forget: (hour) => void cache.delete(hour),
  };
}

/** Inserts an hour's rows into `hourly` with one statement (2-3 times faster than row by row). */
export function insertHourlyRows(connection: Connection, hour: number, rows: readonly HourRow[]): void {
  if (rows.length === 0) return;
  connection
    .statement(
      `INSERT OR REPLACE INTO hourly (series_id, hour, ${FIGURE_COLUMNS})
       SELECT value ->> 0, ?2, value ->> 1, value ->> 2, value ->> 3, value ->> 4, value ->> 5, value ->> 6 FROM json_each(?1)`,
    )
    .run(JSON.stringify(rows), hour);
}

/**
 * Files pending hours into `hourly`: every complete one, and open ones that started before
 * `openBefore` (too old ever to complete: retention rolls them up as they are). Oldest first,
 * each hour in its own short transaction, about `limit` rows at most. Returns the rows filed.
 */
export function filePendingHours(connection: Connection, pending: PendingHours, openBefore: number, limit: number): number {
  const due = connection.statement('SELECT hour FROM hours WHERE pending_rows IS NOT NULL AND (complete = 1 OR hour < ?) ORDER BY hour LIMIT 1');
  let filed = 0;
  while (filed < limit && hasPendingToFile(connection, openBefore)) {
    const rows = connection.write('file hours into the hourly series', () => {
      const next = rowsOf(due.all(openBefore))[0];
      if (next === undefined) return 0;
      const hour = numberOf(next.hour);
      const blob = rowsOf(connection.statement('SELECT pending_rows FROM hours WHERE hour = ?').all(hour))[0]?.pending_rows;
      const hourRows = decodeHourRows(bytesOf(blob));
      insertHourlyRows(connection, hour, hourRows);
      connection.statement('UPDATE hours SET pending_rows = NULL WHERE hour = ?').run(hour);
      pending.forget(hour);
      return Math.max(hourRows.length, 1);
    });
    if (rows === 0) break;
    filed += rows;
  }
  return filed;
}

/** Whether any hour waits to be filed (complete, or open and older than `openBefore`). */
export function hasPendingToFile(connection: Connection, openBefore: number): boolean {
  return rowsOf(connection.statement('SELECT hour FROM hours WHERE pending_rows IS NOT NULL AND (complete = 1 OR hour < ?) LIMIT 1').all(openBefore)).length > 0;
}
