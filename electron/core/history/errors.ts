// The one error the history throws. Its message is for the user: what failed, why, and what to
// do; `kind` lets callers branch (the poller keeps polling on 'storage', the app offers to move
// a 'corrupt' file away, an old Pulsebar refuses a 'newer_schema' file).
import { dirname } from 'node:path';

export type HistoryErrorKind = 'storage' | 'newer_schema' | 'corrupt';

export interface HistoryErrorDetails {
  /** The database file, or ':memory:'. */
  readonly path: string;
  /** SQLite's code (SQLITE_FULL, SQLITE_READONLY_DBMOVED, ...) or the system's (EACCES, ENOSPC). */
  readonly code?: string | undefined;
  readonly cause?: unknown;
}

export class HistoryError extends Error {
  readonly kind: HistoryErrorKind;
  readonly path: string;
  readonly code: string | undefined;
  static {
    this.prototype.name = 'HistoryError';
  }
  constructor(kind: HistoryErrorKind, message: string, details: HistoryErrorDetails) {
    super(message, details.cause === undefined ? undefined : { cause: details.cause });
    this.kind = kind;
    this.path = details.path;
    this.code = details.code;
  }
}

export const isHistoryError = (value: unknown): value is HistoryError => value instanceof HistoryError;

/** Where the history lives, as the user should look for it. */
export function dataFolderOf(path: string): string {
  return path === ':memory:' ? 'memory' : dirname(path);
}

/**
 * Turns whatever a storage call threw into a HistoryError. `action` completes "Could not ..."
 * (e.g. "save the snapshot"); the message names the file and says what to do. A HistoryError
 * passes through unchanged.
 */
export function toHistoryError(error: unknown, action: string, path: string): HistoryError {
  if (error instanceof HistoryError) return error;
  const code = errorCode(error);
  const reason = error instanceof Error ? error.message : String(error);
  const folder = dataFolderOf(path);
  const details = { path, code, cause: error };
  if (code === 'SQLITE_NOTADB' || code === 'PAYLOAD_CORRUPT' || code?.startsWith('SQLITE_CORRUPT')) {
    return new HistoryError('corrupt', corruptMessage(path, reason), details);
  }
  return new HistoryError('storage', `Could not ${action} (history file ${path}): ${storageAdvice(code, reason, folder)}`, details);
}

export function corruptMessage(path: string, reason: string): string {
  return `The history file ${path} is damaged or is not a Pulsebar database (${reason}). Move it away (Pulsebar then starts a new history) or restore it from a backup; it was not changed.`;
}

function storageAdvice(code: string | undefined, reason: string, folder: string): string {
  if (code === 'SQLITE_FULL' || code === 'ENOSPC') {
    return `the disk is full. Free some space on the disk holding ${folder}; polling goes on and the history already saved is kept.`;
  }
  if (code?.startsWith('SQLITE_READONLY') || code === 'EACCES' || code === 'EPERM' || code === 'EROFS' || code === 'SQLITE_PERM') {
    return `the data folder is read-only or not writable by this user (${reason}). Check the permissions of ${folder} and of the files in it; the history already saved is kept.`;
  }
  if (code === 'SQLITE_CANTOPEN') {
    return `the database file could not be opened (${reason}). Check that ${folder} exists and that this user may read and write it.`;
  }
  if (code === 'SQLITE_BUSY' || code?.startsWith('SQLITE_BUSY') || code === 'SQLITE_LOCKED') {
    return `another process held the database for more than 5 s (${reason}). Another Pulsebar (the app or \`pulsebar watch\`) may be busy; try again.`;
  }
  if (code?.startsWith('SQLITE_IOERR')) {
    return `the disk reported a read or write error (${reason}). Check the disk holding ${folder}; the history already saved is kept.`;
  }
  if (code === 'ENOTDIR' || code === 'ENOENT' || code === 'EEXIST') {
    return `${reason}. Choose another data folder (the CLI's --data-dir or PULSEBAR_DATA_DIR).`;
  }
  return `${reason}.`;
}

function errorCode(error: unknown): string | undefined {
  if (typeof error !== 'object' || error === null) return undefined;
  const code: unknown = (error as { code?: unknown }).code;
  return typeof code === 'string' ? code : undefined;
}
