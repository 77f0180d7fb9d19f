// Day archives. Once retention has thinned a UTC day to one snapshot per hour, the payloads of
// those snapshots (their data, as snapshot-codec.ts builds it) are compressed together into one
// row of `snapshot_archives`, and the snapshots keep their columns with a NULL payload.
//
// Why: a year of polls keeps ~8 600 thinned snapshots, and one by one each costs a whole 4 KB
// page (a 3.5-4 KB payload cannot share it). Measured on 24 h simulator answers with 200 rows:
// 3.8 KB each deflated alone; 2.8 KB each when a day's 24 are compressed together with brotli
// at quality 10 (consecutive hours repeat most of their structure and digits), and the ~67 KB
// rows pack into overflow pages without waste: ~11 MB less per simulated year (~64 -> 53 MB,
// hourly series and poll outcomes included).
// Quality 10 takes 120-250 ms per day of 200-row snapshots, off the append path (retention does
// at most one day per call); quality 11 saves ~5% more at twice the time, 9 and below nothing.
// Reading an archived snapshot decompresses its day (6-14 ms; the last day read is kept).
import { brotliCompressSync, brotliDecompressSync, constants } from 'node:zlib';
import { DAY_MS } from '../time';
import type { Connection } from './connection';
import { PayloadError } from './payload-reading';
import { readPayload } from './snapshot-codec';
import { dayIndexOf } from './time';
import { bytesOf, numberOf, rowOf, rowsOf } from './values';

const QUALITY = 10;
const WINDOW_BITS = 18;

/** `[[snapshot id, payload data], ...]` as one compressed blob. */
export function encodeArchive(entries: readonly (readonly [number, unknown])[]): Buffer {
  const text = Buffer.from(JSON.stringify(entries));
  return brotliCompressSync(text, {
    params: { [constants.BROTLI_PARAM_QUALITY]: QUALITY, [constants.BROTLI_PARAM_LGWIN]: WINDOW_BITS, [constants.BROTLI_PARAM_SIZE_HINT]: text.length },
  });
}

export function decodeArchive(archive: Buffer): Map<number, unknown> {
  let entries: unknown;
  try {
    entries = JSON.parse(brotliDecompressSync(archive).toString('utf8'));
  } catch (error) {
    throw new PayloadError(`unreadable snapshot archive (${error instanceof Error ? error.message : String(error)})`);
  }
  if (!Array.isArray(entries)) throw new PayloadError('snapshot archive has the wrong shape');
  const payloads = new Map<number, unknown>();
  for (const entry of entries) {
    if (!Array.isArray(entry) || typeof entry[0] !== 'number') throw new PayloadError('snapshot archive has the wrong shape');
    payloads.set(entry[0], entry[1]);
  }
  return payloads;
}

/** Reads archived payloads, keeping the last archive decoded (listing reads a day in a row). */
export interface ArchiveReader {
  payloadOf(id: number, fetchedAt: number): unknown;
}

export function createArchiveReader(connection: Connection): ArchiveReader {
  let cached: { day: number; payloads: Map<number, unknown> } | undefined;
  const load = (day: number): Map<number, unknown> => {
    const row = rowOf(connection.statement('SELECT payload FROM snapshot_archives WHERE day = ?').get(day));
    const payloads = row === undefined ? new Map<number, unknown>() : decodeArchive(bytesOf(row.payload));
    cached = { day, payloads };
    return payloads;
  };
  return {
    payloadOf(id, fetchedAt) {
      const day = dayIndexOf(fetchedAt);
      // A miss reloads: this or another process may have archived more of that day since.
      const payload = cached?.day === day && cached.payloads.has(id) ? cached.payloads.get(id) : load(day).get(id);
      if (payload === undefined) throw new PayloadError(`snapshot ${id} has neither a payload nor an archived one`);
      return payload;
    },
  };
}

export interface ArchiveStep {
  readonly rows: number;
  readonly done: boolean;
}

/**
 * Archives the oldest day before `beforeDay` that still has snapshots with their own payload,
 * if it has at most `maxRows` of them. Compresses outside the write transaction, then writes
 * only if the day is as it was read (else the next call tries again).
 */
export function archiveNextDay(connection: Connection, beforeDay: number, maxRows: number): ArchiveStep {
  const day = nextDayToArchive(connection, beforeDay);
  if (day === undefined) return { rows: 0, done: true };
  const unarchived = connection.statement('SELECT id, payload FROM snapshots WHERE payload IS NOT NULL AND fetched_at >= ? AND fetched_at < ? ORDER BY id');
  const archived = connection.statement('SELECT payload FROM snapshot_archives WHERE day = ?');
  const read = () => ({
    rows: rowsOf(unarchived.all(day * DAY_MS, (day + 1) * DAY_MS)).map((row) => [numberOf(row.id), bytesOf(row.payload)] as const),
    existing: rowOf(archived.get(day)),
  });
  const before = connection.read('read snapshots to archive', read);
  if (before.rows.length > maxRows) return { rows: 0, done: false };
  const existing = before.existing === undefined ? [] : [...decodeArchive(bytesOf(before.existing.payload))];
  const archive = encodeArchive([...existing, ...before.rows.map(([id, payload]) => [id, readPayload(payload)] as const)]);
  const ids = before.rows.map(([id]) => id);

  const written = connection.write('archive old snapshots', () => {
    const now = read();
    const sameArchive = now.existing === undefined || before.existing === undefined ? now.existing === before.existing : bytesOf(now.existing.payload).equals(bytesOf(before.existing.payload));
    const same = sameArchive && now.rows.map(([id]) => id).join() === ids.join();
    if (!same) return false;
    connection.statement('INSERT OR REPLACE INTO snapshot_archives (day, payload) VALUES (?, ?)').run(day, archive);
    for (const id of ids) dropPayload(connection, id);
    return true;
  });
  if (!written) return { rows: 0, done: false };
  return { rows: ids.length, done: nextDayToArchive(connection, beforeDay) === undefined };
}

/**
 * Rewrites the snapshot's row without its payload. Not an UPDATE: SQLite never merges pages
 * that an UPDATE leaves nearly empty, and each of these rows had a 4 KB page to itself; a delete
 * rebalances the pages and the small row goes back in densely (measured: 256 pages instead of
 * 2 406 for 2 400 rows).
 */
function dropPayload(connection: Connection, id: number): void {
  const columns = 'id, fetched_at, window_start, window_end, inferences, errors, avg_confidence, avg_response_time';
  const row = rowOf(connection.statement(`SELECT ${columns} FROM snapshots WHERE id = ?`).get(id));
  if (row === undefined) return;
  connection.statement('DELETE FROM snapshots WHERE id = ?').run(id);
  connection
    .statement(`INSERT INTO snapshots (${columns}, payload) VALUES (?, ?, ?, ?, ?, ?, ?, ?, NULL)`)
    .run(row.id, row.fetched_at, row.window_start, row.window_end, row.inferences, row.errors, row.avg_confidence, row.avg_response_time);
}

/** The oldest day before `beforeDay` with snapshots not archived yet (through the partial index). */
export function nextDayToArchive(connection: Connection, beforeDay: number): number | undefined {
  const oldest = connection.statement('SELECT fetched_at FROM snapshots WHERE payload IS NOT NULL AND fetched_at < ? ORDER BY fetched_at LIMIT 1');
  const row = connection.read('read snapshots to archive', () => rowOf(oldest.get(beforeDay * DAY_MS)));
  return row === undefined ? undefined : dayIndexOf(numberOf(row.fetched_at));
}
