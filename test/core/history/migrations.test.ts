import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'libsql';
import { describe, expect, it } from 'vitest';
import { connect } from '../../../electron/core/history/connection';
import { MIGRATIONS, SCHEMA_VERSION, type Migration } from '../../../electron/core/history/migrations';
import { historyOn, openHistory } from '../../../electron/core/history/open-history';
import { caught, seedSnapshot, tempDir, tempHistory, track } from './helpers';

const sha = (path: string) => createHash('sha256').update(readFileSync(path)).digest('hex');

function pragma(db: Database.Database, name: string): unknown {
  const row = db.prepare(`PRAGMA ${name}`).raw().get() as unknown[];
  return row[0];
}

describe('opening a history', () => {
  it('creates the folder and a current database with WAL, foreign keys, NORMAL sync and a 5 s busy timeout', () => {
    const dir = tempDir();
    const path = join(dir, 'nested', 'deeper', 'history.db');
    const connection = connect(path);
    const store = track(historyOn(connection, { now: () => new Date('2026-01-01T00:00:00Z') }));
    expect(existsSync(path)).toBe(true);
    expect(store.path).toBe(path);
    const db = connection.db;
    expect(pragma(db, 'journal_mode')).toBe('wal');
    expect(pragma(db, 'foreign_keys')).toBe(1);
    expect(pragma(db, 'synchronous')).toBe(1); // NORMAL
    expect(pragma(db, 'busy_timeout')).toBe(5000);
    expect(pragma(db, 'auto_vacuum')).toBe(2); // incremental
    expect(pragma(db, 'page_size')).toBe(4096);
    const versions = db.prepare('SELECT version, applied_at FROM schema_version').raw().all();
    expect(versions).toEqual(MIGRATIONS.map((migration) => [migration.version, Date.parse('2026-01-01T00:00:00Z')]));
    const tables = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").raw().all().flat();
    expect(tables).toEqual(['alert_events', 'daily', 'hourly', 'hours', 'notifications', 'polls', 'schema_version', 'series', 'snapshot_archives', 'snapshots', 'snoozes']);
    expect(SCHEMA_VERSION).toBe(MIGRATIONS.length);
  });

  it('keeps the data across a reopen and does not migrate again', () => {
    const { store, path } = tempHistory();
    const saved = store.saveSnapshot(seedSnapshot(), new Date('2026-11-03T00:00:05Z'));
    store.close();
    const again = track(openHistory(path));
    expect(again.latestSnapshot()?.id).toBe(saved.id);
    again.close();
    const db = new Database(path);
    expect(db.prepare('SELECT count(*) FROM schema_version').raw().get()).toEqual([MIGRATIONS.length]);
    db.close();
  });

  it('opens in memory', () => {
    const store = track(openHistory(':memory:'));
    store.saveSnapshot(seedSnapshot(), new Date('2026-11-03T00:00:05Z'));
    expect(store.latestSnapshot()?.snapshot.classes).toHaveLength(6);
  });

  it('refuses a database from a newer Pulsebar and leaves its bytes unchanged', () => {
    const { store, path } = tempHistory();
    store.saveSnapshot(seedSnapshot(), new Date('2026-11-03T00:00:05Z'));
    store.close();
    const db = new Database(path);
    db.prepare('INSERT INTO schema_version (version, applied_at) VALUES (?, ?)').run(SCHEMA_VERSION + 1, 0);
    db.close();
    const before = sha(path);

    const error = caught(() => openHistory(path));
    expect(error.kind).toBe('newer_schema');
    expect(error.message).toBe(
      `The history ${path} was written by a newer Pulsebar (schema v${SCHEMA_VERSION + 1}, this one knows up to v${SCHEMA_VERSION}). Update Pulsebar; the file was not changed.`,
    );
    expect(sha(path)).toBe(before);
    expect(caught(() => openHistory(path, { readOnly: true })).kind).toBe('newer_schema');
    expect(sha(path)).toBe(before);
  });

  it('refuses a file that is not a SQLite database, naming it, without changing it', () => {
    const dir = tempDir();
    const path = join(dir, 'history.db');
    writeFileSync(path, 'these are my notes, not a database\n'.repeat(200));
    const before = sha(path);
    const error = caught(() => openHistory(path));
    expect(error.kind).toBe('corrupt');
    expect(error.message).toContain(path);
    expect(error.message).toContain('not a SQLite database');
    expect(error.message).toContain('it was not changed');
    expect(sha(path)).toBe(before);
    expect(existsSync(`${path}-wal`)).toBe(false);
  });

  it('refuses a SQLite database that is not a Pulsebar history', () => {
    const dir = tempDir();
    const path = join(dir, 'other.db');
    const db = new Database(path);
    db.exec('CREATE TABLE recipes (name TEXT)');
    db.close();
    const before = sha(path);
    const error = caught(() => openHistory(path));
    expect(error.kind).toBe('corrupt');
    expect(error.message).toContain('without a Pulsebar schema');
    expect(sha(path)).toBe(before);
  });

  it('treats an empty file as a new history', () => {
    const dir = tempDir();
    const path = join(dir, 'history.db');
    writeFileSync(path, '');
    const store = track(openHistory(path));
    expect(store.latestSnapshot()).toBeNull();
  });

  it('gives a storage error naming the folder when the data folder cannot be created', () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'file'), 'x');
    const error = caught(() => openHistory(join(dir, 'file', 'sub', 'history.db')));
    expect(error.kind).toBe('storage');
    expect(error.message).toContain(join(dir, 'file', 'sub'));
  });
});

describe('forward migrations', () => {
  const NEXT = SCHEMA_VERSION + 1;
  const next: Migration = { version: NEXT, description: 'notes', up: (db) => db.exec('CREATE TABLE notes (text TEXT); ALTER TABLE polls ADD COLUMN note TEXT') };

  it('runs the migrations a database lacks, in order, keeping its data', () => {
    const { store, path } = tempHistory();
    store.saveSnapshot(seedSnapshot(), new Date('2026-11-03T00:00:05Z'));
    store.close();
    const connection = connect(path);
    const upgraded = track(historyOn(connection, { migrations: [next, ...MIGRATIONS] }));
    expect(connection.db.prepare('SELECT version FROM schema_version ORDER BY version').raw().all().flat()).toEqual([...MIGRATIONS.map((migration) => migration.version), NEXT]);
    expect(connection.db.prepare('SELECT count(*) FROM notes').raw().get()).toEqual([0]);
    expect(upgraded.latestSnapshot()?.snapshot.models).toHaveLength(4);
    upgraded.close();
    // This build only knows up to SCHEMA_VERSION: the upgraded file is now refused, untouched.
    expect(caught(() => openHistory(path)).kind).toBe('newer_schema');
  });

  it('rolls a failing migration back whole, leaving the database at its version', () => {
    const { store, path } = tempHistory();
    store.close();
    const broken: Migration = { version: SCHEMA_VERSION + 1, description: 'broken', up: (db) => db.exec('CREATE TABLE notes (text TEXT); THIS IS NOT SQL') };
    const error = caught(() => historyOn(connect(path), { migrations: [...MIGRATIONS, broken] }));
    expect(error.kind).toBe('storage');
    expect(error.message).toContain(`upgrade the history to schema v${SCHEMA_VERSION + 1} (broken)`);
    const db = new Database(path);
    expect(db.prepare('SELECT max(version) FROM schema_version').raw().get()).toEqual([SCHEMA_VERSION]);
    expect(db.prepare("SELECT count(*) FROM sqlite_master WHERE name = 'notes'").raw().get()).toEqual([0]);
    db.close();
    track(openHistory(path)); // still opens at its version
  });
});

describe('read-only opening', () => {
  it('reads without writing, and refuses writes with a storage error', () => {
    const { store, path } = tempHistory();
    store.saveSnapshot(seedSnapshot(), new Date('2026-11-03T00:00:05Z'));
    store.close();
    const reader = track(openHistory(path, { readOnly: true }));
    expect(reader.latestSnapshot()?.snapshot.classes).toHaveLength(6);
    const error = caught(() => reader.recordPoll({ startedAt: new Date(), durationMs: 5, result: 'ok' }));
    expect(error.kind).toBe('storage');
  });

  it('does not create a missing file', () => {
    const dir = tempDir();
    mkdirSync(join(dir, 'data'));
    const path = join(dir, 'data', 'history.db');
    expect(caught(() => openHistory(path, { readOnly: true })).kind).toBe('storage');
    expect(existsSync(path)).toBe(false);
  });
});
