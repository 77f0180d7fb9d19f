// The local history's public surface: import from here rather than from the parts.
export type {
  AlertLog,
  AlertSnooze,
  Availability,
  HistoryStore,
  HourlyBucket,
  Metric,
  PollRecord,
  PruneReport,
  RetentionSettings,
  SeenSeries,
  SeriesPoint,
  SeriesQuery,
  SeriesScope,
  StoredAlert,
  StoredNotification,
  StoredSnapshot,
} from './types';
export { DEFAULT_RETENTION } from './types';
export { openHistory, DEFAULT_PRUNE_BATCH_ROWS, type LocalHistory, type OpenHistoryOptions } from './open-history';
export type { SnapshotSummary } from './snapshots';
export { HistoryError, isHistoryError, type HistoryErrorKind } from './errors';
export { SCHEMA_VERSION } from './migrations';
export { DEFAULT_ALERT_LIST_LIMIT } from './alert-log';
export { hourlyCsv, hourlyJson, snapshotsCsv, snapshotsJson } from './export';
