// Headline snapshots: saving each poll's answer, time travel and listing.
import type { Figures, StatsSnapshot, TimeWindow } from '../stats/types';
import type { StoreContext } from './context';
import { fromMicro } from './micro';
import { decodeSnapshot, decodeSnapshotData, encodeSnapshot, type SnapshotColumns } from './snapshot-codec';
import { assertDate } from './time';
import type { StoredSnapshot } from './types';
import { bytesOf, numberOf, numberOrNull, rowOf, rowsOf, type Row } from './values';

/** A snapshot without its payload: enough to list polls (the workspace's current totals). */
export interface SnapshotSummary {
  readonly id: number;
  readonly fetchedAt: Date;
  readonly window: TimeWindow;
  readonly totals: Figures;
}

const COLUMNS = 's.id, s.fetched_at, s.window_start, s.window_end, s.inferences, s.errors, s.avg_confidence, s.avg_response_time';
const WITH_PAYLOAD = `SELECT ${COLUMNS}, s.payload FROM snapshots s`;

/** Returns the snapshot as given (what is read back has its averages rounded to 1e-6). */
export function saveSnapshot(context: StoreContext, snapshot: StatsSnapshot, fetchedAt: Date): StoredSnapshot {
  assertDate(fetchedAt, 'fetchedAt');
  assertDate(snapshot.window.start, 'The snapshot window start');
  assertDate(snapshot.window.end, 'The snapshot window end');
  const { connection, series } = context;
  return connection.write('save the snapshot', () => {
    const models: number[] = [];
    const { columns, payload } = encodeSnapshot(snapshot, (scope) => {
      const id = series.idFor(scope, fetchedAt);
      if (scope.level === 'model') models.push(id);
      return id;
    });
    const insert = connection.statement(
      'INSERT INTO snapshots (fetched_at, window_start, window_end, inferences, errors, avg_confidence, avg_response_time, payload) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
    );
    const row = [fetchedAt.getTime(), columns.windowStart, columns.windowEnd, columns.inferences, columns.errors, columns.avgConfidence, columns.avgResponseTime, payload];
    const id = Number(insert.run(...row).lastInsertRowid);
    series.markSeen(models, fetchedAt);
    return { id, fetchedAt, snapshot };
  });
}

export function latestSnapshot(context: StoreContext): StoredSnapshot | null {
  return context.connection.read('read the latest snapshot', () => {
    const row = rowOf(context.connection.statement(`${WITH_PAYLOAD} ORDER BY s.fetched_at DESC, s.id DESC LIMIT 1`).get());
    return row === undefined ? null : storedFrom(context, row);
  });
}

/** Time travel: the last snapshot fetched at or before `at`. */
export function snapshotAt(context: StoreContext, at: Date): StoredSnapshot | null {
  assertDate(at, 'The time');
  return context.connection.read('read a past snapshot', () => {
    const row = rowOf(context.connection.statement(`${WITH_PAYLOAD} WHERE s.fetched_at <= ? ORDER BY s.fetched_at DESC, s.id DESC LIMIT 1`).get(at.getTime()));
    return row === undefined ? null : storedFrom(context, row);
  });
}

/** Snapshots fetched within [window.start, window.end), oldest first. */
export function snapshotsIn(context: StoreContext, window: TimeWindow): StoredSnapshot[] {
  const [start, end] = range(window);
  return context.connection.read('read snapshots', () =>
    rowsOf(context.connection.statement(`${WITH_PAYLOAD} WHERE s.fetched_at >= ? AND s.fetched_at < ? ORDER BY s.fetched_at, s.id`).all(start, end)).map((row) =>
      storedFrom(context, row),
    ),
  );
}

/** Like snapshotsIn, without reading or decoding payloads. */
export function snapshotSummaries(context: StoreContext, window: TimeWindow): SnapshotSummary[] {
  const [start, end] = range(window);
  return context.connection.read('list snapshots', () =>
    rowsOf(context.connection.statement(`SELECT ${COLUMNS} FROM snapshots s WHERE s.fetched_at >= ? AND s.fetched_at < ? ORDER BY s.fetched_at, s.id`).all(start, end)).map((row) => {
      const columns = columnsFrom(row);
      return {
        id: numberOf(row.id),
        fetchedAt: new Date(numberOf(row.fetched_at)),
        window: { start: new Date(columns.windowStart), end: new Date(columns.windowEnd) },
        totals: {
          inferences: columns.inferences,
          errors: columns.errors,
          avgConfidence: fromMicro(columns.avgConfidence),
          avgResponseTimeSeconds: fromMicro(columns.avgResponseTime),
        },
      };
    }),
  );
}

function storedFrom({ series, archives }: StoreContext, row: Row): StoredSnapshot {
  const id = numberOf(row.id);
  const fetchedAt = numberOf(row.fetched_at);
  const scopeOf = (seriesId: number) => series.scopeOf(seriesId);
  // A NULL payload has moved to its day's archive (snapshot-archive.ts).
  const snapshot =
    row.payload === null ? decodeSnapshotData(columnsFrom(row), archives.payloadOf(id, fetchedAt), scopeOf) : decodeSnapshot(columnsFrom(row), bytesOf(row.payload), scopeOf);
  return { id, fetchedAt: new Date(fetchedAt), snapshot };
}

function columnsFrom(row: Row): SnapshotColumns {
  return {
    windowStart: numberOf(row.window_start),
    windowEnd: numberOf(row.window_end),
    inferences: numberOrNull(row.inferences),
    errors: numberOrNull(row.errors),
    avgConfidence: numberOrNull(row.avg_confidence),
    avgResponseTime: numberOrNull(row.avg_response_time),
  };
}

function range(window: TimeWindow): [number, number] {
  assertDate(window.start, 'The window start');
  assertDate(window.end, 'The window end');
  return [window.start.getTime(), window.end.getTime()];
}
