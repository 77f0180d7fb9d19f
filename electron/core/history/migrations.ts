// The schema's version and its forward migrations, run at open. A database written by a newer
// Pulsebar is refused before anything writes to it: its bytes stay as they were.
import type { Connection, Db } from './connection';
import { HistoryError, corruptMessage, toHistoryError } from './errors';
import { SCHEMA_V1 } from './schema-v1';
import { SCHEMA_V2 } from './schema-v2';
import { numberOrNull, rowOf, rowsOf } from './values';

export interface Migration {
  readonly version: number;
  readonly description: string;
  readonly up: (db: Db) => void;
}

/** In order; each runs in its own transaction. Never edit a released one: add the next. */
export const MIGRATIONS: readonly Migration[] = [
  { version: 1, description: 'history tables', up: (db) => db.exec(SCHEMA_V1) },
  { version: 2, description: 'alert events, notifications and snoozes', up: (db) => db.exec(SCHEMA_V2) },
];

export const SCHEMA_VERSION = MIGRATIONS.reduce((latest, migration) => Math.max(latest, migration.version), 0);

/**
 * Page size for a new file: SQLite's default, 4 KB, measured against 1, 2, 8, 16, 32 and 64 KB.
 * A ~4.5 KB snapshot payload then keeps ~0.5 KB in its leaf and fills one overflow page, so
 * payloads pack at ~100%; larger pages waste the tail of each page (one 4.5 KB payload per
 * 8 KB page) and write far more per poll to the WAL, smaller ones waste more in the leaves.
 */
const PAGE_SIZE = 4096;
const AUTO_CHECKPOINT_PAGES = 4_000;

export interface SchemaOptions {
  readonly now: () => Date;
  readonly readOnly: boolean;
  /** Default: MIGRATIONS (tests pass their own to exercise the runner). */
  readonly migrations?: readonly Migration[] | undefined;
}

/** Brings the database to SCHEMA_VERSION, or throws a HistoryError saying why it cannot. */
export function prepareSchema(connection: Connection, options: SchemaOptions): void {
  const { db, path } = connection;
  const migrations = options.migrations ?? MIGRATIONS;
  const known = migrations.reduce((latest, migration) => Math.max(latest, migration.version), 0);
  const state = connection.read('read the schema version', () => readSchemaState(db));
  refuseForeign(state, path, known);
  if (options.readOnly) {
    if (state.version !== known) {
      throw new HistoryError(
        'storage',
        `The history ${path} has schema v${state.version ?? 0} and must be upgraded to v${known} before it can be read: open it once with a writable Pulsebar.`,
        { path },
      );
    }
    return;
  }
  try {
    if (state.empty) {
      // Only possible before the first table exists: page size, and freeing pages back to the
      // file system in small steps (retention.ts runs incremental_vacuum after pruning).
      db.pragma(`page_size = ${PAGE_SIZE}`);
      db.pragma('auto_vacuum = INCREMENTAL');
    }
    // WAL: readers never block the writer. synchronous = NORMAL is safe in WAL mode: a committed
    // transaction survives the process being killed (only a power cut may lose the last commits,
    // never corrupt the file), and a commit costs no fsync.
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = NORMAL');
    // Checkpoints (copying the WAL into the file, with an fsync) run in retention's batch once
    // the WAL passes 4 MB, after the poll's writes (retention.ts). The automatic one runs inside
    // whichever commit crosses its limit: at SQLite's default 1 000 pages it hit ~1 poll in 35
    // for ~10 ms, in the append's p99; at 4 000 it is a safety net for callers that never prune
    // (~1 poll in 130). A WAL left larger than 4 MB is cut back when it restarts.
    db.pragma(`wal_autocheckpoint = ${AUTO_CHECKPOINT_PAGES}`);
    db.pragma(`journal_size_limit = ${4 * 1024 * 1024}`);
  } catch (error) {
    throw toHistoryError(error, 'set up the database', path);
  }
  for (const migration of [...migrations].sort((a, b) => a.version - b.version)) {
    if (migration.version <= (state.version ?? 0)) continue;
    connection.write(`upgrade the history to schema v${migration.version} (${migration.description})`, () => {
      // Another process may have migrated since the check above; the write lock settles it.
      const current = readSchemaState(db);
      refuseForeign(current, path, known);
      if ((current.version ?? 0) >= migration.version) return;
      migration.up(db);
      db.prepare('INSERT INTO schema_version (version, applied_at) VALUES (?, ?)').run(migration.version, options.now().getTime());
    });
  }
}

interface SchemaState {
  /** The highest version applied, or null when there is no schema_version table. */
  readonly version: number | null;
  /** No table at all: a new file. */
  readonly empty: boolean;
}

function readSchemaState(db: Db): SchemaState {
  const names = rowsOf(db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all()).map((row) => row.name);
  if (!names.includes('schema_version')) return { version: null, empty: names.length === 0 };
  const row = rowOf(db.prepare('SELECT max(version) AS version FROM schema_version').get());
  return { version: numberOrNull(row?.version) ?? 0, empty: false };
}

function refuseForeign(state: SchemaState, path: string, known: number): void {
  if (state.version === null && !state.empty) {
    throw new HistoryError('corrupt', corruptMessage(path, 'a SQLite database without a Pulsebar schema'), { path });
  }
  if (state.version !== null && state.version > known) {
    throw new HistoryError(
      'newer_schema',
      `The history ${path} was written by a newer Pulsebar (schema v${state.version}, this one knows up to v${known}). Update Pulsebar; the file was not changed.`,
      { path },
    );
  }
}
