// Poll outcomes: what became of each poll, for availability, the UI's status and coverage.
import type { TimeWindow } from '../stats/types';
import type { StoreContext } from './context';
import { assertDate } from './time';
import type { Availability, PollRecord } from './types';
import { numberOf, numberOrNull, rowOf, rowsOf, stringOf, stringOrNull, type Row } from './values';

export function recordPoll({ connection }: StoreContext, record: PollRecord): void {
  assertDate(record.startedAt, 'The poll start');
  if (!Number.isFinite(record.durationMs) || record.durationMs < 0) throw new RangeError(`A poll's duration must be a non-negative number of ms (got ${record.durationMs}).`);
  connection.write('record the poll', () => {
    connection
      .statement('INSERT INTO polls (started_at, duration_ms, result, message) VALUES (?, ?, ?, ?)')
      .run(record.startedAt.getTime(), Math.round(record.durationMs), record.result, record.message ?? null);
  });
}

/** Polls started within [window.start, window.end). */
export function availability({ connection }: StoreContext, window: TimeWindow): Availability {
  assertDate(window.start, 'The window start');
  assertDate(window.end, 'The window end');
  const start = window.start.getTime();
  const end = window.end.getTime();
  return connection.read('read availability', () => {
    const counts = rowsOf(connection.statement('SELECT result, count(*) AS polls FROM polls WHERE started_at >= ? AND started_at < ? GROUP BY result').all(start, end));
    let polls = 0;
    let ok = 0;
    const failures: Partial<Record<PollRecord['result'], number>> = {};
    for (const row of counts) {
      const result = stringOf(row.result) as PollRecord['result'];
      const count = numberOf(row.polls);
      polls += count;
      if (result === 'ok') ok += count;
      else failures[result] = count;
    }
    const last = rowOf(
      connection.statement('SELECT started_at, duration_ms, result, message FROM polls WHERE started_at >= ? AND started_at < ? ORDER BY started_at DESC, id DESC LIMIT 1').get(start, end),
    );
    return { polls, ok, ratio: polls > 0 ? ok / polls : null, failures, lastPoll: last === undefined ? null : pollFrom(last) };
  });
}

/**
 * From the first poll (or snapshot, if earlier) to the end of the last poll (or the last
 * snapshot's fetch, if later); null when nothing is stored.
 */
export function coverage({ connection }: StoreContext): TimeWindow | null {
  return connection.read('read the history range', () => {
    const row = rowOf(
      connection
        .statement(
          `SELECT (SELECT min(started_at) FROM polls) AS first_poll,
                  (SELECT started_at + duration_ms FROM polls ORDER BY started_at DESC LIMIT 1) AS last_poll,
                  (SELECT min(fetched_at) FROM snapshots) AS first_snapshot,
                  (SELECT max(fetched_at) FROM snapshots) AS last_snapshot`,
        )
        .get(),
    );
    const starts = [numberOrNull(row?.first_poll), numberOrNull(row?.first_snapshot)].filter((value) => value !== null);
    const ends = [numberOrNull(row?.last_poll), numberOrNull(row?.last_snapshot)].filter((value) => value !== null);
    if (starts.length === 0 || ends.length === 0) return null;
    return { start: new Date(Math.min(...starts)), end: new Date(Math.max(...ends)) };
  });
}

function pollFrom(row: Row): PollRecord {
  const message = stringOrNull(row.message);
  const record = { startedAt: new Date(numberOf(row.started_at)), durationMs: numberOf(row.duration_ms), result: stringOf(row.result) as PollRecord['result'] };
  return message === null ? record : { ...record, message };
}
