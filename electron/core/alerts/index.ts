// The alerting surface: import from here rather than from the parts.
export { createAlertMonitor } from './monitor';
export type { AlertMonitor, AlertMonitorOptions, MonitorReport } from './monitor';
export { parseAlertSettings } from './alert-settings';
export type { ResolvedAlertSettings } from './alert-settings';
export { DEFAULT_RULE_THRESHOLDS, ThresholdError, parseAlertThresholdSettings, resolveThresholds } from './thresholds';
export type { AlertThresholdSettings, ResolvedThresholds, RuleThresholds, ThresholdOverrides } from './thresholds';
export { DEFAULT_POLICY_SETTINGS, RULE_LABELS, resolvePolicySettings } from './policy';
export type { PolicySettings, QuietHours, Snooze } from './policy';
export type { OpenAlert } from './lifecycle';
export { RULE_NAMES, alertKeyId } from './types';
export type { AlertEvent, AlertFigures, AlertKey, AlertNotification, AlertState, Finding, NotificationKind, Notifier, RuleName, Severity, Verdict } from './types';
