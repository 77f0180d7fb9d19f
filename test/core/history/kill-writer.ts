// Child process of kill.test.ts: writes polls to the history at `argv[2]` as fast as it can, and
// after each poll's writes have returned prints "poll <snapshot id> <started at ms>" on stdout.
// The test SIGKILLs it at random moments. `argv[3]` numbers the run, so runs never reuse times.
// Simulated time runs an hour per poll, so retention rolls up hours and archives days (one
// snapshot per hour: nothing is thinned away) while the kills land.
import { readFileSync } from 'node:fs';
import { writeSync } from 'node:fs';
import { openHistory } from '../../../electron/core/history/open-history';
import { parseInferenceStats } from '../../../electron/core/stats/wire-schema';

const HOUR = 3_600_000;
const path = process.argv[2];
const run = Number(process.argv[3] ?? 0);
if (path === undefined) throw new Error('usage: kill-writer.ts DB_PATH RUN');

const seed: unknown = JSON.parse(readFileSync(new URL('../../fixtures/seed-example-response.json', import.meta.url), 'utf8'));
const base = Date.parse('2026-01-01T00:00:00Z') + run * 1000 * HOUR;
const store = openHistory(path);
writeSync(1, 'ready\n');

for (let i = 0; ; i++) {
  const startedAt = base + i * HOUR;
  const end = Math.floor(startedAt / 1000) * 1000;
  const snapshot = parseInferenceStats(seed, { start: new Date(end - 24 * HOUR), end: new Date(end) });
  const stored = store.saveSnapshot(snapshot, new Date(startedAt + 500));
  const hourStart = Math.floor(startedAt / HOUR) * HOUR;
  store.saveHour(parseInferenceStats(seed, { start: new Date(hourStart), end: new Date(hourStart + HOUR) }), new Date(startedAt + 600), i % 3 === 0);
  store.recordPoll({ startedAt: new Date(startedAt), durationMs: 700, result: 'ok' });
  // Roll up and vacuum as the poller does, so kills land in retention's transactions too.
  store.prune(new Date(startedAt), { hourlyDays: 1, dailyDays: 3650, snapshotFullDays: 1 }, 50);
  writeSync(1, `poll ${stored.id} ${startedAt}\n`);
}
