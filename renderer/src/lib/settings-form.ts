// The Settings and First run forms' plain logic: turning what the user typed into a settings
// change, and what main answered into words. No state and no IPC here: the components own both,
// so this file can be read (and tested) without Svelte.
import type { AlertSettingsView, KeyStatus, RuleThresholdValues, SetKeyResult, WindowLength } from '../../../electron/contract';

/** Saves one field's change; the components show the outcome next to the field. */
export interface SettingsForm {
  /** Sends `patch` to main; true when it was stored. A refusal is kept for `error(field)`. */
  save(field: string, patch: Record<string, unknown>): Promise<boolean>;
  /** Main's reason for refusing the field's last change, until it is changed again. */
  error(field: string): string | undefined;
  /** The field's last change was stored a moment ago. */
  saved(field: string): boolean;
}

/** What a field gives its control: its id, and whether and by what it is described. */
export interface ControlProps {
  id: string;
  describedby: string | undefined;
  invalid: boolean;
}

/** The aria-describedby of a field's control: its error first (FieldMessages' ids), then its hint. */
export function describedBy(id: string, hint: string | undefined, error: string | undefined): string | undefined {
  const ids = [error === undefined ? null : `${id}-error`, hint ? `${id}-hint` : null].filter((part) => part !== null);
  return ids.length === 0 ? undefined : ids.join(' ');
}

/** A field's ids and state as an input's attributes. */
export function controlAttrs(control: ControlProps): { id: string; 'aria-describedby': string | undefined; 'aria-invalid': boolean } {
  return { id: control.id, 'aria-describedby': control.describedby, 'aria-invalid': control.invalid };
}

export const WINDOWS: readonly { value: WindowLength; label: string }[] = [
  { value: '1h', label: '1 hour' },
  { value: '24h', label: '24 hours' },
  { value: '7d', label: '7 days' },
];

/**
 * A number as typed, for main to check. Text that is not a number is sent as it is, so that the
 * refusal shown is main's, with its reason, and not a guess made here.
 */
export function typedNumber(text: string): number | string {
  const trimmed = text.trim();
  if (trimmed === '') return trimmed;
  const value = Number(trimmed);
  return Number.isFinite(value) ? value : text;
}

/** "a, b ,,c" → ["a", "b", "c"]: the model filter typed as a comma list. */
export function parseModelList(text: string): string[] {
  return [...new Set(text.split(',').map((id) => id.trim()).filter((id) => id !== ''))];
}

/** The key as the renderer may show it: never more than its last four characters. */
export function maskedKey(status: KeyStatus): string {
  if (!status.set) return 'No key';
  return status.last4 === null ? '••••' : `•••• ${status.last4}`;
}

/** How the stored key is protected, in the user's words; null when there is nothing to say. */
export function protectionNote(status: KeyStatus): string | null {
  if (!status.set) return null;
  if (status.protection === 'os') return 'Encrypted by your system’s keychain.';
  if (status.protection === 'basic_text') {
    return 'Weak protection: no system keyring was found, so anyone who can read your files could recover this key. Install and unlock a keyring (GNOME Keyring or KWallet), restart Pulsebar and enter the key again.';
  }
  return null;
}

/** What to do with setApiKey's answer: done, ask for consent to weak protection, or show why not. */
export type KeyOutcome = { kind: 'saved'; status: KeyStatus } | { kind: 'consent'; message: string } | { kind: 'refused'; message: string };

export function keyOutcome(result: SetKeyResult): KeyOutcome {
  if (result.ok) return { kind: 'saved', status: result.status };
  return result.reason === 'needs-consent' ? { kind: 'consent', message: result.message } : { kind: 'refused', message: result.message };
}

/**
 * The stored alert settings with notification settings changed. A change to `alerts` replaces
 * the whole object in main, so everything else (thresholds, per-model overrides) is carried over.
 */
export function withNotifications(alerts: AlertSettingsView, change: NonNullable<AlertSettingsView['notifications']>): AlertSettingsView {
  return { ...alerts, notifications: { ...alerts.notifications, ...change } };
}

/** The stored alert settings with one workspace-wide threshold set, or (undefined) back to its default. */
export function withRuleOverride(alerts: AlertSettingsView, rule: string, key: string, value: number | boolean | string | undefined): AlertSettingsView {
  const rules: Record<string, Record<string, unknown>> = { ...alerts.rules };
  const ruleValues: Record<string, unknown> = { ...rules[rule] };
  if (value === undefined) delete ruleValues[key];
  else ruleValues[key] = value;
  if (Object.keys(ruleValues).length === 0) delete rules[rule];
  else rules[rule] = ruleValues;
  const next: AlertSettingsView = { ...alerts, rules: rules as RuleThresholdValues };
  // An empty `rules` is the same as none; leaving it out keeps the settings file tidy.
  if (Object.keys(rules).length === 0) delete next.rules;
  return next;
}

/** The workspace-wide override of a threshold, if the user set one. */
export function ruleOverride(alerts: AlertSettingsView, rule: string, key: string): number | boolean | undefined {
  return alerts.rules?.[rule]?.[key];
}

/** The quiet hours offered when the user turns them on: the night, as most people want them. */
export const DEFAULT_QUIET_HOURS = { start: '22:00', end: '07:00' } as const;

