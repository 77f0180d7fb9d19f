// What every part of the store works with: the connection, the series ids, and the readers of
// day archives and pending hours (each keeps what it decoded last).
import type { Connection } from './connection';
import type { SeriesRegistry } from './series-registry';
import type { PendingHours } from './pending-hours';
import type { ArchiveReader } from './snapshot-archive';

export interface StoreContext {
  readonly connection: Connection;
  readonly series: SeriesRegistry;
  readonly archives: ArchiveReader;
  readonly pendingHours: PendingHours;
}
