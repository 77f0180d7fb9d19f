// The steps of retention (retention.ts runs them in order, within one budget of rows).
import { statSync } from 'node:fs';
import { HOUR_MS } from '../time';
import type { StoreContext } from './context';
import { FIGURE_COLUMNS, microFromRow, microValues } from './figure-columns';
import type { MicroFigures } from './micro';
import { rollUpHours } from './rollup';
import { archiveNextDay, nextDayToArchive } from './snapshot-archive';
import { HOURS_PER_DAY, dayOfHour } from './time';
import { numberOf, rowOf, rowsOf } from './values';

const TRANSACTION_ROWS = 1_000;
/** Pages (4 KB) released per call: a few ms of work. */
const VACUUM_PAGES = 1_000;
const VACUUM_MIN_PAGES = 256;
const WAL_CHECKPOINT_BYTES = 4 * 1024 * 1024;

/**
 * Archives the oldest thinned day wholly before `beforeDay` (one per call: compressing a day
 * takes ~250 ms for 200-row snapshots). A thinned day has at most 24 snapshots, so it may top
 * the budget up a little rather than never fit a small one.
 */
export function archiveDay({ connection }: StoreContext, beforeDay: number, budget: Budget): Step {
  if (budget.remaining === 0) return { rows: 0, done: nextDayToArchive(connection, beforeDay) === undefined };
  const step = archiveNextDay(connection, beforeDay, Math.max(budget.remaining, 2 * HOURS_PER_DAY));
  budget.spend(step.rows);
  return step;
}

export interface Step {
  readonly rows: number;
  /** False when the budget ran out with work left. */
  readonly done: boolean;
}

export class Budget {
  constructor(private left: number) {}
  get remaining(): number {
    return this.left;
  }
  /** Rows the next transaction may touch. */
  get chunk(): number {
    return Math.min(this.left, TRANSACTION_ROWS);
  }
  spend(rows: number): void {
    this.left = Math.max(0, this.left - rows);
  }
}

/**
 * Runs `work(limit)` on the first series `next()` finds until nothing is left or the budget is
 * spent; `work` returns the rows it handled (0 only when that series has nothing left).
 */
function perSeries(budget: Budget, next: () => number | undefined, work: (id: number, limit: number) => number): Step {
  let rows = 0;
  for (;;) {
    const id = next();
    if (id === undefined) return { rows, done: true };
    if (budget.remaining === 0) return { rows, done: false };
    const handled = work(id, budget.chunk);
    rows += handled;
    budget.spend(handled);
  }
}

export function rollUpOldHours({ connection }: StoreContext, cutoffDay: number, budget: Budget): Step {
  const cutoffHour = cutoffDay * HOURS_PER_DAY;
  const next = connection.statement('SELECT id FROM series s WHERE EXISTS (SELECT 1 FROM hourly h WHERE h.series_id = s.id AND h.hour < ?) ORDER BY id LIMIT 1');
  return perSeries(
    budget,
    () => idOf(next.get(cutoffHour)),
    (id, limit) => connection.write('roll up old hours', () => rollUpChunk(connection, id, cutoffHour, limit)),
  );
}

/** Rolls up the oldest whole days of one series, about `limit` hourly rows at most; returns the rows moved. */
function rollUpChunk(connection: StoreContext['connection'], id: number, cutoffHour: number, limit: number): number {
  const select = connection.statement(`SELECT hour, ${FIGURE_COLUMNS} FROM hourly WHERE series_id = ? AND hour < ? ORDER BY hour LIMIT ?`);
  const rows = rowsOf(select.all(id, cutoffHour, Math.max(limit, HOURS_PER_DAY)));
  const days = new Map<number, MicroFigures[]>();
  for (const row of rows) {
    const day = dayOfHour(numberOf(row.hour));
    const hours = days.get(day) ?? [];
    hours.push(microFromRow(row));
    days.set(day, hours);
  }
  // The limit may have cut the last day short: it waits for the next chunk. At least 24 rows
  // are read, so the first day is always whole.
  if (rows.length === Math.max(limit, HOURS_PER_DAY) && days.size > 1) days.delete(dayOfHour(numberOf(rows.at(-1)?.hour)));
  if (days.size === 0) return 0;
  const insert = connection.statement(`INSERT INTO daily (series_id, day, ${FIGURE_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (series_id, day) DO NOTHING`);
  for (const [day, hours] of days) insert.run(id, day, ...microValues(rollUpHours(hours)));
  const dayList = [...days.keys()];
  const firstHour = Math.min(...dayList) * HOURS_PER_DAY;
  const endHour = Math.min(cutoffHour, (Math.max(...dayList) + 1) * HOURS_PER_DAY);
  return connection.statement('DELETE FROM hourly WHERE series_id = ? AND hour >= ? AND hour < ?').run(id, firstHour, endHour).changes;
}

export function deleteOldDays({ connection }: StoreContext, cutoffDay: number, budget: Budget): Step {
  const next = connection.statement('SELECT id FROM series s WHERE EXISTS (SELECT 1 FROM daily d WHERE d.series_id = s.id AND d.day < ?) ORDER BY id LIMIT 1');
  // The oldest `limit` days of one series: those up to the limit-th oldest.
  const remove = connection.statement(
    `DELETE FROM daily WHERE series_id = ?1 AND day < ?2
       AND day <= coalesce((SELECT day FROM daily WHERE series_id = ?1 AND day < ?2 ORDER BY day LIMIT 1 OFFSET ?3 - 1), ?2)`,
  );
  return perSeries(
    budget,
    () => idOf(next.get(cutoffDay)),
    (id, limit) => connection.write('delete old daily rows', () => remove.run(id, cutoffDay, limit).changes),
  );
}

export function thinSnapshots({ connection }: StoreContext, from: number, cutoff: number, budget: Budget): Step {
  // Every snapshot but the last of its UTC hour (ties by id), among those fetched in [from, cutoff).
  const candidates = `SELECT id FROM (
      SELECT id, row_number() OVER (PARTITION BY fetched_at / ${HOUR_MS} ORDER BY fetched_at DESC, id DESC) AS rank
      FROM snapshots WHERE fetched_at >= ?1 AND fetched_at < ?2
    ) WHERE rank > 1`;
  return deleteInChunks(connection, 'thin old snapshots', budget, `DELETE FROM snapshots WHERE id IN (${candidates} LIMIT ?3)`, candidates, [from, cutoff]);
}

export function deleteBefore(
  { connection }: StoreContext,
  table: 'snapshots' | 'snapshot_archives' | 'polls' | 'hours' | 'alert_events' | 'notifications',
  column: 'fetched_at' | 'started_at' | 'hour' | 'day' | 'at',
  before: number,
  budget: Budget,
): Step {
  // An hour still holding pending rows is never deleted with them (retention files it first);
  // an alert goes once it ended before the cutoff too (an active one stays, however old).
  const keep = table === 'hours' ? ' AND pending_rows IS NULL' : table === 'alert_events' ? ' AND ended_at < ?1' : '';
  const candidates = `SELECT rowid FROM ${table} WHERE ${column} < ?1${keep} ORDER BY ${column}`;
  return deleteInChunks(connection, `delete old ${table}`, budget, `DELETE FROM ${table} WHERE rowid IN (${candidates} LIMIT ?2)`, candidates, [before]);
}

/** Deletes in transactions of at most TRANSACTION_ROWS rows until done or the budget is spent. */
function deleteInChunks(connection: StoreContext['connection'], action: string, budget: Budget, deleteSql: string, candidatesSql: string, params: readonly number[]): Step {
  const remove = connection.statement(deleteSql);
  const pending = connection.statement(`SELECT EXISTS (${candidatesSql}) AS found`);
  let rows = 0;
  for (;;) {
    const limit = budget.chunk;
    if (limit === 0) return { rows, done: numberOf(rowOf(pending.get(...params))?.found) === 0 };
    const deleted = connection.write(action, () => remove.run(...params, limit).changes);
    rows += deleted;
    budget.spend(deleted);
    if (deleted < limit) return { rows, done: true };
  }
}

const idOf = (row: unknown): number | undefined => {
  const found = rowOf(row);
  return found === undefined ? undefined : numberOf(found.id);
};

/**
 * Copies a WAL past 4 MB into the database file and empties it, here after the poll's writes
 * rather than inside one of them (SQLite's automatic checkpoint, inside whichever commit
 * crosses its limit, is only the safety net: see migrations.ts). After a TRUNCATE checkpoint
 * the WAL's size is what was written since, so a stat is enough to know when.
 */
export function checkpointLargeWal({ connection }: StoreContext): void {
  if (connection.path === ':memory:') return;
  let size: number;
  try {
    size = statSync(`${connection.path}-wal`).size;
  } catch {
    return; // no WAL yet
  }
  if (size < WAL_CHECKPOINT_BYTES) return;
  // Never waits for readers: with one reading, part of the WAL stays for the next call.
  connection.db.prepare('PRAGMA wal_checkpoint(TRUNCATE)').all();
}

/**
 * Hands free pages back to the file system once there are at least VACUUM_MIN_PAGES of them
 * (bulk deletes: thinning, expiry). A few free pages are left for the next writes to reuse:
 * releasing them at every poll moved pages about for nothing and slowed the next appends.
 */
export function releaseFreePages({ connection }: StoreContext): Step {
  const mode = numberOf(rowOf(connection.statement('PRAGMA auto_vacuum').get())?.auto_vacuum ?? 0);
  if (mode !== 2) return { rows: 0, done: true }; // a file without incremental vacuum keeps its free pages for reuse
  const free = (): number => numberOf(rowOf(connection.statement('PRAGMA freelist_count').get())?.freelist_count ?? 0);
  const before = free();
  if (before < VACUUM_MIN_PAGES) return { rows: 0, done: true };
  connection.write('release free space', () => connection.db.prepare(`PRAGMA incremental_vacuum(${Math.min(before, VACUUM_PAGES)})`).all());
  const after = free();
  return { rows: before - after, done: after < VACUUM_MIN_PAGES };
}
