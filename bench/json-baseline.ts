// The approach a user would pick first: electron-store (conf, its base class) holding the
// snapshots as one JSON array. Every append reads, parses, re-serialises and rewrites it all.
import { statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Conf from 'conf';
import type { StatsSnapshot } from '../electron/core/stats';

interface StoredJson {
  fetchedAt: string;
  snapshot: StatsSnapshot;
}

export interface JsonBaseline {
  append(snapshot: StatsSnapshot, fetchedAt: Date): void;
  snapshotAt(at: Date): StoredJson | undefined;
  /** One metric of `series` class rows for every snapshot in the window (a sparkline per row). */
  sparklines(series: { model: string; className: string }[], from: Date, to: Date): number[][];
  sizeBytes(): number;
}

/** Seeds the file with `count` snapshots in one write (appending them one by one would take hours). */
export function openJsonBaseline(dir: string, seed: { count: number; snapshot(i: number): StatsSnapshot; at(i: number): Date }): JsonBaseline {
  const snapshots: StoredJson[] = [];
  for (let i = 0; i < seed.count; i++) snapshots.push({ fetchedAt: seed.at(i).toISOString(), snapshot: seed.snapshot(i) });
  // conf's own format: pretty-printed with tabs.
  writeFileSync(join(dir, 'snapshots.json'), JSON.stringify({ snapshots }, undefined, '\t'));
  snapshots.length = 0;
  const store = new Conf<{ snapshots: StoredJson[] }>({ cwd: dir, configName: 'snapshots', projectName: 'pulsebar-bench', defaults: { snapshots: [] } });

  return {
    append(snapshot, fetchedAt) {
      store.set('snapshots', [...store.get('snapshots'), { fetchedAt: fetchedAt.toISOString(), snapshot }]);
    },
    snapshotAt(at) {
      const all = store.get('snapshots');
      const iso = at.toISOString();
      let found: StoredJson | undefined;
      for (const entry of all) if (entry.fetchedAt <= iso) found = entry;
      return found;
    },
    sparklines(series, from, to) {
      const all = store.get('snapshots').filter((e) => e.fetchedAt >= from.toISOString() && e.fetchedAt < to.toISOString());
      return series.map((s) =>
        all.map((e) => e.snapshot.classes.find((c) => c.model === s.model && c.className === s.className)?.current.avgConfidence ?? Number.NaN),
      );
    },
    sizeBytes: () => statSync(store.path).size,
  };
}
