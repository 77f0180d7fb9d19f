// The alert monitor: after each poll, gathers what the detector needs (baselines from the
// history, per-model errors when they look raised), runs the rules, moves each alert through its
// lifecycle, stores the events, and lets the policy decide what becomes a notification.
import type { AlertLog, HistoryStore } from '../history/types';
import type { PollResult, RecentWindows } from '../poller/poll-result';
import type { StatsSource } from '../stats/stats-source';
import { DAY_MS, HOUR_MS } from '../time';
import { BASELINE_DAYS, buildBaselines, type BaselineBook } from './baselines';
import { createDetector } from './detector';
import { createAlertTracker, type LifecycleLimits, type OpenAlert, type TrackerOptions } from './lifecycle';
import { createNotificationPolicy, type PolicySettings, type Snooze } from './policy';
import { errorFiguresOf, type ModelErrorFigures } from './rules/errors';
import type { ResolvedThresholds } from './thresholds';
import type { AlertEvent, AlertKey, AlertNotification, Finding, Notifier } from './types';

export interface AlertMonitorOptions {
  readonly store: HistoryStore & AlertLog;
  /** For the per-model error requests (the same source the poller uses). */
  readonly source: StatsSource;
  readonly thresholds: ResolvedThresholds;
  readonly policy?: PolicySettings;
  readonly notifier?: Notifier;
  readonly tracker?: TrackerOptions;
  /** Local minute of the day, for quiet hours. Default: the system's time zone. */
  readonly localMinuteOfDay?: (at: Date) => number;
  /** Each poll's alert events, before they turn into notifications (the CLI prints them). */
  readonly onEvents?: (events: readonly AlertEvent[]) => void;
  /** A problem that must not stop monitoring (a full disk, a notifier that threw): one line. */
  readonly onError?: (message: string) => void;
}

export interface MonitorReport {
  readonly at: Date;
  readonly events: readonly AlertEvent[];
  readonly notifications: readonly AlertNotification[];
  readonly active: readonly OpenAlert[];
}

export interface AlertMonitor {
  /** Evaluates one poll; calls are queued, so results are taken in order. Never rejects. */
  onPoll(result: PollResult): Promise<MonitorReport>;
  /** Resolves once every queued evaluation has finished. */
  idle(): Promise<void>;
  snooze(snooze: Snooze, at: Date): void;
  unsnooze(rule: Snooze['rule'], model: string | null): void;
  active(): readonly OpenAlert[];
}

export function createAlertMonitor(options: AlertMonitorOptions): AlertMonitor {
  const { store, source, thresholds, notifier, onError = () => undefined } = options;
  const detector = createDetector(thresholds);
  const tracker = createAlertTracker(options.tracker);
  const policy = createNotificationPolicy({
    ...(options.policy === undefined ? {} : { settings: options.policy }),
    ...(options.localMinuteOfDay === undefined ? {} : { localMinuteOfDay: options.localMinuteOfDay }),
    snoozes: guarded(() => store.snoozes(new Date()), [], onError),
  });
  let book: BaselineBook | null = null;
  let failures = 0;
  let active: readonly OpenAlert[] = [];
  let queue: Promise<unknown> = Promise.resolve();

  const limits = (key: AlertKey): LifecycleLimits => {
    const rule = thresholds.forModel(key.model)[key.rule];
    if (key.rule === 'ServerVersionChange') return { pendingPolls: 1, recoverPolls: 1, instant: true };
    if (key.rule === 'MonitorUnavailable') return { pendingPolls: 1, recoverPolls: 'recoverPolls' in rule ? rule.recoverPolls : 1 };
    return { pendingPolls: 'pendingPolls' in rule ? rule.pendingPolls : 2, recoverPolls: 'recoverPolls' in rule ? rule.recoverPolls : 3 };
  };

  /** The complete hours the book was built from: it is rebuilt when an hour completes or the backfill adds an older one. */
  let builtFrom = '';

  function baselinesAt(at: Date): BaselineBook {
    const window = { start: new Date(at.getTime() - BASELINE_DAYS * DAY_MS - HOUR_MS), end: at };
    const hours = store.completeHours(window);
    const key = `${hours.length}:${hours.at(0)?.getTime() ?? ''}:${hours.at(-1)?.getTime() ?? ''}`;
    if (book !== null && key === builtFrom) return book;
    builtFrom = key;
    const buckets = store.hourlyBuckets(window);
    book = buildBaselines(buckets, at, {
      minDetections: (model) => thresholds.forModel(model).ConfidenceDrop.minDetections,
      minRequests: (model) => thresholds.forModel(model).LatencyUp.minRequests,
    });
    return book;
  }

  async function modelErrors(recent: RecentWindows, models: readonly string[]): Promise<Map<string, ModelErrorFigures>> {
    const figures = new Map<string, ModelErrorFigures>();
    for (const model of models) {
      try {
        figures.set(model, errorFiguresOf(await source.fetchStats({ window: recent.hour.window, models: [model] })));
      } catch {
        // That model's errors stay unknown this poll; its alert keeps its state.
      }
    }
    return figures;
  }

  function monitorFinding(result: PollResult): Finding {
    const t = thresholds.forModel(null).MonitorUnavailable;
    const key: AlertKey = { rule: 'MonitorUnavailable', model: null, className: null };
    if (result.ok) return { key, verdict: 'recovered', severity: 'warning', summary: 'polls succeed again', figures: { failedPolls: 0 } };
    const why = result.error?.message ?? 'unknown error';
    const summary = `Roboflow could not be read: ${failures} polls in a row failed (last: ${why})`;
    return { key, verdict: failures >= t.failedPolls ? 'breach' : 'holding', severity: 'warning', summary, figures: { failedPolls: failures, lastError: result.error?.kind ?? null } };
  }

  async function evaluate(result: PollResult): Promise<MonitorReport> {
    const at = result.at;
    if (result.error?.kind === 'cancelled') return { at, events: [], notifications: [], active };
    failures = result.ok ? 0 : failures + 1;
    const findings: Finding[] = thresholds.forModel(null).MonitorUnavailable.enabled ? [monitorFinding(result)] : [];
    if (result.ok && result.recent !== undefined) {
      const recent = result.recent;
      const baselines = guarded(() => baselinesAt(at), null, onError);
      if (baselines !== null) {
        const isOpen = (key: AlertKey) => tracker.isOpen(key);
        const errors = await modelErrors(recent, detector.modelsToCheckForErrors(recent, baselines, isOpen));
        findings.push(...detector.evaluate({ at, recent, book: baselines, modelErrors: errors, isOpen }));
      }
    }
    const evaluation = tracker.apply(at, findings, limits);
    active = evaluation.active;
    for (const event of evaluation.events) record(event);
    if (evaluation.events.length > 0) guarded(() => options.onEvents?.(evaluation.events), undefined, onError);
    const snoozedBefore = policy.snoozes(at);
    const notifications = policy.evaluate({ at, events: evaluation.events, active: evaluation.active });
    forgetEndedSnoozes(snoozedBefore, at);
    for (const notification of notifications) await send(notification);
    return { at, events: evaluation.events, notifications, active };
  }

  function record(event: AlertEvent): void {
    guarded(() => {
      if (event.event === 'firing') {
        store.recordAlertFiring(event);
        if (limits(event.key).instant === true) store.recordAlertResolved({ ...event, event: 'resolved' });
      } else {
        store.recordAlertResolved(event);
      }
    }, undefined, onError);
  }

  /** "Until resolved" snoozes end inside the policy; the stored copies follow, so a restart agrees. */
  function forgetEndedSnoozes(before: readonly Snooze[], at: Date): void {
    const still = new Set(policy.snoozes(at).map((s) => `${s.rule}\u0000${s.model ?? ''}`));
    for (const snooze of before) {
      if (snooze.until === null && !still.has(`${snooze.rule}\u0000${snooze.model ?? ''}`)) guarded(() => store.removeSnooze(snooze.rule, snooze.model), undefined, onError);
    }
  }

  async function send(notification: AlertNotification): Promise<void> {
    guarded(() => store.recordNotification(notification), undefined, onError);
    try {
      await notifier?.notify(notification);
    } catch (error) {
      onError(`A notification could not be shown: ${error instanceof Error ? error.message : String(error)}`);
    }
  }

  return {
    onPoll(result) {
      const next = queue.then(() => evaluate(result)).catch((error: unknown): MonitorReport => {
        onError(`Alert evaluation failed (a Pulsebar bug worth reporting): ${error instanceof Error ? error.name : typeof error}`);
        return { at: result.at, events: [], notifications: [], active };
      });
      queue = next;
      return next;
    },
    async idle() {
      await queue;
    },
    snooze(snooze, at) {
      policy.snooze(snooze);
      guarded(() => store.saveSnooze({ rule: snooze.rule, model: snooze.model, until: snooze.until, createdAt: at }), undefined, onError);
    },
    unsnooze(rule, model) {
      policy.unsnooze(rule, model);
      guarded(() => store.removeSnooze(rule, model), undefined, onError);
    },
    active: () => active,
  };
}

function guarded<T>(call: () => T, fallback: T, onError: (message: string) => void): T {
  try {
    return call();
  } catch (error) {
    onError(error instanceof Error ? error.message : String(error));
    return fallback;
  }
}
