// An in-memory HistoryStore for the poller's tests: it records every write, derives
// completeHours from what was saved, and can be told to throw, as a full disk would.
import type { HistoryStore, PollRecord, PruneReport, RetentionSettings, StoredSnapshot } from '../../../electron/core/history/types';
import type { StatsSnapshot, TimeWindow } from '../../../electron/core/stats/types';

export interface SavedHour {
  readonly hour: number;
  readonly snapshot: StatsSnapshot;
  readonly fetchedAt: Date;
  readonly complete: boolean;
}

type Write = 'saveSnapshot' | 'saveHour' | 'recordPoll' | 'completeHours' | 'prune';

export class FakeHistoryStore implements HistoryStore {
  readonly snapshotsSaved: StoredSnapshot[] = [];
  /** Every saveHour call, in order. */
  readonly hoursSaved: SavedHour[] = [];
  readonly polls: PollRecord[] = [];
  readonly prunes: { now: Date; retention: RetentionSettings | undefined }[] = [];
  /** The order of the writes: `saveSnapshot`, `saveHour 11:00 complete`, `prune`, `recordPoll ok`. */
  readonly log: string[] = [];
  /** Calls that throw until cleared: `failing.add('saveSnapshot')`. */
  readonly failing = new Set<Write>();
  /** The latest figures of each hour, as a store would keep them (a complete hour is final). */
  readonly hours = new Map<number, SavedHour>();
  #failure: () => Error = () => new Error('SQLITE_FULL: database or disk is full');

  /** Makes the failing calls throw this instead of the default disk-full error. */
  failWith(make: () => Error): void {
    this.#failure = make;
  }

  saveSnapshot(snapshot: StatsSnapshot, fetchedAt: Date): StoredSnapshot {
    this.#maybeFail('saveSnapshot');
    const stored = { id: this.snapshotsSaved.length + 1, fetchedAt, snapshot };
    this.snapshotsSaved.push(stored);
    this.log.push('saveSnapshot');
    return stored;
  }

  saveHour(snapshot: StatsSnapshot, fetchedAt: Date, complete: boolean): void {
    this.#maybeFail('saveHour');
    const hour = snapshot.window.start.getTime();
    const saved = { hour, snapshot, fetchedAt, complete };
    this.hoursSaved.push(saved);
    this.log.push(`saveHour ${snapshot.window.start.toISOString().slice(11, 16)}${complete ? ' complete' : ''}`);
    if (this.hours.get(hour)?.complete !== true) this.hours.set(hour, saved);
  }

  recordPoll(record: PollRecord): void {
    this.#maybeFail('recordPoll');
    this.polls.push(record);
    this.log.push(`recordPoll ${record.result}`);
  }

  completeHours(window: TimeWindow): Date[] {
    this.#maybeFail('completeHours');
    return [...this.hours.values()]
      .filter((saved) => saved.complete && saved.hour >= window.start.getTime() && saved.hour < window.end.getTime())
      .map((saved) => new Date(saved.hour))
      .sort((a, b) => a.getTime() - b.getTime());
  }

  prune(now: Date, retention?: RetentionSettings): PruneReport {
    this.#maybeFail('prune');
    this.prunes.push({ now, retention });
    this.log.push('prune');
    return { hourlyRolledUp: 0, dailyDeleted: 0, snapshotsThinned: 0, done: true };
  }

  /** Start times (ms) of every hour stored complete, ascending. */
  completeHourStarts(): number[] {
    return [...this.hours.values()].filter((saved) => saved.complete).map((saved) => saved.hour).sort((a, b) => a - b);
  }

  /** Everything written but poll records: what a failed poll must leave untouched. */
  dataWrites(): number {
    return this.snapshotsSaved.length + this.hoursSaved.length;
  }

  latestSnapshot(): StoredSnapshot | null {
    return this.snapshotsSaved.at(-1) ?? null;
  }

  snapshotAt(at: Date): StoredSnapshot | null {
    return this.snapshotsSaved.findLast((stored) => stored.fetchedAt.getTime() <= at.getTime()) ?? null;
  }

  snapshots(window: TimeWindow): StoredSnapshot[] {
    return this.snapshotsSaved.filter((stored) => stored.fetchedAt >= window.start && stored.fetchedAt < window.end);
  }

  close(): void {}

  // The read side is the store's own business; the poller never calls it.
  series(): never {
    throw new Error('FakeHistoryStore: series is not used by the poller');
  }
  hourlyBuckets(): never {
    throw new Error('FakeHistoryStore: hourlyBuckets is not used by the poller');
  }
  seen(): never {
    throw new Error('FakeHistoryStore: seen is not used by the poller');
  }
  availability(): never {
    throw new Error('FakeHistoryStore: availability is not used by the poller');
  }
  coverage(): never {
    throw new Error('FakeHistoryStore: coverage is not used by the poller');
  }

  #maybeFail(call: Write): void {
    if (this.failing.has(call)) throw this.#failure();
  }
}
