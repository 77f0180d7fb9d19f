// The alerting contract: what rules conclude, what the lifecycle records and what leaves the
// core as a notification. Shared by the detector, the policy, the history and the shell.

export const RULE_NAMES = ['ModelSilent', 'TrafficDrop', 'ErrorRateUp', 'ConfidenceDrop', 'ClassMixShift', 'LatencyUp', 'ServerVersionChange', 'MonitorUnavailable'] as const;
export type RuleName = (typeof RULE_NAMES)[number];

export type Severity = 'info' | 'warning' | 'critical';

/** One alert's identity: a rule on the workspace (model null), a model, or one class of a model. */
export interface AlertKey {
  readonly rule: RuleName;
  readonly model: string | null;
  /** A class of the model ('' is the no-detection class), or null for the model as a whole. */
  readonly className: string | null;
}

/** The figures behind a finding, for the message, the inbox and the stored event. */
export type AlertFigures = Readonly<Record<string, number | string | null>>;

/**
 * What one rule concluded at one poll for one key:
 * - breach: the firing condition holds;
 * - recovered: the recovery condition (the hysteresis) holds;
 * - holding: neither (between the firing and the recovery thresholds);
 * - unknown: too little data to say; the alert keeps its state.
 */
export type Verdict = 'breach' | 'holding' | 'recovered' | 'unknown';

export interface Finding {
  readonly key: AlertKey;
  readonly verdict: Verdict;
  readonly severity: Severity;
  readonly figures: AlertFigures;
  /** Evidence in words, without the model's name: "helmet confidence 0.86 → 0.66 in the last hour". */
  readonly summary: string;
}

export type AlertState = 'ok' | 'pending' | 'firing' | 'recovering';

/** A change the lifecycle reports: an alert started firing or was resolved. */
export interface AlertEvent {
  readonly at: Date;
  readonly event: 'firing' | 'resolved';
  readonly key: AlertKey;
  readonly severity: Severity;
  /** One line with the model's name: "hard-hat: helmet confidence 0.86 → 0.66 in the last hour". */
  readonly message: string;
  readonly figures: AlertFigures;
  /** When the alert started firing (equal to `at` for a firing event). */
  readonly startedAt: Date;
}

export type NotificationKind = 'alert' | 'repeat' | 'resolved' | 'digest';

/** What leaves the core through a Notifier: one native notification. */
export interface AlertNotification {
  readonly at: Date;
  readonly kind: NotificationKind;
  /** The model it is about; null for the workspace (MonitorUnavailable) and for digests. */
  readonly model: string | null;
  /** The highest severity among its alerts. */
  readonly severity: Severity;
  readonly title: string;
  readonly body: string;
  /** The alerts it speaks for, most severe first. */
  readonly alerts: readonly AlertKey[];
}

/** Where notifications go: Electron's Notification in the app, stdout or notify-send in the CLI. */
export interface Notifier {
  notify(notification: AlertNotification): void | Promise<void>;
}

export function alertKeyId(key: AlertKey): string {
  return JSON.stringify([key.rule, key.model, key.className]);
}
