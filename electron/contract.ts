// The one typed IPC contract between main, preload and renderer. Every method listed here must
// have a handler in main (shell/ipc-types.ts makes a missing one a compile error) and is bridged
// by preload; the renderer reaches main only through `window.pulsebar`, typed by PulsebarApi.
// Plain data only (times as ISO strings): it crosses a process boundary, and the renderer
// compiles without Node's types.

export interface AppInfo {
  name: string;
  version: string;
}

export type Severity = 'info' | 'warning' | 'critical';
export type Health = 'ok' | 'warning' | 'critical' | 'unknown';
export type WindowLength = '1h' | '24h' | '7d';

/** A figure now and in the period before (null: the API did not say, or no traffic). */
export interface FigurePair {
  current: number | null;
  previous: number | null;
}

export interface HeadlineFigures {
  inferences: FigurePair;
  errorRate: FigurePair;
  avgConfidence: FigurePair;
  avgLatencySeconds: FigurePair;
}

export interface AlertView {
  id: number;
  rule: string;
  model: string | null;
  className: string | null;
  severity: Severity;
  message: string;
  startedAt: string;
  /** null while firing. */
  endedAt: string | null;
  acknowledged: boolean;
  figures: Record<string, number | string | null>;
}

export interface ModelOverview {
  model: string;
  health: Health;
  figures: HeadlineFigures;
  serverVersions: string[];
  deploymentTypes: string[];
  /** The classes the model predicted in the headline window ('' is "no detection"). */
  classes: string[];
  activeAlerts: AlertView[];
}

export interface PollStateView {
  status: 'idle' | 'polling' | 'paused' | 'stopped' | 'unconfigured';
  lastPollAt: string | null;
  lastSuccessAt: string | null;
  nextPollAt: string | null;
  consecutiveFailures: number;
  /** The last failure, in one redacted line; null after a success. */
  lastError: string | null;
  /** Polls have been failing for a while (3 in a row): show the offline state. */
  offline: boolean;
}

export interface Overview {
  workspace: string | null;
  demo: boolean;
  health: Health;
  window: WindowLength;
  /** When the figures below were fetched; null before the first good poll. */
  fetchedAt: string | null;
  totals: HeadlineFigures | null;
  /** Worst first. */
  models: ModelOverview[];
  activeAlerts: AlertView[];
  /** Snoozes in force: nothing is notified for these (rule, model) pairs until `until` (null: until resolved). */
  snoozes: { rule: string; model: string | null; until: string | null }[];
  poll: PollStateView;
}

/** The workspace as it was at a stored moment (time travel in the History view). */
export interface SnapshotView {
  fetchedAt: string;
  window: { start: string; end: string };
  totals: HeadlineFigures;
  /** Worst first, with the alerts that were firing at that moment. */
  models: ModelOverview[];
  activeAlerts: AlertView[];
}

export type SeriesScope = { level: 'workspace' } | { level: 'model'; model: string } | { level: 'class'; model: string; className: string };
export type Metric = 'inferences' | 'errors' | 'errorRate' | 'avgConfidence' | 'medianConfidence' | 'avgResponseTimeSeconds' | 'detections';

export interface SeriesRequest {
  scope: SeriesScope;
  metric: Metric;
  from: string;
  to: string;
}

export interface SeriesPointView {
  at: string;
  value: number | null;
}

export interface KeyStatus {
  set: boolean;
  /** The key's last four characters, for recognising it; never more. */
  last4: string | null;
  protection: 'os' | 'basic_text' | null;
  problem: string | null;
}

export type SetKeyResult = { ok: true; status: KeyStatus } | { ok: false; reason: 'invalid' | 'unavailable' | 'needs-consent'; message: string };

export interface ConnectionTest {
  ok: boolean;
  /** What happened, for the user: "Connected: 4 models, 12,345 inferences in the last 24 h." or the error. */
  message: string;
}

/** Threshold values by rule name, then by threshold name (see docs/alerts.md). */
export type RuleThresholdValues = Record<string, Record<string, number | boolean>>;

export interface AlertSettingsView {
  /** Overrides for every model. */
  rules?: RuleThresholdValues;
  /** Overrides per model id. */
  models?: Record<string, RuleThresholdValues>;
  notifications?: {
    enabled?: boolean;
    perModelMinutes?: number;
    perHour?: number;
    criticalRepeatHours?: number;
    criticalRepeats?: number;
    quietHours?: { start: string; end: string } | null;
  };
}

export interface SettingsView {
  workspace: string | null;
  baseUrl: string;
  models: string[];
  intervalMinutes: number;
  window: WindowLength;
  demo: boolean;
  /** The first run is done (a workspace was set or the demo chosen). */
  onboarded: boolean;
  launchAtLogin: boolean;
  notificationsEnabled: boolean;
  retention: { hourlyDays: number; dailyDays: number; snapshotFullDays: number };
  /** The stored alert settings (a change to `alerts` replaces this whole object). */
  alerts: AlertSettingsView;
  /** Every rule's default thresholds, to show next to the overrides. */
  ruleDefaults: RuleThresholdValues;
  /** Every model the history has seen (for the model filter's suggestions, whatever the filter). */
  knownModels: string[];
  /** What "Reset settings" stores: every preference at its default (workspace, demo and key kept). */
  resetPatch: Record<string, unknown>;
  apiKey: KeyStatus;
  /** Problems found when the settings were loaded (a damaged file moved aside, a value reset). */
  notices: string[];
}

/** A refused change says why, overall and per field (keyed by the setting's name). */
export type SettingsResult = { ok: true; settings: SettingsView } | { ok: false; message: string; fields: Record<string, string> };

export type SnoozeFor = '1h' | '8h' | 'resolved';

export interface ExportRequest {
  format: 'csv' | 'json';
  from?: string;
  to?: string;
  snapshots?: boolean;
}

/** The most series one getSeries call may ask for (the renderer splits larger asks). */
export const MAX_SERIES_PER_CALL = 400;

/** Invoke methods: renderer → main, answered. */
export interface IpcMethods {
  appInfo: { args: []; result: AppInfo };
  getOverview: { args: []; result: Overview };
  /** Each request's points, in order: a view asks for all its sparklines at once (one call, not 40). */
  getSeries: { args: [requests: SeriesRequest[]]; result: SeriesPointView[][] };
  /** The last snapshot fetched at or before `at`, or null when the history holds none. */
  getSnapshotAt: { args: [at: string]; result: SnapshotView | null };
  listAlerts: { args: [range: { from: string; to: string }]; result: AlertView[] };
  snooze: { args: [request: { rule: string; model: string | null; for: SnoozeFor }]; result: void };
  acknowledgeAlert: { args: [id: number]; result: boolean };
  getSettings: { args: []; result: SettingsView };
  updateSettings: { args: [patch: Record<string, unknown>]; result: SettingsResult };
  setApiKey: { args: [key: string, options?: { allowWeakProtection?: boolean }]; result: SetKeyResult };
  testConnection: { args: [request: { workspace: string; baseUrl?: string; apiKey?: string }]; result: ConnectionTest };
  pollNow: { args: []; result: PollStateView };
  setPaused: { args: [paused: boolean]; result: PollStateView };
  exportHistory: { args: [request: ExportRequest]; result: { saved: boolean; path: string | null } };
}

/** Pushed events: main → renderer. */
export interface IpcEvents {
  'overview-changed': Overview;
  'poll-state': PollStateView;
  /** Open the popover on this model (a notification was clicked). */
  'open-model': string;
  /** Open the popover on a view (the tray menu's Settings…). */
  'open-view': 'now' | 'alerts' | 'history' | 'settings';
}

export type IpcMethod = keyof IpcMethods;
export type IpcEvent = keyof IpcEvents;

export type PulsebarApi = {
  [M in IpcMethod]: (...args: IpcMethods[M]['args']) => Promise<IpcMethods[M]['result']>;
} & {
  /** Subscribes to a pushed event; returns the unsubscribe function. */
  on<E extends IpcEvent>(event: E, listener: (payload: IpcEvents[E]) => void): () => void;
};

/** Every method, in one list the preload bridges (typed: a missing one does not compile). */
export const IPC_METHODS = ['appInfo', 'getOverview', 'getSeries', 'getSnapshotAt', 'listAlerts', 'snooze', 'acknowledgeAlert', 'getSettings', 'updateSettings', 'setApiKey', 'testConnection', 'pollNow', 'setPaused', 'exportHistory'] as const satisfies readonly IpcMethod[];
export const IPC_EVENTS = ['overview-changed', 'poll-state', 'open-model', 'open-view'] as const satisfies readonly IpcEvent[];

type Missing = Exclude<IpcMethod, (typeof IPC_METHODS)[number]>;
/** Compile-time check that IPC_METHODS lists every method. */
export const ALL_METHODS_LISTED: Missing extends never ? true : never = true;

/** The channel a method or event travels on. */
export const channelOf = (name: IpcMethod | IpcEvent): string => `pulsebar:${name}`;
