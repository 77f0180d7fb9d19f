// Reading libsql's loosely typed rows. Rows are read by column name only (a `get()` row also
// carries libsql's `_metadata`, so rows are never spread or enumerated).
export type Row = Readonly<Record<string, unknown>>;

export function numberOrNull(value: unknown): number | null {
  if (value === null || value === undefined) return null;
  if (typeof value === 'number') return value;
  if (typeof value === 'bigint') return Number(value);
  throw new TypeError(`Expected a number in the history database, got ${typeof value}.`);
}

export function numberOf(value: unknown): number {
  const number = numberOrNull(value);
  if (number === null) throw new TypeError('Expected a number in the history database, got null.');
  return number;
}

export function stringOf(value: unknown): string {
  if (typeof value !== 'string') throw new TypeError(`Expected text in the history database, got ${typeof value}.`);
  return value;
}

export function stringOrNull(value: unknown): string | null {
  return value === null || value === undefined ? null : stringOf(value);
}

/** A BLOB: libsql gives a Buffer from `get()` and an ArrayBuffer from `all()`. */
export function bytesOf(value: unknown): Buffer {
  if (Buffer.isBuffer(value)) return value;
  if (value instanceof ArrayBuffer) return Buffer.from(value);
  if (ArrayBuffer.isView(value)) return Buffer.from(value.buffer, value.byteOffset, value.byteLength);
  throw new TypeError(`Expected a blob in the history database, got ${typeof value}.`);
}

export const rowsOf = (rows: unknown[]): Row[] => rows as Row[];
export const rowOf = (row: unknown): Row | undefined => (row === undefined || row === null ? undefined : (row as Row));
