// The one API behind IPC (and a headless host): what the popover reads and what the user
// changes. It owns the running pipeline and rebuilds it when the settings that shape it change.
import type { AlertSettingsView, AlertView, ConnectionTest, RuleThresholdValues, SnapshotView, ExportRequest, IpcEvents, Overview, PollStateView, SeriesPointView, SeriesRequest, SetKeyResult, SettingsResult, SettingsView, SnoozeFor } from '../../contract';
import { DEFAULT_RULE_THRESHOLDS, RULE_NAMES, type MonitorReport, type Notifier, type RuleName } from '../alerts';
import type { Clock } from '../poller';
import { hourlyCsv, hourlyJson, snapshotsCsv, snapshotsJson } from '../history/export';
import { createRoboflowSource, isStatsError, type StatsSource } from '../stats';
import { DEFAULT_APP_SETTINGS } from '../settings';
import { windowEndingAt } from '../headline-window';
import { HOUR_MS } from '../time';
import { startPipeline, type Pipeline } from './pipeline';
import type { SecretsPort, ServiceSettings, SettingsPort } from './ports';
import { alertView, headlineFigures, healthOf, modelOverviews, pollStateView } from './views';

export interface MonitorServiceDeps {
  readonly dataDir: string;
  readonly fetch: typeof globalThis.fetch;
  readonly clock: Clock;
  readonly settings: SettingsPort;
  readonly secrets: SecretsPort;
  readonly notifier: Notifier;
  readonly demoSource: () => { readonly source: StatsSource; readonly workspace: string };
  /** One line, redacted, for the log. */
  readonly log?: (line: string) => void;
}

type Listener<E extends keyof IpcEvents> = (payload: IpcEvents[E]) => void;

export interface MonitorService {
  /** Starts monitoring with the stored settings (nothing to do before the first run is done). */
  start(): void;
  stop(): Promise<void>;
  overview(): Overview;
  series(request: SeriesRequest): SeriesPointView[];
  snapshotAt(at: string): SnapshotView | null;
  alerts(range: { from: string; to: string }): AlertView[];
  snooze(request: { rule: string; model: string | null; for: SnoozeFor }): void;
  acknowledgeAlert(id: number): boolean;
  settings(): SettingsView;
  updateSettings(patch: Readonly<Record<string, unknown>>): Promise<SettingsResult>;
  setApiKey(key: string, options?: { allowWeakProtection?: boolean }): Promise<SetKeyResult>;
  testConnection(request: { workspace: string; baseUrl?: string; apiKey?: string }): Promise<ConnectionTest>;
  pollNow(): Promise<PollStateView>;
  pause(): void;
  resume(): void;
  /** After sleep, or when the network returns. */
  wake(): void;
  exportHistory(request: ExportRequest): { content: string; fileName: string } | null;
  on<E extends keyof IpcEvents>(event: E, listener: Listener<E>): () => void;
}

const SNOOZE_MS: Readonly<Record<Exclude<SnoozeFor, 'resolved'>, number>> = { '1h': HOUR_MS, '8h': 8 * HOUR_MS };
/** Settings that do not shape the pipeline: changing them does not restart monitoring. */
const LIGHT_SETTINGS = new Set(['launchAtLogin']);

export function createMonitorService(deps: MonitorServiceDeps): MonitorService {
  const { clock, settings, secrets } = deps;
  const log = deps.log ?? (() => undefined);
  const listeners = new Map<keyof IpcEvents, Set<(payload: never) => void>>();
  let pipeline: Pipeline | null = null;
  let startError: string | null = null;
  let lastPollAt: Date | null = null;
  let lastSuccessAt: Date | null = null;
  let changing: Promise<void> = Promise.resolve();

  function emit<E extends keyof IpcEvents>(event: E, payload: IpcEvents[E]): void {
    for (const listener of listeners.get(event) ?? []) {
      try {
        (listener as Listener<E>)(payload);
      } catch (error) {
        log(`A ${event} listener failed: ${error instanceof Error ? error.message : String(error)}`);
      }
    }
  }

  /** Both events at once, from one overview: the poll state is the overview's own. */
  function onPoll(result: { at: Date; ok: boolean }, _report: MonitorReport): void {
    lastPollAt = result.at;
    if (result.ok) lastSuccessAt = result.at;
    const view = overview();
    emit('poll-state', view.poll);
    emit('overview-changed', view);
  }

  function start(): void {
    startError = null;
    try {
      pipeline = startPipeline(settings.get(), secrets.apiKey(), { ...deps, onPoll, onError: (line) => log(line) });
    } catch (error) {
      pipeline = null;
      startError = error instanceof Error ? error.message : String(error);
      log(`Monitoring could not start: ${startError}`);
    }
  }

  async function restart(): Promise<void> {
    const old = pipeline;
    pipeline = null;
    await old?.stop();
    lastPollAt = null;
    lastSuccessAt = null;
    start();
    emit('overview-changed', overview());
  }

  function pollState(): PollStateView {
    const view = pollStateView(pipeline?.poller.state() ?? null, { lastPollAt, lastSuccessAt });
    return startError === null ? view : { ...view, lastError: startError };
  }

  function overview(): Overview {
    const current = settings.get();
    const store = pipeline?.store;
    const latest = store?.latestSnapshot() ?? null;
    const active = (store?.activeAlerts() ?? []).map(alertView);
    const snapshot = latest?.snapshot ?? null;
    return {
      workspace: pipeline?.workspace ?? current.workspace,
      demo: current.demo,
      health: healthOf(active, snapshot !== null),
      window: current.window,
      fetchedAt: latest?.fetchedAt.toISOString() ?? null,
      totals: snapshot === null ? null : headlineFigures(snapshot.totals.current, snapshot.totals.previous),
      models: modelOverviews(snapshot, active),
      activeAlerts: active,
      snoozes: (store?.snoozes(clock.now()) ?? []).map((s) => ({ rule: s.rule, model: s.model, until: s.until?.toISOString() ?? null })),
      poll: pollState(),
    };
  }

  function settingsView(current: ServiceSettings = settings.get()): SettingsView {
    const alerts = (current.alerts ?? {}) as AlertSettingsView;
    return {
      workspace: current.workspace,
      baseUrl: current.baseUrl,
      models: [...current.models],
      intervalMinutes: current.intervalMinutes,
      window: current.window,
      demo: current.demo,
      onboarded: current.onboarded ?? (current.workspace !== null || current.demo),
      launchAtLogin: current.launchAtLogin,
      notificationsEnabled: alerts.notifications?.enabled !== false,
      retention: { ...current.retention },
      alerts: structuredClone(alerts),
      ruleDefaults: structuredClone(DEFAULT_RULE_THRESHOLDS) as RuleThresholdValues,
      knownModels: guardedRead(() => pipeline?.store.seen().map((s) => s.model) ?? [], []),
      resetPatch: resetPatch(),
      apiKey: secrets.status(),
      notices: [...settings.notices],
    };
  }

  /** Settings changes and restarts one at a time, in order. */
  function serially<T>(work: () => Promise<T>): Promise<T> {
    const next = changing.then(work);
    changing = next.then(
      () => undefined,
      () => undefined,
    );
    return next;
  }

  return {
    start,
    async stop() {
      await changing;
      const old = pipeline;
      pipeline = null;
      await old?.stop();
    },
    overview,
    series(request) {
      const store = pipeline?.store;
      if (store === undefined) return [];
      return store.series({ scope: request.scope, metric: request.metric, from: new Date(request.from), to: new Date(request.to) }).map((p) => ({ at: p.at.toISOString(), value: p.value }));
    },
    snapshotAt(at) {
      const store = pipeline?.store;
      const stored = store?.snapshotAt(new Date(at)) ?? null;
      if (store === undefined || stored === null) return null;
      const moment = stored.fetchedAt.getTime();
      // The alerts firing at that moment: started by then, not yet ended.
      const firing = store
        .alerts({ start: stored.fetchedAt, end: new Date(moment + 1) })
        .filter((a) => a.startedAt.getTime() <= moment && (a.endedAt === null || a.endedAt.getTime() > moment))
        .map(alertView);
      const { snapshot } = stored;
      return {
        fetchedAt: stored.fetchedAt.toISOString(),
        window: { start: snapshot.window.start.toISOString(), end: snapshot.window.end.toISOString() },
        totals: headlineFigures(snapshot.totals.current, snapshot.totals.previous),
        models: modelOverviews(snapshot, firing),
        activeAlerts: firing,
      };
    },
    alerts(range) {
      return (pipeline?.store.alerts({ start: new Date(range.from), end: new Date(range.to) }) ?? []).map(alertView);
    },
    snooze(request) {
      if (pipeline === null) return;
      if (!(RULE_NAMES as readonly string[]).includes(request.rule)) throw new RangeError(`"${request.rule}" is not an alert rule; the rules are ${RULE_NAMES.join(', ')}.`);
      const now = clock.now();
      const until = request.for === 'resolved' ? null : new Date(now.getTime() + SNOOZE_MS[request.for]);
      pipeline.monitor.snooze({ rule: request.rule as RuleName, model: request.model, until }, now);
    },
    acknowledgeAlert(id) {
      return pipeline?.store.acknowledgeAlert(id, clock.now()) ?? false;
    },
    settings: () => settingsView(),
    updateSettings(patch) {
      return serially(async () => {
        let updated: ServiceSettings;
        try {
          updated = settings.update(patch);
        } catch (error) {
          if (error instanceof RangeError) return { ok: false, message: error.message, fields: fieldMessages(error) };
          throw error;
        }
        if (Object.keys(patch).some((key) => !LIGHT_SETTINGS.has(key))) await restart();
        return { ok: true, settings: settingsView(updated) };
      });
    },
    setApiKey(key, options) {
      return serially(async () => {
        const result = secrets.setApiKey(key, options);
        if (result.ok) await restart();
        return result;
      });
    },
    async testConnection(request) {
      const apiKey = request.apiKey ?? secrets.apiKey();
      if (apiKey === null || apiKey.trim() === '') return { ok: false, message: 'No API key yet: enter your Roboflow private API key first.' };
      try {
        const source = createRoboflowSource({ baseUrl: request.baseUrl ?? settings.get().baseUrl, workspace: request.workspace, apiKey, fetch: deps.fetch, timeoutMs: 15_000, now: () => clock.now() });
        const snapshot = await source.fetchStats({ window: windowEndingAt(clock.now(), '24h') });
        const inferences = snapshot.totals.current.inferences ?? 0;
        return { ok: true, message: `Connected to ${request.workspace}: ${snapshot.models.length} model${snapshot.models.length === 1 ? '' : 's'}, ${inferences.toLocaleString('en-US')} inferences in the last 24 h.` };
      } catch (error) {
        // StatsErrors are redacted and say what to do; anything else is a refused input (a bad URL).
        return { ok: false, message: isStatsError(error) || error instanceof TypeError || error instanceof RangeError ? error.message : 'The test failed unexpectedly.' };
      }
    },
    async pollNow() {
      if (pipeline !== null) await pipeline.poller.pollNow();
      return pollState();
    },
    pause() {
      pipeline?.poller.pause();
      emit('poll-state', pollState());
    },
    resume() {
      pipeline?.poller.resume();
      emit('poll-state', pollState());
    },
    wake() {
      pipeline?.poller.wake();
    },
    exportHistory(request) {
      const store = pipeline?.store;
      if (store === undefined) return null;
      const coverage = store.coverage();
      const window = { start: new Date(request.from ?? coverage?.start ?? 0), end: new Date(request.to ?? clock.now()) };
      const stamp = clock.now().toISOString().slice(0, 10);
      const workspace = (pipeline?.workspace ?? 'history').replace(/[^A-Za-z0-9._-]+/g, '-');
      const base = `pulsebar-${workspace}-${request.snapshots === true ? 'snapshots' : 'hourly'}-${stamp}.${request.format}`;
      if (request.snapshots === true) {
        const snapshots = store.snapshots(window);
        return { content: request.format === 'csv' ? snapshotsCsv(snapshots) : snapshotsJson(snapshots), fileName: base };
      }
      const buckets = store.hourlyBuckets(window);
      return { content: request.format === 'csv' ? hourlyCsv(buckets) : hourlyJson(buckets), fileName: base };
    },
    on(event, listener) {
      const set = listeners.get(event) ?? new Set();
      set.add(listener as (payload: never) => void);
      listeners.set(event, set);
      return () => void set.delete(listener as (payload: never) => void);
    },
  };
}

/** Preferences back to their defaults; what identifies the workspace (and the key) stays. */
function resetPatch(): Record<string, unknown> {
  const d = DEFAULT_APP_SETTINGS;
  return structuredClone({ models: d.models, intervalMinutes: d.intervalMinutes, window: d.window, launchAtLogin: d.launchAtLogin, retention: d.retention, alerts: d.alerts });
}

/** A read for a view: a broken history shows as empty rather than failing the whole view. */
function guardedRead<T>(read: () => T, fallback: T): T {
  try {
    return read();
  } catch {
    return fallback;
  }
}

/** Per-field messages from an error that lists its issues (the settings' SettingsError). */
function fieldMessages(error: RangeError): Record<string, string> {
  const issues = (error as { issues?: unknown }).issues;
  if (!Array.isArray(issues)) return {};
  const fields: Record<string, string> = {};
  for (const issue of issues as { field?: unknown; message?: unknown }[]) {
    if (typeof issue.field === 'string' && typeof issue.message === 'string') fields[issue.field] = fields[issue.field] === undefined ? issue.message : `${fields[issue.field]} ${issue.message}`;
  }
  return fields;
}
