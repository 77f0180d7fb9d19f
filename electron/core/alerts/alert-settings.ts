// All alert settings in one object, as a settings file or the app's settings hold them:
// { rules, models } (thresholds.ts) and { notifications } (policy-settings.ts).
import { DEFAULT_POLICY_SETTINGS, resolvePolicySettings, type PolicySettings } from './policy-settings';
import { parseAlertThresholdSettings, resolveThresholds, type ResolvedThresholds } from './thresholds';

export interface ResolvedAlertSettings {
  readonly thresholds: ResolvedThresholds;
  readonly policy: PolicySettings;
}

const TOP_LEVEL = ['rules', 'models', 'notifications'] as const;
const NOTIFICATION_KEYS = Object.keys(DEFAULT_POLICY_SETTINGS);

/** Checks settings read from JSON; throws a RangeError naming the bad setting and what is allowed. */
export function parseAlertSettings(input: unknown): ResolvedAlertSettings {
  if (input === undefined || input === null) return { thresholds: resolveThresholds(), policy: resolvePolicySettings() };
  if (typeof input !== 'object' || Array.isArray(input)) throw new RangeError('Alert settings must be a JSON object with rules, models and/or notifications.');
  const record = input as Record<string, unknown>;
  const unknown = Object.keys(record).filter((key) => !(TOP_LEVEL as readonly string[]).includes(key));
  if (unknown.length > 0) throw new RangeError(`alerts.${unknown[0]} is not a known setting; the known ones are ${TOP_LEVEL.join(', ')}.`);
  const thresholds = resolveThresholds(parseAlertThresholdSettings({ ...(record.rules === undefined ? {} : { rules: record.rules }), ...(record.models === undefined ? {} : { models: record.models }) }));
  const notifications = record.notifications ?? {};
  if (typeof notifications !== 'object' || notifications === null || Array.isArray(notifications)) throw new RangeError('alerts.notifications must be an object.');
  const strange = Object.keys(notifications).filter((key) => !NOTIFICATION_KEYS.includes(key));
  if (strange.length > 0) throw new RangeError(`alerts.notifications.${strange[0]} is not a known setting; the known ones are ${NOTIFICATION_KEYS.join(', ')}.`);
  try {
    return { thresholds, policy: resolvePolicySettings(notifications) };
  } catch (error) {
    throw error instanceof RangeError ? new RangeError(`alerts.notifications.${error.message}`) : error;
  }
}
