// A read-only data folder and a full disk: one clear HistoryError 'storage' per failed write,
// the history already saved stays, and writing works again once the cause is gone.
import { spawnSync } from 'node:child_process';
import { chmodSync, readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { connect } from '../../../electron/core/history/connection';
import { historyOn, openHistory } from '../../../electron/core/history/open-history';
import { DEMO_START, HOUR, caught, figures, hourWindow, seedSnapshot, simSnapshot, snapshotOf, tempDir, track } from './helpers';

const OPEN_AS = fileURLToPath(new URL('./open-as.ts', import.meta.url));
const REPO = fileURLToPath(new URL('../../../', import.meta.url));
const FETCHED = new Date('2026-11-03T00:00:05Z');
const NOBODY = 65_534;
const isRoot = process.getuid?.() === 0;

/** Opens the history in a child process and tries a write; as `nobody` when this runs as root. */
function tryWriteInChild(path: string): { outcome: string; kind?: string; message?: string } {
  const result = spawnSync(process.execPath, ['--import', 'tsx', OPEN_AS, path], {
    cwd: REPO,
    encoding: 'utf8',
    timeout: 30_000,
    ...(isRoot ? { uid: NOBODY, gid: NOBODY } : {}),
  });
  if (result.status !== 0) return { outcome: 'child failed', message: `${String(result.error ?? '')} ${result.stderr}`.trim() };
  return JSON.parse(result.stdout) as { outcome: string; kind?: string; message?: string };
}

describe('a read-only data folder', () => {
  // Real permissions: chmod binds every user but root, so as root the child runs as `nobody`.
  it('refuses writes with a storage error naming the folder, and earlier data stays', (context) => {
    const root = tempDir();
    chmodSync(root, 0o755); // mkdtemp makes it 0700: let `nobody` reach the folder inside
    const folder = join(root, 'data');
    const path = join(folder, 'history.db');
    const store = openHistory(path);
    store.saveSnapshot(seedSnapshot(), FETCHED);
    store.close();

    const files = readdirSync(folder).map((name) => join(folder, name));
    for (const file of files) chmodSync(file, 0o444);
    chmodSync(folder, 0o555);
    try {
      const result = tryWriteInChild(path);
      // As root the child runs as `nobody`, who must be able to read the repository.
      if (isRoot && result.outcome === 'child failed') context.skip(`cannot run the child as nobody here: ${result.message ?? ''}`);
      expect(result).toMatchObject({ outcome: 'HistoryError', kind: 'storage' });
      expect(result.message).toContain(folder);
      expect(result.message).toMatch(/read-only|may read and write/);
    } finally {
      chmodSync(folder, 0o755);
      for (const file of files) chmodSync(file, 0o644);
    }
    const again = track(openHistory(path));
    expect(again.latestSnapshot()?.snapshot.totals.current.inferences).toBe(120);
    again.recordPoll({ startedAt: FETCHED, durationMs: 3, result: 'ok' });
  });

  // The same failure while the store is open, simulated with SQLite's query_only (chmod on an
  // open file changes nothing): SQLITE_READONLY on every write.
  it('fails each write while read-only (simulated) and works again afterwards', () => {
    const path = join(tempDir(), 'history.db');
    const connection = connect(path);
    const store = track(historyOn(connection));
    store.saveSnapshot(seedSnapshot(), FETCHED);
    store.saveHour(seedSnapshot(hourWindow('2026-11-02T10:00:00Z')), FETCHED, false);

    connection.db.pragma('query_only = 1');
    const error = caught(() => store.saveSnapshot(simSnapshot({ start: DEMO_START, end: new Date(DEMO_START.getTime() + HOUR) }), new Date(FETCHED.getTime() + 300_000)));
    expect(error.kind).toBe('storage');
    expect(error.code).toBe('SQLITE_READONLY');
    expect(error.message).toBe(
      `Could not save the snapshot (history file ${path}): the data folder is read-only or not writable by this user (attempt to write a readonly database). Check the permissions of ${dirname(path)} and of the files in it; the history already saved is kept.`,
    );
    expect(caught(() => store.recordPoll({ startedAt: FETCHED, durationMs: 1, result: 'storage', message: error.message })).kind).toBe('storage');
    expect(caught(() => store.saveHour(seedSnapshot(hourWindow('2026-11-02T10:00:00Z')), FETCHED, true)).kind).toBe('storage');
    expect(caught(() => store.prune(new Date('2030-01-01T00:00:00Z'))).kind).toBe('storage');
    // Reading goes on.
    expect(store.snapshots({ start: new Date(0), end: new Date('2030-01-01T00:00:00Z') })).toHaveLength(1);
    expect(store.completeHours({ start: new Date(0), end: new Date('2030-01-01T00:00:00Z') })).toEqual([]);

    connection.db.pragma('query_only = 0');
    const saved = store.saveSnapshot(simSnapshot({ start: DEMO_START, end: new Date(DEMO_START.getTime() + HOUR) }), new Date(FETCHED.getTime() + 600_000));
    expect(store.latestSnapshot()?.snapshot.models.map((m) => m.model)).toEqual(saved.snapshot.models.map((m) => m.model));
  });
});

describe('a full disk', () => {
  // Simulated with max_page_count: SQLite answers SQLITE_FULL exactly as on a full disk.
  it('fails the write whole, keeps earlier data, and recovers once there is room', () => {
    const path = join(tempDir(), 'history.db');
    const connection = connect(path);
    const store = track(historyOn(connection));
    store.saveSnapshot(seedSnapshot(), FETCHED);
    const hour = hourWindow('2026-11-02T10:00:00Z');
    store.saveHour(snapshotOf(hour, figures(5, 0, 0.5, 0.1), [{ model: 'm', className: 'c', current: figures(5, null, 0.5, 0.1), detections: 5 }]), FETCHED, false);

    const db = connection.db;
    db.pragma('incremental_vacuum');
    const pages = (db.prepare('PRAGMA page_count').raw().get() as number[])[0];
    db.pragma(`max_page_count = ${pages}`);
    // Many new series and a large payload: more pages than there is room for.
    const big = simSnapshot({ start: new Date(DEMO_START.getTime() + 24 * HOUR), end: new Date(DEMO_START.getTime() + 48 * HOUR) });
    const renamed = { ...big, models: big.models.map((m) => ({ ...m, model: `${m.model}-x` })), classes: big.classes.map((c) => ({ ...c, model: `${c.model}-x` })) };
    const full = caught(() => {
      for (let i = 0; i < 50; i++) store.saveSnapshot(renamed, new Date(FETCHED.getTime() + (i + 1) * 300_000));
    });
    expect(full.kind).toBe('storage');
    expect(full.code).toBe('SQLITE_FULL');
    expect(full.message).toContain('the disk is full. Free some space on the disk holding');
    expect(full.message).toContain(dirname(path));
    const manyClasses = snapshotOf(
      hour,
      figures(500, 0, 0.5, 0.1),
      Array.from({ length: 400 }, (_, i) => ({ model: `model-${i % 40}`, className: `class-with-a-long-name-${i}`, current: figures(1, null, 0.5, 0.1), detections: 1 })),
    );
    expect(caught(() => store.saveHour(manyClasses, FETCHED, true)).code).toBe('SQLITE_FULL');

    // The earlier hour and snapshots are intact; the failed hour left nothing behind.
    expect(store.hourlyBuckets(hour).map((b) => [b.scope.level, b.inferences, b.complete])).toEqual([
      ['workspace', 5, false],
      ['model', 5, false],
      ['class', 5, false],
    ]);
    const before = store.snapshots({ start: new Date(0), end: new Date('2030-01-01T00:00:00Z') });
    expect(before[0]?.snapshot.totals.current.inferences).toBe(120);

    db.pragma('max_page_count = 1073741823');
    store.saveHour(manyClasses, FETCHED, true);
    expect(store.completeHours(hour)).toEqual([hour.start]);
    const saved = store.saveSnapshot(renamed, new Date('2026-11-04T00:00:00Z'));
    // Series created by the rolled-back writes are not reused: the payload reads back right.
    expect(store.latestSnapshot()?.snapshot.classes.map((c) => [c.model, c.className])).toEqual(saved.snapshot.classes.map((c) => [c.model, c.className]));
    expect(store.seen().some((s) => s.model === 'model-39')).toBe(true);
  });
});

describe('a closed history', () => {
  it('refuses reads and writes with a storage error instead of bringing the process down', () => {
    const store = openHistory(join(tempDir(), 'h.db'));
    store.saveSnapshot(seedSnapshot(), new Date('2026-11-03T00:00:00Z'));
    store.close();
    for (const work of [() => store.latestSnapshot(), () => store.recordPoll({ startedAt: new Date(), durationMs: 1, result: 'ok' }), () => store.activeAlerts()]) {
      const error = caught(work);
      expect(error.kind).toBe('storage');
      expect(error.message).toMatch(/^Could not .+: the history .+h\.db is already closed\.$/);
    }
  });
});
