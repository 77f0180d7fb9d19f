// The `series` table, cached in memory: names to small integer ids and back. A workspace has a
// few hundred series at most, so all of them are loaded once; a miss reloads (another process,
// `pulsebar watch` next to the app, may have added some).
import type { Connection } from './connection';
import type { SeriesScope } from './types';
import { numberOf, rowOf, rowsOf, stringOf } from './values';

type Level = SeriesScope['level'];

export interface SeriesRecord {
  readonly id: number;
  readonly scope: SeriesScope;
  readonly firstSeen: number;
  readonly lastSeen: number;
}

export interface SeriesRegistry {
  /** The id of `scope`, creating the series (seen at `seenAt`) if it is new. Call inside a write. */
  idFor(scope: SeriesScope, seenAt: Date): number;
  /** The id of `scope`, or undefined when the history has never seen it. */
  find(scope: SeriesScope): number | undefined;
  /** The scope of a stored id, or undefined when there is no such series. */
  scopeOf(id: number): SeriesScope | undefined;
  /** Every series, as stored (first and last seen included). */
  all(): SeriesRecord[];
  /** Moves the last-seen time of these series forward. Call inside a write. */
  markSeen(ids: readonly number[], seenAt: Date): void;
}

const keyOf = (level: Level, model: string, className: string): string => `${level}\u0000${model}\u0000${className}`;

export function columnsOf(scope: SeriesScope): { level: Level; model: string; className: string } {
  switch (scope.level) {
    case 'workspace':
      return { level: 'workspace', model: '', className: '' };
    case 'model':
      return { level: 'model', model: scope.model, className: '' };
    case 'class':
      return { level: 'class', model: scope.model, className: scope.className };
  }
}

export function scopeFromColumns(level: string, model: string, className: string): SeriesScope {
  switch (level) {
    case 'workspace':
      return { level: 'workspace' };
    case 'model':
      return { level: 'model', model };
    case 'class':
      return { level: 'class', model, className };
    default:
      throw new TypeError(`Unknown series level "${level}" in the history database.`);
  }
}

export function createSeriesRegistry(connection: Connection): SeriesRegistry {
  const idsByKey = new Map<string, number>();
  const scopesById = new Map<number, SeriesScope>();
  let loaded = false;

  const remember = (id: number, scope: SeriesScope): void => {
    const { level, model, className } = columnsOf(scope);
    idsByKey.set(keyOf(level, model, className), id);
    scopesById.set(id, scope);
  };
  const load = (): void => {
    idsByKey.clear();
    scopesById.clear();
    for (const row of rowsOf(connection.statement('SELECT id, level, model, class FROM series').all())) {
      remember(numberOf(row.id), scopeFromColumns(stringOf(row.level), stringOf(row.model), stringOf(row.class)));
    }
    loaded = true;
  };
  /** From the cache, else from the table (another process may have added it since). */
  const lookup = (scope: SeriesScope): number | undefined => {
    if (!loaded) load();
    const { level, model, className } = columnsOf(scope);
    const cached = idsByKey.get(keyOf(level, model, className));
    if (cached !== undefined) return cached;
    const row = rowOf(connection.statement('SELECT id FROM series WHERE level = ? AND model = ? AND class = ?').get(level, model, className));
    if (row === undefined) return undefined;
    const id = numberOf(row.id);
    remember(id, scope);
    return id;
  };
  // A rolled-back write may have created series that do not exist after all.
  connection.onRollback(() => {
    loaded = false;
  });

  return {
    idFor(scope, seenAt) {
      const known = lookup(scope);
      if (known !== undefined) return known;
      const { level, model, className } = columnsOf(scope);
      const at = seenAt.getTime();
      const insert = connection.statement('INSERT INTO series (level, model, class, first_seen, last_seen) VALUES (?, ?, ?, ?, ?)');
      const id = Number(insert.run(level, model, className, at, at).lastInsertRowid);
      remember(id, scope);
      return id;
    },
    find: lookup,
    scopeOf(id) {
      if (!loaded || !scopesById.has(id)) load();
      return scopesById.get(id);
    },
    all() {
      return rowsOf(connection.statement('SELECT id, level, model, class, first_seen, last_seen FROM series ORDER BY id').all()).map((row) => ({
        id: numberOf(row.id),
        scope: scopeFromColumns(stringOf(row.level), stringOf(row.model), stringOf(row.class)),
        firstSeen: numberOf(row.first_seen),
        lastSeen: numberOf(row.last_seen),
      }));
    },
    markSeen(ids, seenAt) {
      const update = connection.statement('UPDATE series SET last_seen = max(last_seen, ?1), first_seen = min(first_seen, ?1) WHERE id = ?2');
      for (const id of ids) update.run(seenAt.getTime(), id);
    },
  };
}
