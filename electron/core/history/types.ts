// The local history's contract: what the poller writes and what views, rules and the CLI read.
// Implemented by `openHistory` (SQLite through libsql); kept as an interface so the poller can
// be tested against a fake and a later source (Vision Events) can feed the same store.
import type { StatsErrorKind } from '../stats/errors';
import type { StatsSnapshot, TimeWindow } from '../stats/types';

/** Whose figures a series holds: the workspace, one model, or one class of one model. */
export type SeriesScope =
  | { readonly level: 'workspace' }
  | { readonly level: 'model'; readonly model: string }
  | { readonly level: 'class'; readonly model: string; readonly className: string };

export type Metric = 'inferences' | 'errors' | 'errorRate' | 'avgConfidence' | 'medianConfidence' | 'avgResponseTimeSeconds' | 'detections';

/** The figures a series keeps for one hour or day. */
export interface BucketFigures {
  readonly inferences: number | null;
  readonly errors: number | null;
  readonly avgConfidence: number | null;
  readonly medianConfidence: number | null;
  readonly avgResponseTimeSeconds: number | null;
  readonly detections: number | null;
}

/** The figures of one series over one UTC hour [hour, hour + 1 h), fetched as its own window. */
export interface HourlyBucket extends BucketFigures {
  readonly scope: SeriesScope;
  readonly hour: Date;
  /** False while the hour is still running (refreshed each poll); a complete hour is final. */
  readonly complete: boolean;
}

/** One point of a sparkline: `at` is the bucket's start (an hour, or a UTC day beyond 7 days). */
export interface SeriesPoint {
  readonly at: Date;
  readonly value: number | null;
}

export interface SeriesQuery {
  readonly scope: SeriesScope;
  readonly metric: Metric;
  readonly from: Date;
  readonly to: Date;
  /** Default: hourly when to - from <= 7 days, daily beyond. */
  readonly resolution?: 'hour' | 'day';
}

/** A stored headline snapshot, with when it was fetched. */
export interface StoredSnapshot {
  readonly id: number;
  readonly fetchedAt: Date;
  readonly snapshot: StatsSnapshot;
}

/** What became of one poll, for availability and the UI's status. */
export interface PollRecord {
  readonly startedAt: Date;
  readonly durationMs: number;
  /** 'ok', a StatsError kind, or 'storage' when the answer came but could not be saved. */
  readonly result: 'ok' | StatsErrorKind | 'storage';
  /** One line, already redacted; absent when ok. */
  readonly message?: string;
}

export interface Availability {
  readonly polls: number;
  readonly ok: number;
  /** ok / polls, or null when there was no poll in the range. */
  readonly ratio: number | null;
  readonly failures: Readonly<Partial<Record<PollRecord['result'], number>>>;
  readonly lastPoll: PollRecord | null;
}

export interface SeenSeries {
  readonly model: string;
  readonly classes: readonly string[];
  readonly firstSeen: Date;
  readonly lastSeen: Date;
}

export interface RetentionSettings {
  /** Hourly rows are kept this long, then rolled up into daily rows. Default 90. */
  readonly hourlyDays: number;
  /** Daily rollups are kept this long. Default 730. */
  readonly dailyDays: number;
  /** Every headline snapshot is kept this long, then one per hour. Default 7. */
  readonly snapshotFullDays: number;
}

export const DEFAULT_RETENTION: RetentionSettings = { hourlyDays: 90, dailyDays: 730, snapshotFullDays: 7 };

export interface PruneReport {
  readonly hourlyRolledUp: number;
  readonly dailyDeleted: number;
  readonly snapshotsThinned: number;
  /** Thinned snapshots whose payloads moved into their day's archive (optional, as are the next: fakes need not report them). */
  readonly snapshotsArchived?: number;
  /** Snapshots older than `dailyDays`, deleted. */
  readonly snapshotsExpired?: number;
  /** Poll outcomes older than `dailyDays`, deleted. */
  readonly pollsDeleted?: number;
  /** Free database pages handed back to the file system (the file shrinks by this many pages). */
  readonly pagesReleased?: number;
  /** False when the batch budget ran out: call again (the poller does, one batch per poll). */
  readonly done: boolean;
}

export interface HistoryStore {
  /** Stores a headline snapshot. Throws HistoryError (kind 'storage') on a full disk etc.; earlier data stays. */
  saveSnapshot(snapshot: StatsSnapshot, fetchedAt: Date): StoredSnapshot;
  /** Stores every series of an hour fetched as its own window (workspace, each model, each class). */
  saveHour(snapshot: StatsSnapshot, fetchedAt: Date, complete: boolean): void;
  recordPoll(record: PollRecord): void;
  /** Start times of the complete hours stored within [window.start, window.end). */
  completeHours(window: TimeWindow): Date[];

  series(query: SeriesQuery): SeriesPoint[];
  hourlyBuckets(window: TimeWindow, scope?: SeriesScope): HourlyBucket[];
  latestSnapshot(): StoredSnapshot | null;
  /** Time travel: the last snapshot fetched at or before `at`. */
  snapshotAt(at: Date): StoredSnapshot | null;
  snapshots(window: TimeWindow): StoredSnapshot[];
  seen(): SeenSeries[];
  availability(window: TimeWindow): Availability;
  /** The range the history covers: first and last poll, or null when empty. */
  coverage(): TimeWindow | null;

  /** One bounded batch of retention work; never one long transaction. */
  prune(now: Date, retention?: RetentionSettings, batchRows?: number): PruneReport;
  close(): void;
}
