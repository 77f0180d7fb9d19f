// One libsql connection with what every part of the store needs: cached statements, short
// write transactions that leave earlier data intact when they fail, and errors turned into
// HistoryErrors naming the data folder.
import { closeSync, mkdirSync, openSync, readSync, statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import Database from 'libsql';
import { HistoryError, corruptMessage, toHistoryError } from './errors';

export type Db = Database.Database;
export type Statement = Database.Statement;

export interface Connection {
  readonly db: Db;
  /** The database file (absolute), or ':memory:'. */
  readonly path: string;
  /** A prepared statement, prepared once per connection. */
  statement(sql: string): Statement;
  /** Like statement(), in raw mode: rows come as arrays (no object per row, for hot reads). */
  rawStatement(sql: string): Statement;
  /** Runs `work` in one IMMEDIATE transaction: all of it is saved or none of it. */
  write<T>(action: string, work: () => T): T;
  /** Runs `work` in one read transaction, so its queries see one consistent state. */
  read<T>(action: string, work: () => T): T;
  /** Called after a write rolled back, so in-memory caches forget what was not saved. */
  onRollback(listener: () => void): void;
  /** Closes; `fold: false` leaves the WAL alone (for a file that was refused and must not change). */
  close(options?: { readonly fold?: boolean }): void;
}

export interface ConnectOptions {
  /** Open for reading only (`mode=ro`): every write fails with SQLITE_READONLY. */
  readonly readOnly?: boolean;
}

const SQLITE_HEADER = Buffer.from('SQLite format 3\0', 'latin1');
const BUSY_TIMEOUT_MS = 5_000;

export function connect(path: string, options: ConnectOptions = {}): Connection {
  const file = path === ':memory:' ? path : resolve(path);
  if (file !== ':memory:') {
    if (options.readOnly !== true) createFolder(file);
    refuseIfNotSqlite(file);
  }
  let db: Db;
  try {
    db = new Database(options.readOnly === true && file !== ':memory:' ? `${pathToFileURL(file).href}?mode=ro` : file);
    // Wait up to 5 s for another Pulsebar process (app, `pulsebar watch`) instead of failing at once.
    db.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
    db.pragma('foreign_keys = ON');
  } catch (error) {
    throw toHistoryError(error, 'open the database', file);
  }
  return wrap(db, file);
}

function wrap(db: Db, path: string): Connection {
  const statements = new Map<string, Statement>();
  const rawStatements = new Map<string, Statement>();
  const rollbackListeners: (() => void)[] = [];
  const statement = (sql: string): Statement => {
    let prepared = statements.get(sql);
    if (prepared === undefined) {
      prepared = db.prepare(sql);
      statements.set(sql, prepared);
    }
    return prepared;
  };
  const transaction = <T>(begin: string, action: string, work: () => T, isWrite: boolean): T => {
    // libsql brings the process down when a closed database is used: refuse here instead.
    if (!db.open) throw new HistoryError('storage', `Could not ${action}: the history ${path} is already closed.`, { path });
    // Nested calls join the transaction already open (a write that reads, for one).
    if (db.inTransaction) return guard(action, path, work);
    try {
      db.exec(begin);
      const result = work();
      db.exec('COMMIT');
      return result;
    } catch (error) {
      // SQLite may already have rolled back (after SQLITE_FULL, for one); never let a failed
      // ROLLBACK hide the error that matters.
      if (db.inTransaction) {
        try {
          db.exec('ROLLBACK');
        } catch {
          /* the original error is the one to report */
        }
      }
      if (isWrite) for (const listener of rollbackListeners) listener();
      throw asHistoryError(error, action, path);
    }
  };
  const rawStatement = (sql: string): Statement => {
    let prepared = rawStatements.get(sql);
    if (prepared === undefined) {
      prepared = db.prepare(sql).raw(true);
      rawStatements.set(sql, prepared);
    }
    return prepared;
  };
  return {
    db,
    path,
    statement,
    rawStatement,
    write: (action, work) => transaction('BEGIN IMMEDIATE', action, work, true),
    read: (action, work) => transaction('BEGIN DEFERRED', action, work, false),
    onRollback: (listener) => void rollbackListeners.push(listener),
    close: (options) => {
      statements.clear();
      rawStatements.clear();
      if (!db.open) return;
      if (options?.fold !== false) fold(db);
      db.close();
    },
  };
}

/**
 * libsql leaves the WAL in place on close: fold it into the database file first, so the file
 * alone holds the history (for copies, backups and size checks). Best effort: a read-only or
 * busy file keeps its WAL, which the next open replays.
 */
function fold(db: Db): void {
  try {
    db.pragma('wal_checkpoint(TRUNCATE)');
  } catch {
    /* nothing lost: the WAL stays valid */
  }
}

function guard<T>(action: string, path: string, work: () => T): T {
  try {
    return work();
  } catch (error) {
    throw asHistoryError(error, action, path);
  }
}

/** A RangeError is a caller's bug (a bad window, a non-finite figure) and stays one. */
const asHistoryError = (error: unknown, action: string, path: string): unknown => (error instanceof RangeError ? error : toHistoryError(error, action, path));

function createFolder(file: string): void {
  try {
    mkdirSync(dirname(file), { recursive: true });
  } catch (error) {
    throw toHistoryError(error, 'create the data folder', file);
  }
}

/** A file that exists, is not empty and lacks SQLite's header is refused before SQLite touches it. */
function refuseIfNotSqlite(file: string): void {
  let size: number;
  try {
    size = statSync(file).size;
  } catch {
    return; // Not there yet: SQLite creates it.
  }
  if (size === 0) return; // SQLite treats an empty file as a new database.
  const header = Buffer.alloc(SQLITE_HEADER.length);
  try {
    const fd = openSync(file, 'r');
    try {
      readSync(fd, header, 0, header.length, 0);
    } finally {
      closeSync(fd);
    }
  } catch (error) {
    throw toHistoryError(error, 'read the database file', file);
  }
  if (!header.equals(SQLITE_HEADER)) {
    throw new HistoryError('corrupt', corruptMessage(file, 'not a SQLite database'), { path: file, code: 'SQLITE_NOTADB' });
  }
}
