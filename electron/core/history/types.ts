// The local history's contract: what the poller writes and what views, rules and the CLI read.
// Implemented by `openHistory` (SQLite through libsql); kept as an interface so the poller can
// be tested against a fake and a later source (Vision Events) can feed the same store.
import type { AlertEvent, AlertFigures, AlertKey, AlertNotification, RuleName, Severity } from '../alerts/types';
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
  /** Alerts that ended more than `dailyDays` ago, deleted (an active alert is never deleted). */
  readonly alertsDeleted?: number;
  /** Notifications older than `dailyDays`, deleted. */
  readonly notificationsDeleted?: number;
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

  /**
   * One point per bucket in [from, to), null where nothing is stored. A model's or class's
   * inferences are 0, not null, in an hour (or day) the workspace has a bucket for (fetched,
   * and nothing served); its other metrics read as stored, null without a row.
   */
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

/** An alert as the history keeps it: from its firing to its resolution (endedAt null while active). */
export interface StoredAlert {
  readonly id: number;
  readonly key: AlertKey;
  readonly severity: Severity;
  readonly startedAt: Date;
  readonly endedAt: Date | null;
  readonly message: string;
  readonly resolvedMessage: string | null;
  /** The figures at firing ({} when the stored JSON is damaged). */
  readonly figures: AlertFigures;
  /** The figures at resolution; null while active. */
  readonly endFigures: AlertFigures | null;
  readonly acknowledgedAt: Date | null;
}

export interface StoredNotification extends AlertNotification {
  readonly id: number;
}

export interface AlertSnooze {
  readonly rule: RuleName;
  /** The model it silences the rule for; null for the workspace level. */
  readonly model: string | null;
  /** null: until the alert resolves */
  readonly until: Date | null;
  readonly createdAt: Date;
}

/**
 * What the alerting keeps: alerts from firing to resolution, the notifications sent, and the
 * snoozes. Writes throw HistoryError 'storage' like the store's; apart from HistoryStore so the
 * poller's fakes need not implement it.
 */
export interface AlertLog {
  /** Records an alert that started firing; returns its id (the active one's, if its key is already active). */
  recordAlertFiring(event: AlertEvent): number;
  /** Marks the active alert with this key resolved (no-op if none is active). */
  recordAlertResolved(event: AlertEvent): void;
  /** Alerts active at any moment of the window (started before its end, not ended before its start), newest first; `limit` default 500. */
  alerts(window: TimeWindow, limit?: number): StoredAlert[];
  /** Alerts not yet resolved, newest first. */
  activeAlerts(): StoredAlert[];
  /** Marks the alert acknowledged (the first acknowledgement's time is kept); false when there is no such alert. */
  acknowledgeAlert(id: number, at: Date): boolean;
  /** Records a notification that was sent; returns its id. */
  recordNotification(notification: AlertNotification): number;
  /** Notifications sent within [window.start, window.end), newest first; `limit` default 500. */
  notifications(window: TimeWindow, limit?: number): StoredNotification[];
  /** Saves a snooze, replacing one for the same (rule, model). */
  saveSnooze(snooze: AlertSnooze): void;
  removeSnooze(rule: RuleName, model: string | null): void;
  /** Snoozes still in force at `now` (until-resolved ones included), newest first; expired ones are deleted. */
  snoozes(now: Date): AlertSnooze[];
}
