// Retention, one bounded batch at a time: each call does at most about `batchRows` rows of work,
// in transactions of at most TRANSACTION_ROWS rows, so the poller (one batch per poll) and other
// readers never wait long. Every step is idempotent: an interrupted call loses nothing.
//
// 1. Pending hours are filed into `hourly` (pending-hours.ts). Hourly rows of UTC days wholly
//    older than `hourlyDays` are rolled up into daily rows (rollup.ts) and deleted, whole days
//    of one series per transaction; then those hours' rows in `hours`.
// 2. Daily rows of days wholly older than `dailyDays` are deleted.
// 3. Snapshots (and their archives), poll outcomes, alerts that ended and notifications older
//    than `dailyDays` are deleted: nothing else reaches back that far. An active alert stays.
// 4. Snapshots fetched in UTC hours wholly older than `snapshotFullDays` are thinned to the last
//    of each hour; then each thinned UTC day's payloads are compressed together into one
//    archive row (snapshot-archive.ts), one day per call.
// 5. Freed pages are handed back to the file system (incremental vacuum), so the file shrinks,
//    and a WAL grown past 4 MB is checkpointed into the file.
import { DAY_MS, HOUR_MS } from '../time';
import type { StoreContext } from './context';
import { filePendingHours, hasPendingToFile } from './pending-hours';
import { Budget, archiveDay, checkpointLargeWal, deleteBefore, deleteOldDays, releaseFreePages, rollUpOldHours, thinSnapshots, type Step } from './retention-steps';
import { HOURS_PER_DAY, assertDate, dayIndexOf } from './time';
import type { PruneReport, RetentionSettings } from './types';

export interface Pruner {
  prune(now: Date, retention: RetentionSettings, batchRows: number): PruneReport;
}

const NOT_YET: Step = { rows: 0, done: false };
const NOTHING: Step = { rows: 0, done: true };

export function createPruner(context: StoreContext): Pruner {
  // Each step remembers the cutoff it last finished and is skipped until its cutoff moves (a
  // day for most, an hour for thinning), so that a poll's prune is usually a few stats and no
  // scan. Per process: rows another process writes behind a cutoff wait for the next one.
  const finished = new Map<string, number>();
  const step = (name: string, cutoff: number, run: () => Step): Step => {
    if (finished.get(name) === cutoff) return NOTHING;
    const result = run();
    if (result.done) finished.set(name, cutoff);
    return result;
  };
  let thinnedBefore = 0; // snapshots before this time are thinned already
  return {
    prune(now, retention, batchRows) {
      assertDate(now, 'now');
      checkRetention(retention, batchRows);
      const nowMs = now.getTime();
      const budget = new Budget(batchRows);
      const { connection } = context;

      const hourlyCutoff = dayIndexOf(nowMs - retention.hourlyDays * DAY_MS);
      // Every call: complete hours saved since, and open ones too old ever to complete (rolled up
      // as they are), go from their blob into `hourly`.
      budget.spend(filePendingHours(connection, context.pendingHours, hourlyCutoff * HOURS_PER_DAY, budget.remaining));
      const filed = hasPendingToFile(connection, hourlyCutoff * HOURS_PER_DAY) ? NOT_YET : NOTHING;
      const hourly = !filed.done ? NOT_YET : step('hourly', hourlyCutoff, () => {
        const rolled = rollUpOldHours(context, hourlyCutoff, budget);
        // An hour's completeness goes once none of its rows is left.
        const hours = rolled.done ? deleteBefore(context, 'hours', 'hour', hourlyCutoff * HOURS_PER_DAY, budget) : NOT_YET;
        return { rows: rolled.rows, done: hours.done };
      });
      // After the rollup, which may have made daily rows old enough to go.
      const dailyCutoff = dayIndexOf(nowMs - retention.dailyDays * DAY_MS);
      const daily = hourly.done ? step('daily', dailyCutoff, () => deleteOldDays(context, dailyCutoff, budget)) : NOT_YET;

      const horizon = floorTo(nowMs - retention.dailyDays * DAY_MS, HOUR_MS);
      const expired = step('snapshots', horizon, () => deleteBefore(context, 'snapshots', 'fetched_at', horizon, budget));
      const archives = step('archives', dayIndexOf(horizon), () => deleteBefore(context, 'snapshot_archives', 'day', dayIndexOf(horizon), budget));
      const polls = step('polls', horizon, () => deleteBefore(context, 'polls', 'started_at', horizon, budget));
      const alerts = step('alerts', horizon, () => deleteBefore(context, 'alert_events', 'started_at', horizon, budget));
      const notifications = step('notifications', horizon, () => deleteBefore(context, 'notifications', 'at', horizon, budget));

      const thinCutoff = floorTo(nowMs - retention.snapshotFullDays * DAY_MS, HOUR_MS);
      const thinned = step('thin', thinCutoff, () => {
        const result = thinSnapshots(context, thinnedBefore, thinCutoff, budget);
        if (result.done) thinnedBefore = Math.max(thinnedBefore, thinCutoff);
        return result;
      });
      const archiveBefore = Math.floor(thinCutoff / DAY_MS);
      const archived = thinned.done ? step('archive', archiveBefore, () => archiveDay(context, archiveBefore, budget)) : NOT_YET;

      const vacuum = releaseFreePages(context);
      checkpointLargeWal(context);
      return {
        hourlyRolledUp: hourly.rows,
        dailyDeleted: daily.rows,
        snapshotsThinned: thinned.rows,
        snapshotsArchived: archived.rows,
        snapshotsExpired: expired.rows,
        pollsDeleted: polls.rows,
        alertsDeleted: alerts.rows,
        notificationsDeleted: notifications.rows,
        pagesReleased: vacuum.rows,
        done: [hourly, daily, expired, archives, polls, alerts, notifications, thinned, archived, vacuum].every((result) => result.done),
      };
    },
  };
}

const floorTo = (ms: number, unit: number): number => Math.floor(ms / unit) * unit;

function checkRetention(retention: RetentionSettings, batchRows: number): void {
  for (const [name, days] of Object.entries(retention)) {
    if (typeof days !== 'number' || !Number.isFinite(days) || days < 0) throw new RangeError(`Retention ${name} must be a number of days >= 0 (got ${String(days)}).`);
  }
  if (!Number.isInteger(batchRows) || batchRows < 1) throw new RangeError(`prune's batchRows must be a whole number >= 1 (got ${batchRows}).`);
}
