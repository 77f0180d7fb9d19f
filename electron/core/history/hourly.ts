// The hourly series: saving an hour fetched as its own window, and reading hours back. An hour
// is saved as one blob and later filed into rows of `hourly` (pending-hours.ts); reads see both.
import type { StatsSnapshot, TimeWindow } from '../stats/types';
import type { StoreContext } from './context';
import { FIGURE_COLUMNS, figuresFromMicro, microFromRow, microValues } from './figure-columns';
import { assertHourWindow, deriveHourBuckets } from './hour-buckets';
import { figuresToMicro, type MicroFigures } from './micro';
import { encodeHourRows, type HourRow } from './pending-hours';
import { columnsOf } from './series-registry';
import { assertDate, firstHourFrom, hourIndexOf, hourStart } from './time';
import type { HourlyBucket, SeriesScope } from './types';
import { numberOf, rowOf, rowsOf } from './values';

/**
 * Stores every bucket of the hour. A complete hour is final: saving it again, complete or not,
 * changes nothing. Otherwise the hour's rows are replaced by this answer's (so a series that an
 * earlier, partial answer named but this one does not, does not linger).
 */
export function saveHour(context: StoreContext, snapshot: StatsSnapshot, fetchedAt: Date, complete: boolean): void {
  assertHourWindow(snapshot);
  assertDate(fetchedAt, 'fetchedAt');
  const hour = hourIndexOf(snapshot.window.start);
  // Converted before the transaction: a bad figure is the caller's bug, not a storage failure.
  // A model or class with nothing known this hour (the answer names it for its previous-period
  // traffic) is not stored: no row reads back the same, all null.
  const buckets = deriveHourBuckets(snapshot)
    .map((bucket) => ({ scope: bucket.scope, figures: figuresToMicro(bucket) }))
    .filter(({ scope, figures }) => scope.level === 'workspace' || microValues(figures).some((value) => value !== null));
  const { connection, series, pendingHours } = context;
  connection.write(`save the hour ${snapshot.window.start.toISOString()}`, () => {
    const stored = rowOf(connection.statement('SELECT complete, pending_rows IS NULL AS filed FROM hours WHERE hour = ?').get(hour));
    if (stored !== undefined && numberOf(stored.complete) === 1) return;
    const rows = buckets.map(({ scope, figures }): HourRow => [series.idFor(scope, fetchedAt), ...microValues(figures)]);
    // An open hour already filed (retention settled it as too old to complete): this answer replaces its rows.
    if (stored !== undefined && numberOf(stored.filed) === 1) connection.statement('DELETE FROM hourly WHERE series_id IN (SELECT id FROM series) AND hour = ?').run(hour);
    connection.statement('INSERT OR REPLACE INTO hours (hour, complete, fetched_at, pending_rows) VALUES (?, ?, ?, ?)').run(hour, complete ? 1 : 0, fetchedAt.getTime(), encodeHourRows(rows));
    pendingHours.forget(hour);
    series.markSeen(
      rows.filter((_, i) => buckets[i]?.scope.level !== 'class').map((row) => row[0]),
      fetchedAt,
    );
  });
}

/** Hours starting within [window.start, window.end), by hour, then workspace, models, classes. */
export function hourlyBuckets(context: StoreContext, window: TimeWindow, scope?: SeriesScope): HourlyBucket[] {
  const { connection, series, pendingHours } = context;
  const [first, end] = hourRange(window);
  return connection.read('read the hourly series', () => {
    const id = scope === undefined ? undefined : series.find(scope);
    if (scope !== undefined && id === undefined) return [];
    const select =
      id === undefined
        ? connection.statement(`${WITH_COMPLETE} WHERE h.series_id IN (SELECT id FROM series) AND h.hour >= ? AND h.hour < ?`).all(first, end)
        : connection.statement(`${WITH_COMPLETE} WHERE h.series_id = ? AND h.hour >= ? AND h.hour < ?`).all(id, first, end);
    const stored = rowsOf(select).map((row) => ({ id: numberOf(row.series_id), hour: numberOf(row.hour), figures: microFromRow(row), complete: numberOf(row.complete) === 1 }));
    for (const [hour, pending] of pendingHours.inRange(first, end)) {
      for (const [seriesId, figures] of pending.rows) if (id === undefined || seriesId === id) stored.push({ id: seriesId, hour, figures, complete: pending.complete });
    }
    const buckets = stored.map(({ id: seriesId, hour, figures, complete }): HourlyBucket => {
      const bucketScope = series.scopeOf(seriesId);
      if (bucketScope === undefined) throw new TypeError(`The hourly series refers to series ${seriesId}, which does not exist.`);
      return { scope: bucketScope, hour: hourStart(hour), ...figuresFromMicro(figures), complete };
    });
    return buckets.sort(compareBuckets);
  });
}

/** Rows of `hourly` with their hour's completeness (open hours filed as too old are not complete). */
const WITH_COMPLETE = `SELECT h.series_id, h.hour, ${FIGURE_COLUMNS.split(', ')
  .map((column) => `h.${column}`)
  .join(', ')}, coalesce(c.complete, 1) AS complete FROM hourly h LEFT JOIN hours c ON c.hour = h.hour`;

/** Start times of the complete hours within [window.start, window.end). */
export function completeHours(context: StoreContext, window: TimeWindow): Date[] {
  const { connection } = context;
  const [first, end] = hourRange(window);
  return connection.read('read the complete hours', () => {
    const rows = rowsOf(connection.statement('SELECT hour FROM hours WHERE hour >= ? AND hour < ? AND complete = 1 ORDER BY hour').all(first, end));
    return rows.map((row) => hourStart(numberOf(row.hour)));
  });
}

/** One series' stored hours in [first, end): filed and pending, by hour index. */
export function seriesHours(context: StoreContext, id: number, first: number, end: number): Map<number, MicroFigures> {
  const hours = new Map<number, MicroFigures>();
  const rows = context.connection.statement(`SELECT hour, ${FIGURE_COLUMNS} FROM hourly WHERE series_id = ? AND hour >= ? AND hour < ?`).all(id, first, end);
  for (const row of rowsOf(rows)) hours.set(numberOf(row.hour), microFromRow(row));
  for (const [hour, pending] of context.pendingHours.inRange(first, end)) {
    const figures = pending.rows.get(id);
    if (figures !== undefined) hours.set(hour, figures);
  }
  return hours;
}

/** The hours in [first, end) one series has a stored bucket for, filed or pending (hour column only: a hot read). */
export function seriesHourIndexes(context: StoreContext, id: number, first: number, end: number): Set<number> {
  const rows = context.connection.rawStatement('SELECT hour FROM hourly WHERE series_id = ? AND hour >= ? AND hour < ?').all(id, first, end) as unknown[][];
  const hours = new Set(rows.map((row) => numberOf(row[0])));
  for (const [hour, pending] of context.pendingHours.inRange(first, end)) if (pending.rows.has(id)) hours.add(hour);
  return hours;
}

/** [first hour, end hour) of the hours whose start lies within the window. */
function hourRange(window: TimeWindow): [number, number] {
  assertDate(window.start, 'The window start');
  assertDate(window.end, 'The window end');
  return [firstHourFrom(window.start), firstHourFrom(window.end)];
}

const LEVEL_ORDER = { workspace: 0, model: 1, class: 2 } as const;

export function compareScopes(a: SeriesScope, b: SeriesScope): number {
  const x = columnsOf(a);
  const y = columnsOf(b);
  return LEVEL_ORDER[x.level] - LEVEL_ORDER[y.level] || compareText(x.model, y.model) || compareText(x.className, y.className);
}

const compareBuckets = (a: HourlyBucket, b: HourlyBucket): number => a.hour.getTime() - b.hour.getTime() || compareScopes(a.scope, b.scope);
const compareText = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);
